/** The chapter's exercises, checked against the lab's real databases (and, for one, on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Cell, Database } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { ANALYTICS, MONOLITH_B, type FaultId } from './messages.ts';

/** How far the store is behind monolith B, from both databases. */
export async function lag(dbs: ReadonlyMap<string, Database>) {
  const [m] = await select(
    requireDb(dbs, MONOLITH_B),
    "SELECT coalesce(max(change_seq), 0)::int AS head, coalesce(max(changed_at_ms), 0)::int AS newest, (count(*) FILTER (WHERE status <> 'closed'))::int AS unfinished FROM tickets",
  );
  const [s] = await select(
    requireDb(dbs, ANALYTICS),
    "SELECT (SELECT copied_seq FROM etl_state) AS copied, coalesce(max(changed_at_ms), 0) AS newest, sum(status <> 'closed') AS unfinished FROM ticket_facts",
  );
  return {
    changes: Number(m?.['head'] ?? 0) - Number(s?.['copied'] ?? 0),
    staleMs: Number(m?.['newest'] ?? 0) - Number(s?.['newest'] ?? 0),
    unfinishedInMonolith: Number(m?.['unfinished'] ?? 0),
    unfinishedInStore: Number(s?.['unfinished'] ?? 0),
  };
}

export const STALE_ENOUGH = 10;

const makeItStale: ExerciseDefinition = {
  id: 'make-it-stale',
  title: `Leave the analytics store at least ${STALE_ENOUGH} changes behind`,
  async check(ctx) {
    const l = await lag(ctx.databases);
    if (l.changes < STALE_ENOUGH) {
      return {
        passed: false,
        message:
          l.changes <= 0
            ? 'The analytics store has every change monolith B has. Something has to stop the copy job while tickets keep changing.'
            : `The store is ${l.changes} change${l.changes === 1 ? '' : 's'} behind; ${STALE_ENOUGH} are needed. Keep the ticket workload running while the copy job cannot copy.`,
      };
    }
    return {
      passed: true,
      message: `The store is ${l.changes} changes and ${l.staleMs.toLocaleString('en')} ms of virtual time behind monolith B. It counts ${l.unfinishedInStore} tickets not yet closed where the monolith has ${l.unfinishedInMonolith}, and nothing on the operational side noticed.`,
    };
  },
};

/** What the exercise asks for, worked out on monolith B: the truth the store must reproduce once caught up. */
const TRUTH_SQL = `SELECT c.plan, count(*)::int AS tickets, (count(*) FILTER (WHERE t.status <> 'closed'))::int AS not_closed
FROM tickets t JOIN customers c ON c.id = t.customer_id GROUP BY c.plan ORDER BY c.plan`;

const cells = (row: readonly Cell[]) =>
  row
    .slice(0, 3)
    .map((c) => (typeof c === 'number' ? String(c) : String(c ?? '')))
    .join(' | ');

async function comparePlans(databases: ReadonlyMap<string, Database>, sql: string, where: string): Promise<string | undefined> {
  const l = await lag(databases);
  if (l.changes > 0)
    return `${where} the copy job had not caught up yet (${l.changes} changes behind), so no answer could match. Run the copy job first.`;
  const truth = (await select(requireDb(databases, MONOLITH_B), TRUTH_SQL)).map((r) => [
    r['plan'] ?? null,
    r['tickets'] ?? null,
    r['not_closed'] ?? null,
  ]);
  const result = await requireDb(databases, ANALYTICS).query(sql);
  if (!result.ok) return `${where} your query failed: ${result.error.message}`;
  const got = (result.results.at(-1)?.rows ?? []).map(cells).sort();
  const want = truth.map(cells).sort();
  if (got.length !== want.length) return `${where} monolith B has ${want.length} plans, and your query returned ${got.length} rows.`;
  const wrong = want.filter((row) => !got.includes(row));
  if (wrong.length > 0) return `${where} the monolith says ${wrong.join('; ')} (plan | tickets | not closed), and your query did not.`;
  return undefined;
}

/** A workload on another seed, with the copy job stopped half way and started again by hand. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0x0c1a01,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'workload' } },
      { step: 0, input: { kind: 'action', actionId: 'workload' } },
    ],
  },
  {
    seed: 0x0c1a02,
    inputs: [
      { step: 0, input: { kind: 'fault', faultId: 'copy-job-stopped' satisfies FaultId, on: true } },
      { step: 0, input: { kind: 'action', actionId: 'workload' } },
      { step: 120, input: { kind: 'fault', faultId: 'copy-job-stopped' satisfies FaultId, on: false } },
      { step: 120, input: { kind: 'action', actionId: 'copy-now' } },
    ],
  },
];

const reportByPlan: ExerciseDefinition = {
  id: 'report-by-plan',
  title: 'Count tickets per plan on the analytics store',
  answer: { kind: 'sql', service: ANALYTICS, placeholder: 'SELECT plan, … FROM ticket_facts …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query for the analytics store: plan, tickets, tickets not closed.' };
    const own = await comparePlans(ctx.databases, sql, 'In your lab');
    if (own) return { passed: false, message: own };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run: HiddenRunView) =>
        comparePlans(run.databases, sql, 'On a run you have not seen,'),
      );
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'Your query matches monolith B in your lab and on two runs you never saw, without a single join: the copy job did the joining once, when it copied each ticket.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [makeItStale, reportByPlan];
