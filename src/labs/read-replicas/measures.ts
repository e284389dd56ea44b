/** What the lab measures from the facts its services recorded: every figure comes from the run itself. */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import { POLICIES, POLICY_LABELS, type LabFact, type Policy, type ReadFact, type ReadReplicas } from './messages.ts';
import { FOLLOWERS, LAG_BOUND_MS } from './settings.ts';

/** One routing policy's reads in a run: what the sessions felt, where the reads went, how long they took. */
export interface PolicyFigures {
  readonly policy: Policy;
  readonly label: string;
  readonly reads: number;
  readonly readYourWrites: number;
  readonly monotonic: number;
  readonly causal: number;
  readonly refused: number;
  /** Reads served from more than LAG_BOUND_MS behind the leader. */
  readonly servedPastBound: number;
  readonly byLeader: number;
  readonly byFollowers: number;
  readonly meanLatencyMs: number;
  readonly maxLatencyMs: number;
}

const readsOf = (facts: readonly RecordedFact<LabFact>[]) => facts.flatMap((f) => (f.fact.kind === 'read' ? [f.fact] : []));

function figures(policy: Policy, reads: readonly ReadFact[]): PolicyFigures {
  const served = reads.filter((r) => r.outcome === 'served');
  const count = (pick: (r: ReadFact) => boolean) => reads.filter(pick).length;
  const latencies = reads.map((r) => r.latencyMs);
  return {
    policy,
    label: POLICY_LABELS[policy],
    reads: reads.length,
    readYourWrites: count((r) => r.anomalies.readYourWrites),
    monotonic: count((r) => r.anomalies.monotonic),
    causal: count((r) => r.anomalies.causal),
    refused: reads.length - served.length,
    servedPastBound: served.filter((r) => r.staleMs > LAG_BOUND_MS).length,
    byLeader: served.filter((r) => r.servedBy === 'leader').length,
    byFollowers: served.filter((r) => r.servedBy !== 'leader').length,
    meanLatencyMs: latencies.length === 0 ? 0 : Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    maxLatencyMs: Math.max(0, ...latencies),
  };
}

/** One row per policy that routed at least one read, in the order of POLICIES. */
export function byPolicy(facts: readonly RecordedFact<LabFact>[]): PolicyFigures[] {
  const reads = readsOf(facts);
  return POLICIES.flatMap((policy) => {
    const mine = reads.filter((r) => r.policy === policy);
    return mine.length === 0 ? [] : [figures(policy, mine)];
  });
}

/** Per follower: how long after the leader's commit each entry was replayed. */
export function replicationLag(facts: readonly RecordedFact<LabFact>[]) {
  const committedAt = new Map<number, number>();
  for (const { at, fact } of facts) if (fact.kind === 'committed') committedAt.set(fact.lsn, at);
  return FOLLOWERS.map((follower) => {
    const lags = facts.flatMap(({ at, fact }) =>
      fact.kind === 'replayed' && fact.follower === follower
        ? fact.lsns.flatMap((lsn) => (committedAt.has(lsn) ? [at - (committedAt.get(lsn) ?? at)] : []))
        : [],
    );
    return {
      follower,
      'entries replayed': lags.length,
      'mean lag (ms)': lags.length === 0 ? 0 : Math.round(lags.reduce((a, b) => a + b, 0) / lags.length),
      'max lag (ms)': Math.max(0, ...lags),
    };
  });
}

export const measures: readonly MeasureSpec<ReadReplicas>[] = [
  {
    id: 'anomalies',
    label: 'What the sessions felt, per routing policy',
    measure(facts) {
      const rows = byPolicy(facts);
      if (rows.length === 0) return { summary: 'No read yet.', rows: [] };
      const felt = rows.reduce((n, r) => n + r.readYourWrites + r.monotonic + r.causal, 0);
      return {
        summary: `${rows.reduce((n, r) => n + r.reads, 0)} reads so far; ${felt} anomal${felt === 1 ? 'y' : 'ies'} felt.`,
        // Policies by the id the router's settings and reads show; short headers fit the panel.
        rows: rows.map((r) => ({
          policy: r.policy,
          reads: r.reads,
          'own missing': r.readYourWrites,
          'seen gone': r.monotonic,
          'no parent': r.causal,
        })),
      };
    },
  },
  {
    id: 'load',
    label: 'Who served the reads, how stale, how fast',
    measure(facts) {
      const rows = byPolicy(facts);
      if (rows.length === 0) return { summary: 'No read yet.', rows: [] };
      const leader = rows.reduce((n, r) => n + r.byLeader, 0);
      const slowest = rows.reduce((a, r) => (r.maxLatencyMs > a.maxLatencyMs ? r : a));
      return {
        summary: `The leader served ${leader} of ${rows.reduce((n, r) => n + r.reads, 0)} reads. Slowest read: ${slowest.maxLatencyMs.toLocaleString('en')} ms (${slowest.policy}).`,
        rows: rows.map((r) => ({
          policy: r.policy,
          leader: r.byLeader,
          refused: r.refused,
          [`> ${LAG_BOUND_MS / 1000} s stale`]: r.servedPastBound,
          'mean ms': r.meanLatencyMs,
        })),
      };
    },
  },
  {
    id: 'lag',
    label: 'Replication lag, from the leader’s commit to each follower’s replay',
    measure(facts) {
      const rows = replicationLag(facts);
      const worst = rows.reduce((a, r) => (r['max lag (ms)'] > a['max lag (ms)'] ? r : a));
      return {
        summary:
          worst['entries replayed'] === 0
            ? 'No comment replayed yet.'
            : `Longest lag so far: ${worst['max lag (ms)'].toLocaleString('en')} ms on ${worst.follower}.`,
        rows,
      };
    },
  },
];
