/**
 * The lab's figures, computed from the facts of one run (and the reader's fault switches in its trace):
 * the Measured panel and the chapter's table both read these, so every number shown comes from a run.
 */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import type { ReadPathFact, Variant } from './messages.ts';

export type Recorded = RecordedFact<ReadPathFact>;
type Of<K extends ReadPathFact['kind']> = Extract<ReadPathFact, { kind: K }>;
type Timed<K extends ReadPathFact['kind']> = { readonly at: number; readonly fact: Of<K> };

export function factsOfKind<K extends ReadPathFact['kind']>(facts: readonly Recorded[], kind: K): Timed<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [{ at: f.at, fact: f.fact as Of<K> }] : []));
}

/** Nearest-rank percentile of `values` (0 when there are none). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** When each version of each customer was committed at the owner; every customer starts at version 1, at 0. */
class OwnerHistory {
  readonly #commits = new Map<string, { version: number; at: number }[]>();

  constructor(facts: readonly Recorded[]) {
    for (const { at, fact } of factsOfKind(facts, 'changed')) {
      const list = this.#commits.get(fact.customerId) ?? [];
      list.push({ version: fact.version, at });
      this.#commits.set(fact.customerId, list);
    }
  }

  /** How long the owner had held a newer version than `version` at `at`; 0 if `version` was current. */
  staleFor(customerId: string, version: number, at: number): number {
    const newer = (this.#commits.get(customerId) ?? []).find((c) => c.version > version && c.at <= at);
    return newer ? at - newer.at : 0;
  }
}

/** The stretches of virtual time during which the reader (or the standard run) had Customers, or Support profiles, unreachable. */
export function outages(
  trace: readonly TraceEntry[],
  faultId: 'owner-down' | 'profiles-down' = 'owner-down',
): { from: number; until: number }[] {
  const windows: { from: number; until: number }[] = [];
  let since: number | undefined;
  for (const e of trace) {
    if (e.type !== 'input' || e.input.kind !== 'fault' || e.input.faultId !== faultId) continue;
    if (e.input.on && since === undefined) since = e.at;
    if (!e.input.on && since !== undefined) {
      windows.push({ from: since, until: e.at });
      since = undefined;
    }
  }
  if (since !== undefined) windows.push({ from: since, until: Infinity });
  return windows;
}

export interface VariantFigures {
  readonly variant: Variant;
  readonly reads: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Reads with at least one ticket whose customer could not be shown. */
  readonly failed: number;
  /** Of those, reads asked for while Customers was unreachable, and all reads asked for then. */
  readonly failedInOutage: number;
  readonly readsInOutage: number;
  /** The same while Support profiles, the middle of the chain, was unreachable. */
  readonly failedInProfilesOutage: number;
  readonly readsInProfilesOutage: number;
  /** Reads that showed at least one customer older than the owner's version at that moment. */
  readonly stale: number;
  readonly staleMaxAgeMs: number;
  /** Reads asked for after the owner's schema change, and how many of them failed. */
  readonly afterSchemaChange: number;
  readonly failedAfterSchemaChange: number;
  readonly schemaError: string | undefined;
}

export function variantFigures(facts: readonly Recorded[], trace: readonly TraceEntry[]): VariantFigures[] {
  const history = new OwnerHistory(facts);
  const windows = outages(trace);
  const middleWindows = outages(trace, 'profiles-down');
  const schemaChangedAt = factsOfKind(facts, 'schema-changed')[0]?.at ?? Infinity;
  const reads = factsOfKind(facts, 'read');
  const variants = [...new Set(reads.map((r) => r.fact.variant))];
  return variants.map((variant) => {
    const mine = reads.filter((r) => r.fact.variant === variant);
    const failed = (r: Timed<'read'>) => r.fact.error !== undefined || r.fact.rows.some((row) => row.version === null);
    const within = (ws: readonly { from: number; until: number }[]) =>
      mine.filter((r) => ws.some((w) => r.fact.issuedAt >= w.from && r.fact.issuedAt < w.until));
    const inOutage = within(windows);
    const inMiddleOutage = within(middleWindows);
    const ages = mine.map((r) =>
      Math.max(0, ...r.fact.rows.map((row) => (row.version === null ? 0 : history.staleFor(row.customerId, row.version, r.at)))),
    );
    const after = mine.filter((r) => r.fact.issuedAt >= schemaChangedAt);
    const afterFailed = after.filter(failed);
    return {
      variant,
      reads: mine.length,
      latencyP50Ms: percentile(
        mine.map((r) => r.at - r.fact.issuedAt),
        0.5,
      ),
      latencyP99Ms: percentile(
        mine.map((r) => r.at - r.fact.issuedAt),
        0.99,
      ),
      failed: mine.filter(failed).length,
      failedInOutage: inOutage.filter(failed).length,
      readsInOutage: inOutage.length,
      failedInProfilesOutage: inMiddleOutage.filter(failed).length,
      readsInProfilesOutage: inMiddleOutage.length,
      stale: ages.filter((a) => a > 0).length,
      staleMaxAgeMs: Math.max(0, ...ages),
      afterSchemaChange: after.length,
      failedAfterSchemaChange: afterFailed.length,
      schemaError: afterFailed[0]?.fact.error,
    };
  });
}

export interface OwnerFigures {
  readonly calls: number;
  readonly fetches: number;
  readonly sharedQueries: number;
  readonly total: number;
  /** The most requests that reached Customers within any 100 ms. */
  readonly peakPer100Ms: number;
  /** Calls that reached Support profiles, and how many it answered only after its caller's deadline. */
  readonly profilesCalls: number;
  readonly profilesTooLate: number;
}

export function ownerFigures(facts: readonly Recorded[]): OwnerFigures {
  const requests = factsOfKind(facts, 'owner-request');
  const times = requests.map((r) => r.at);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[j] ?? Infinity) <= (times[i] ?? 0) - 100) j++;
    peak = Math.max(peak, i - j + 1);
  }
  const count = (request: string) => requests.filter((r) => r.fact.request === request).length;
  const hops = factsOfKind(facts, 'hop');
  return {
    calls: count('call'),
    fetches: count('fetch'),
    sharedQueries: count('shared'),
    total: requests.length,
    peakPer100Ms: peak,
    profilesCalls: hops.filter((h) => h.fact.outcome === 'received').length,
    profilesTooLate: hops.filter((h) => h.fact.outcome === 'too-late').length,
  };
}
