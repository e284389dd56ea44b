/**
 * The runs behind the chapter's table: one workload (rush hour with three orders of yours, the second
 * declined), played once per way of reading, on the same seed. The orders and their moments are drawn
 * before any read is made, so every run writes the same; only how the page is read differs.
 */
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { followFigures, lagFigures, readFigures } from './figures.ts';
import type { CqrsFact, Fix, Follow } from './messages.ts';
import { FIX_LABEL } from './measures.ts';
import { RUSH_ORDERS, WORKLOAD_YOUR_ORDERS } from './settings.ts';

export const STANDARD_SEED = 7;

export const VARIANTS: readonly { readonly fix: Fix; readonly follow: Follow }[] = [
  { fix: 'none', follow: 'poll' },
  { fix: 'read-your-writes', follow: 'poll' },
  { fix: 'version-token', follow: 'poll' },
  { fix: 'optimistic', follow: 'poll' },
  { fix: 'none', follow: 'push' },
];

export interface ComparisonRow {
  readonly label: string;
  readonly fix: Fix;
  readonly follow: Follow;
  readonly afterWrite: number;
  readonly stale: number;
  readonly guessed: number;
  readonly pageP50Ms: number;
  readonly pageP99Ms: number;
  readonly timeouts: number;
  readonly writeSideReads: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly behindP99: number;
  readonly polls: number;
  readonly pushes: number;
  readonly finalSeenP50Ms: number;
  readonly finalSeenMaxMs: number;
  readonly takenBack: number;
  readonly shownWrongMs: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly ComparisonRow[];
}

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  fix: Fix,
  follow: Follow,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply({ kind: 'action', actionId: `fix-${fix}` });
  await sim.apply({ kind: 'action', actionId: `follow-${follow}` });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await sim.runUntilQuiet(50_000);
  return sim;
}

export function comparisonRow(sim: Simulation, fix: Fix, follow: Follow): ComparisonRow {
  const facts = factsOf<CqrsFact>(sim.trace);
  const reads = readFigures(facts).find((r) => r.fix === fix);
  const lag = lagFigures(facts);
  const follows = followFigures(facts);
  return {
    label: follow === 'push' ? `${FIX_LABEL[fix]}, push instead of polling` : FIX_LABEL[fix],
    fix,
    follow,
    afterWrite: reads?.afterWrite ?? 0,
    stale: reads?.stale ?? 0,
    guessed: reads?.guessed ?? 0,
    pageP50Ms: reads?.pageP50Ms ?? 0,
    pageP99Ms: reads?.pageP99Ms ?? 0,
    timeouts: reads?.timeouts ?? 0,
    writeSideReads: reads?.writeSideReads ?? 0,
    lagP50Ms: lag.lagP50Ms,
    lagP99Ms: lag.lagP99Ms,
    behindP99: lag.behindP99,
    polls: follows.polls,
    pushes: follows.pushes,
    finalSeenP50Ms: follows.finalSeenP50Ms,
    finalSeenMaxMs: follows.finalSeenMaxMs,
    takenBack: follows.takeBacks.length,
    shownWrongMs: follows.takeBacks.reduce((m, t) => Math.max(m, t.shownMs), 0),
  };
}

export function describeWorkload(): string {
  return `Run the workload: rush hour (${RUSH_ORDERS} orders from other shoppers in half a second) with ${WORKLOAD_YOUR_ORDERS.length} orders of yours, the second paid with a card that is declined; one run per row, each from the first state`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: ComparisonRow[] = [];
  for (const { fix, follow } of VARIANTS) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    rows.push(comparisonRow(await standardRun(lab, databases, fix, follow), fix, follow));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), rows };
}
