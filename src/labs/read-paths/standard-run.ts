/**
 * The runs behind the chapter's table: one workload (queue reads every 50 ms, seven changes at the
 * owner), a cold cache at 1.5 s, Support profiles unreachable from 2 s to 2.5 s and Customers from 3 s to
 * 4 s, then the owner's schema change and three more reads. Played once per read path on the same seed,
 * twice more for the direct call with Customers slow (with and without jittered backoff), and twice more
 * for the chain with Customers slow (the budget passed down, or every hop retrying).
 */
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { ownerFigures, variantFigures } from './figures.ts';
import { VARIANT_LABEL } from './measures.ts';
import type { FaultId, ReadPathFact, Variant } from './messages.ts';
import {
  COLD_START_AT_MS,
  OUTAGE_FROM_MS,
  OUTAGE_UNTIL_MS,
  PROFILES_OUTAGE_FROM_MS,
  PROFILES_OUTAGE_UNTIL_MS,
  READ_INTERVAL_MS,
  WORKLOAD_CHANGES,
  WORKLOAD_READS,
} from './settings.ts';

export const STANDARD_SEED = 7;
/** Reads after the owner renamed its column. */
const READS_AFTER_SCHEMA_CHANGE = 3;

export const RUNS: readonly { readonly variant: Variant; readonly faults: readonly FaultId[] }[] = [
  { variant: 'call', faults: [] },
  { variant: 'copy', faults: [] },
  { variant: 'cache-ttl', faults: [] },
  { variant: 'cache-events', faults: [] },
  { variant: 'shared', faults: [] },
  { variant: 'call', faults: ['owner-slow'] },
  { variant: 'call', faults: ['owner-slow', 'retry-storm'] },
  { variant: 'chain', faults: [] },
  { variant: 'chain', faults: ['owner-slow'] },
  { variant: 'chain', faults: ['owner-slow', 'hop-retries'] },
];

export interface ComparisonRow {
  readonly label: string;
  readonly variant: Variant;
  readonly faults: readonly FaultId[];
  readonly reads: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Requests for customer data that reached Customers: calls, or queries into the shared database. */
  readonly ownerReads: number;
  readonly ownerFetches: number;
  readonly ownerPeakPer100Ms: number;
  readonly stale: number;
  readonly staleMaxAgeMs: number;
  readonly failed: number;
  readonly failedInOutage: number;
  readonly readsInOutage: number;
  /** The chain's middle: calls that reached Support profiles, those it answered after the caller's deadline, and pages lost while it was unreachable. */
  readonly profilesCalls: number;
  readonly profilesTooLate: number;
  readonly failedInProfilesOutage: number;
  readonly readsInProfilesOutage: number;
  readonly failedAfterSchemaChange: number;
  readonly schemaError: string | null;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: FaultId, on: boolean): ReaderInput => ({ kind: 'fault', faultId, on });

/** Steps through every event before `at`, and no further. */
async function until(sim: Simulation, at: number) {
  while ((sim.pending()[0]?.at ?? Infinity) < at) await sim.step();
}

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  variant: Variant,
  faults: readonly FaultId[],
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply(action(`use-${variant}`));
  for (const f of faults) await sim.apply(fault(f, true));
  await sim.apply(action('run-workload'));
  await until(sim, COLD_START_AT_MS);
  await sim.apply(fault('cache-cold', true));
  await until(sim, COLD_START_AT_MS + READ_INTERVAL_MS);
  await sim.apply(fault('cache-cold', false));
  await until(sim, PROFILES_OUTAGE_FROM_MS);
  await sim.apply(fault('profiles-down', true));
  await until(sim, PROFILES_OUTAGE_UNTIL_MS);
  await sim.apply(fault('profiles-down', false));
  await until(sim, OUTAGE_FROM_MS);
  await sim.apply(fault('owner-down', true));
  await until(sim, OUTAGE_UNTIL_MS);
  await sim.apply(fault('owner-down', false));
  await until(sim, WORKLOAD_READS * READ_INTERVAL_MS + 1_000);
  for (const f of faults) await sim.apply(fault(f, false));
  await sim.runUntilQuiet(50_000);
  await sim.apply(action('migrate-schema'));
  await sim.step();
  for (let i = 0; i < READS_AFTER_SCHEMA_CHANGE; i++) await sim.apply(action('open-queue'));
  await sim.runUntilQuiet(50_000);
  return sim;
}

function rowLabel(variant: Variant, faults: readonly FaultId[]): string {
  if (!faults.includes('owner-slow')) return VARIANT_LABEL[variant];
  if (variant === 'chain') return `chain, Customers slow, ${faults.includes('hop-retries') ? 'every hop retries' : 'budget passed down'}`;
  return `calls, Customers slow, ${faults.includes('retry-storm') ? 'retries at once' : 'backoff with jitter'}`;
}

export function comparisonRow(sim: Simulation, variant: Variant, faults: readonly FaultId[]): ComparisonRow {
  const facts = factsOf<ReadPathFact>(sim.trace);
  const v = variantFigures(facts, sim.trace).find((f) => f.variant === variant);
  const o = ownerFigures(facts);
  return {
    label: rowLabel(variant, faults),
    variant,
    faults,
    reads: v?.reads ?? 0,
    latencyP50Ms: v?.latencyP50Ms ?? 0,
    latencyP99Ms: v?.latencyP99Ms ?? 0,
    ownerReads: o.calls + o.sharedQueries,
    ownerFetches: o.fetches,
    ownerPeakPer100Ms: o.peakPer100Ms,
    stale: v?.stale ?? 0,
    staleMaxAgeMs: v?.staleMaxAgeMs ?? 0,
    failed: v?.failed ?? 0,
    failedInOutage: v?.failedInOutage ?? 0,
    readsInOutage: v?.readsInOutage ?? 0,
    profilesCalls: o.profilesCalls,
    profilesTooLate: o.profilesTooLate,
    failedInProfilesOutage: v?.failedInProfilesOutage ?? 0,
    readsInProfilesOutage: v?.readsInProfilesOutage ?? 0,
    failedAfterSchemaChange: v?.failedAfterSchemaChange ?? 0,
    schemaError: v?.schemaError ?? null,
  };
}

export function describeWorkload(): string {
  return `${WORKLOAD_READS} queue reads of 6 tickets, one every ${READ_INTERVAL_MS} ms, and ${WORKLOAD_CHANGES.length} renames and plan changes at Customers; the cache restarts cold at ${(COLD_START_AT_MS / 1000).toLocaleString('en')} s, Support profiles is unreachable from ${PROFILES_OUTAGE_FROM_MS / 1000} s to ${PROFILES_OUTAGE_UNTIL_MS / 1000} s, Customers is unreachable from ${OUTAGE_FROM_MS / 1000} s to ${OUTAGE_UNTIL_MS / 1000} s, and after the workload Customers renames its column plan to tier and the queue is read ${READS_AFTER_SCHEMA_CHANGE} more times; one run per row, each from the first state`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: ComparisonRow[] = [];
  for (const { variant, faults } of RUNS) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    rows.push(comparisonRow(await standardRun(lab, databases, variant, faults), variant, faults));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows };
}
