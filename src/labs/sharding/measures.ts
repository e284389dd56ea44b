/** What the lab measures from the facts its services recorded: every figure comes from the run itself. */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { LabFact, QueryFact, Sharding } from './messages.ts';
import { ALL_SHARDS, REGIONS } from './settings.ts';

type Facts = readonly RecordedFact<LabFact>[];

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));

export interface ShardLoad {
  readonly shard: string;
  readonly rows: number;
  readonly movedIn: number;
  readonly requests: number;
}

/** Rows per shard as each shard last counted them, and the inserts and reads each shard served. */
export function loadByShard(facts: Facts): ShardLoad[] {
  return ALL_SHARDS.map((shard) => {
    const counts = facts.flatMap((f) => (f.fact.kind === 'rows' && f.fact.shard === shard ? [f.fact] : []));
    const last = counts.at(-1);
    const requests = facts.filter(
      (f) => f.fact.kind === 'handled' && f.fact.shard === shard && (f.fact.what === 'insert' || f.fact.what === 'read'),
    ).length;
    return { shard, rows: last?.rows ?? 0, movedIn: last?.movedIn ?? 0, requests };
  });
}

export interface LoadFigures {
  readonly rows: number;
  readonly requests: number;
  readonly hottestRowShare: number;
  readonly hottestRequestShare: number;
  readonly hottest: string;
}

export function loadFigures(facts: Facts): LoadFigures {
  const shards = loadByShard(facts);
  const rows = shards.reduce((n, s) => n + s.rows, 0);
  const requests = shards.reduce((n, s) => n + s.requests, 0);
  const hottest = shards.reduce((a, s) => (s.rows > a.rows ? s : a));
  return {
    rows,
    requests,
    hottestRowShare: percent(hottest.rows, rows),
    hottestRequestShare: percent(Math.max(...shards.map((s) => s.requests)), requests),
    hottest: hottest.shard,
  };
}

export interface LatencyFigures {
  readonly scope: 'single' | 'scatter';
  readonly queries: number;
  readonly failed: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

export function latencyFigures(facts: Facts): LatencyFigures[] {
  const queries = facts.flatMap((f) => (f.fact.kind === 'query' ? [f.fact] : []));
  return (['single', 'scatter'] as const).map((scope) => {
    const mine = queries.filter((q: QueryFact) => q.scope === scope);
    const ok = mine.filter((q) => q.outcome === 'ok').map((q) => q.latencyMs);
    return { scope, queries: mine.length, failed: mine.length - ok.length, meanMs: mean(ok), maxMs: Math.max(0, ...ok) };
  });
}

/** Rows that landed on a shard by moving, against the rows there were, once a resharding ended. */
export function reshardFigures(facts: Facts): { moved: number; rows: number } | undefined {
  const done = facts.find((f) => f.fact.kind === 'resharded');
  if (done?.fact.kind !== 'resharded') return undefined;
  return { moved: loadByShard(facts).reduce((n, s) => n + s.movedIn, 0), rows: done.fact.rows };
}

export interface ConflictFigures {
  readonly accepted: number;
  readonly lost: number;
  readonly equal: boolean;
  readonly tags: string;
  readonly reopened: number;
}

/** Accepted changes against what each region's ticket last showed (as the region read it from its database). */
export function conflictFigures(facts: Facts): ConflictFigures {
  const accepted = facts.flatMap((f) => (f.fact.kind === 'accepted' ? [f.fact.change] : []));
  const last = REGIONS.map((r) => facts.flatMap((f) => (f.fact.kind === 'region-state' && f.fact.region === r ? [f.fact] : [])).at(-1));
  const reopens = accepted.filter((c) => c === 'reopen').length;
  const lostIn = (state: (typeof last)[number]) => {
    const tags = new Set(state?.tags ? state.tags.split(',') : []);
    const tagLost = accepted.filter((c) => c.startsWith('tag ') && !tags.has(c.slice(4))).length;
    return tagLost + Math.max(0, reopens - (state?.reopened ?? 0));
  };
  const [eu, us] = last;
  return {
    accepted: accepted.length,
    lost: Math.max(lostIn(eu), lostIn(us)),
    equal: eu?.tags === us?.tags && eu?.reopened === us?.reopened,
    tags: eu?.tags ?? '',
    reopened: eu?.reopened ?? 0,
  };
}

export const measures: readonly MeasureSpec<Sharding>[] = [
  {
    id: 'load',
    label: 'Rows and requests per shard',
    measure(facts) {
      const shards = loadByShard(facts).filter((s) => s.shard !== 'shard-4' || s.rows > 0 || s.requests > 0);
      const f = loadFigures(facts);
      return {
        summary:
          f.rows === 0
            ? 'No ticket stored yet.'
            : `${f.hottest} holds ${f.hottestRowShare} % of ${f.rows} rows; the busiest shard served ${f.hottestRequestShare} % of ${f.requests} requests.`,
        rows: shards.map((s) => ({
          shard: s.shard,
          rows: s.rows,
          '% rows': percent(s.rows, f.rows),
          requests: s.requests,
          'moved in': s.movedIn,
        })),
      };
    },
  },
  {
    id: 'latency',
    label: 'Queries on one shard against scatter-gather',
    measure(facts) {
      const rows = latencyFigures(facts);
      return {
        summary: rows.every((r) => r.queries === 0)
          ? 'No query yet.'
          : rows.map((r) => `${r.scope}: ${r.queries} (${r.failed} failed), mean ${r.meanMs} ms`).join('; '),
        rows: rows.map((r) => ({ scope: r.scope, queries: r.queries, failed: r.failed, 'mean ms': r.meanMs, 'max ms': r.maxMs })),
      };
    },
  },
  {
    id: 'conflicts',
    label: 'Writes in both regions',
    measure(facts) {
      const c = conflictFigures(facts);
      const moved = reshardFigures(facts);
      return {
        summary:
          c.accepted === 0
            ? moved
              ? `Resharding moved ${moved.moved} of ${moved.rows} rows.`
              : 'No region write yet.'
            : `${c.accepted} changes accepted, ${c.lost} lost; regions ${c.equal ? 'agree' : 'differ'}.`,
        rows: [
          { figure: 'region changes accepted', value: c.accepted },
          { figure: 'changes lost', value: c.lost },
          { figure: 'rows moved by resharding', value: moved ? `${moved.moved} of ${moved.rows}` : '–' },
        ],
      };
    },
  },
];
