/**
 * The runs behind the chapter's table: six customers sign up and are backed up; analytics goes down; the first
 * customer asks to be forgotten; analytics comes back five seconds later. Played twice on the same seed:
 * with every copy declared, and with a team's campaign export nobody declared. Each run carries both schemes.
 */
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { CHECKPOINTS_MS, erasureFigures } from './figures.ts';
import { SCHEME_LABEL, type CopyName, type PersonalFact, type Scheme } from './messages.ts';
import { CUSTOMERS } from './settings.ts';

export const STANDARD_SEED = 7;
/** How long analytics stays down after the request. */
export const OUTAGE_MS = 5_000;

export interface ComparisonRow {
  readonly label: string;
  readonly scheme: Scheme;
  readonly undeclared: boolean;
  readonly before: number;
  readonly atCheckpoints: readonly number[];
  readonly atEnd: readonly CopyName[];
  readonly lastGoneAfterMs: number | null;
  readonly confirmedAfterMs: number | null;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly checkpointsMs: readonly number[];
  readonly rows: readonly ComparisonRow[];
}

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  undeclared: boolean,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  if (undeclared) await sim.apply({ kind: 'fault', faultId: 'undeclared-copy', on: true });
  await sim.apply({ kind: 'action', actionId: 'run-workload' });
  await sim.runUntilQuiet();
  await sim.apply({ kind: 'fault', faultId: 'analytics-down', on: true });
  await sim.apply({ kind: 'action', actionId: 'erase' });
  const until = sim.now + OUTAGE_MS;
  while (sim.now < until && (await sim.step()));
  await sim.apply({ kind: 'fault', faultId: 'analytics-down', on: false });
  await sim.runUntilQuiet();
  return sim;
}

export function comparisonRows(sim: Simulation, undeclared: boolean): ComparisonRow[] {
  return erasureFigures(factsOf<PersonalFact>(sim.trace)).map((f) => ({
    label: `${SCHEME_LABEL[f.scheme]}${undeclared ? ', with an undeclared export' : ''}`,
    scheme: f.scheme,
    undeclared,
    before: f.before.length,
    atCheckpoints: f.atCheckpoints,
    atEnd: f.atEnd,
    lastGoneAfterMs: f.lastGoneAfterMs ?? null,
    confirmedAfterMs: f.completedAt === undefined ? null : f.completedAt - f.requestedAt,
  }));
}

export function describeWorkload(): string {
  return `${CUSTOMERS} customers sign up and are backed up; analytics goes down; the first customer asks to be forgotten; analytics is back ${(OUTAGE_MS / 1000).toLocaleString('en')} s later. Once with every copy declared, once with a campaign export nobody declared`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: ComparisonRow[] = [];
  for (const undeclared of [false, true]) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    rows.push(...comparisonRows(await standardRun(lab, databases, undeclared), undeclared));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), checkpointsMs: CHECKPOINTS_MS, rows };
}
