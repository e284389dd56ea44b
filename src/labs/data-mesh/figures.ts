/** The lab's figures, computed from the facts its services recorded; the Measured panel and the comparison read them. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { MeshFact } from './messages.ts';

type Facts = readonly RecordedFact<MeshFact>[];
type Of<K extends MeshFact['kind']> = Extract<MeshFact, { kind: K }>;

function only<K extends MeshFact['kind']>(facts: Facts, kind: K): Of<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [f.fact as Of<K>] : []));
}

export interface QueryFigures {
  readonly query: string;
  readonly runs: number;
  readonly failed: number;
  /** Postgres's SQLSTATE and message at the first failure. */
  readonly firstError: string | null;
}

export function consumerFigures(facts: Facts) {
  const answers = only(facts, 'consumer-query');
  const queries = [...new Set(answers.map((a) => a.query))].map((query): QueryFigures => {
    const mine = answers.filter((a) => a.query === query);
    const first = mine.find((a) => !a.ok);
    return {
      query,
      runs: mine.length,
      failed: mine.filter((a) => !a.ok).length,
      firstError: first ? `${first.code} ${first.message}` : null,
    };
  });
  return {
    runs: answers.length,
    failed: answers.filter((a) => !a.ok).length,
    /** Queries that failed at least once: each is a consumer a producer's change broke. */
    broken: queries.filter((q) => q.failed > 0).length,
    codes: [...new Set(answers.filter((a) => !a.ok).map((a) => a.code))],
    queries,
  };
}

export function changeFigures(facts: Facts) {
  const changes = only(facts, 'change');
  return {
    changes,
    applied: changes.filter((c) => c.outcome === 'applied').length,
    refused: changes.filter((c) => c.outcome === 'refused-published-v2').length,
  };
}

/** Distinct personal columns the policy check found unmasked, as domain:table.column. */
export function policyFigures(facts: Facts) {
  const found = only(facts, 'policy').flatMap((p) => p.findings.map((f) => `${f.domain}:${f.table}.${f.column}`));
  const checks = only(facts, 'policy');
  return { violations: [...new Set(found)], firstAt: facts.find((f) => f.fact.kind === 'policy')?.at ?? null, checks: checks.length };
}

export interface FreshnessFigures {
  readonly domain: string;
  readonly table: string;
  readonly sloMs: number;
  readonly checks: number;
  readonly worstMs: number;
  readonly overSlo: number;
}

export function freshnessFigures(facts: Facts): FreshnessFigures[] {
  const readings = only(facts, 'freshness');
  const keys = [...new Set(readings.map((r) => `${r.domain}:${r.table}`))].sort();
  return keys.map((key) => {
    const mine = readings.filter((r) => `${r.domain}:${r.table}` === key);
    const first = mine[0];
    return {
      domain: first?.domain ?? '',
      table: first?.table ?? '',
      sloMs: first?.sloMs ?? 0,
      checks: mine.length,
      worstMs: Math.max(0, ...mine.map((r) => r.stalenessMs)),
      overSlo: mine.filter((r) => r.stalenessMs > r.sloMs).length,
    };
  });
}

/** The last probe of each domain. */
export function probeFigures(facts: Facts) {
  const last = new Map(only(facts, 'probe').map((p) => [p.domain, p.rows]));
  return [...last].map(([domain, rows]) => ({
    domain,
    relations: rows.length,
    productsRead: rows.filter((r) => r.kind === 'product' && r.outcome === 'read').length,
    products: rows.filter((r) => r.kind === 'product').length,
    internalRead: rows.filter((r) => r.kind === 'internal' && r.outcome === 'read').map((r) => r.relation),
    internal: rows.filter((r) => r.kind === 'internal').length,
  }));
}
