/**
 * The access audit: take each role in turn and try to read each column, one at a time, and record what
 * Postgres answered. Nothing here decides who may read what; the grants and policies in the database do,
 * and a probe only asks. The customer service runs it for the reader, the invariant and the checks run it
 * on the database directly.
 */
import type { QueryResult } from '../engine/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { ProbeOutcome } from './messages.ts';
import { CUSTOMER_COLUMNS, MASKED_COLUMNS, MASKED_VIEW, MAY_READ, ROLES, type Role } from './settings.ts';

export interface ProbeResult {
  readonly role: Role;
  readonly relation: string;
  readonly column: string;
  readonly outcome: ProbeOutcome;
  readonly rows: number;
  /** Postgres's SQLSTATE when it refused: 42501 for a privilege, 42P01 for a relation that does not exist. */
  readonly code: string;
  /** The values the role read, for the checks on masking and on rows. */
  readonly values: readonly string[];
}

type Run = (sql: string) => Promise<QueryResult>;

export const PROBED: readonly { readonly relation: string; readonly columns: readonly string[] }[] = [
  { relation: 'customers', columns: CUSTOMER_COLUMNS },
  { relation: MASKED_VIEW, columns: MASKED_COLUMNS },
];

/** Reads one column with whatever role is set, and classifies Postgres's answer. */
async function readColumn(run: Run, relation: string, column: string): Promise<Omit<ProbeResult, 'role'>> {
  const result = await run(`SELECT ${column}::text AS v FROM ${relation} ORDER BY 1`);
  if (!result.ok) {
    const outcome: ProbeOutcome = result.error.code === '42501' ? 'denied' : 'missing';
    return { relation, column, outcome, rows: 0, code: result.error.code ?? '', values: [] };
  }
  const values = rowsOf(result).map((r) => String(r['v']));
  return { relation, column, outcome: 'read', rows: values.length, code: '', values };
}

/**
 * Every probed column as one role. The role is set and reset in statements of their own, so a refused read
 * (which fails only its own statement) never leaves it set for whoever runs next.
 */
async function probeRole(run: Run, role: Role, targets: typeof PROBED): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  await run('RESET ROLE');
  await run(`SET ROLE ${role}`);
  try {
    for (const { relation, columns } of targets)
      for (const column of columns) results.push({ role, ...(await readColumn(run, relation, column)) });
  } finally {
    await run('RESET ROLE');
  }
  return results;
}

/** One column as one role. */
export async function probeOne(run: Run, role: Role, relation: string, column: string): Promise<ProbeResult> {
  const [result] = await probeRole(run, role, [{ relation, columns: [column] }]);
  if (!result) throw new Error('a probe of one column gave no result');
  return result;
}

export async function probeAll(run: Run): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const role of ROLES) results.push(...(await probeRole(run, role, PROBED)));
  return results;
}

/** Probes that read a column the role was not meant to read. */
export function overreach(results: readonly ProbeResult[]): ProbeResult[] {
  return results.filter((r) => r.outcome === 'read' && !(MAY_READ[r.role][r.relation] ?? []).includes(r.column));
}
