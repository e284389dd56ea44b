/**
 * The runs behind the chapter's tables: one month of tickets on one seed, with duplicate delivery, late events
 * and bad records on. Run A runs the models in dependency order; run B, on the same month, runs them by name.
 * Run A then compares the row and column layouts.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { badTickets, layoutFigures, planChanges, reportFigures, runFigures, type ReportFigures } from './figures.ts';
import type { WarehouseFact } from './messages.ts';
import { DAY_MS, dayOf, LATE_MS, MONTH_DAYS } from './settings.ts';

export const STANDARD_SEED = 15;

export interface ReportRow extends ReportFigures {
  readonly label: string;
}

export interface PipelineFigures {
  readonly bronzeRows: number;
  readonly distinctEvents: number;
  readonly duplicatesRemoved: number;
  readonly rejectedNotNull: number;
  readonly rejectedKnownCustomer: number;
  readonly badSent: number;
  readonly clockAheadInGold: number;
  readonly silverTickets: number;
  readonly factRows: number;
  readonly planChanges: number;
  /** Engine time of the last run's eight models, summed from meta.model_runs: the one figure that differs per machine. */
  readonly lastRunMs: number;
}

export interface LayoutFigures {
  readonly rows: number;
  readonly rowPages: number;
  readonly columnPages: number;
  readonly rowBytes: number;
  readonly planColumnBytes: number;
  readonly allColumnsBytes: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly reports: readonly ReportRow[];
  readonly pipeline: PipelineFigures;
  readonly layout: LayoutFigures;
}

const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });
const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const DATA_FAULTS = [on('duplicate-delivery'), on('late-events'), on('bad-records')];

async function play(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, inputs: readonly ReaderInput[]) {
  for (const service of databaseServices(lab)) {
    const db = databases.get(service.name);
    if (db) await resetDatabase(db, service.spec);
  }
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const input of inputs) await sim.apply(input);
  await sim.runUntilQuiet(20_000);
  return factsOf<WarehouseFact>(sim.trace);
}

const RUN_LABEL = ['mid-month', 'at the month’s end, late events still on their way', 'after the late events landed'];

export function describeWorkload(): string {
  return `${MONTH_DAYS} lab days of tickets (a lab day is ${DAY_MS} ms), two customers change plan between days 3 and 7; duplicate delivery, late events (held ${LATE_MS} ms) and bad records on. The models run after days 5, 10 and 14. Run A in dependency order, run B by name; same seed`;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const warehouse = databases.get('warehouse');
  if (!warehouse) throw new Error('no warehouse database');
  const outOfOrder = reportFigures(await play(lab, databases, [...DATA_FAULTS, on('models-out-of-order'), action('run-month')])).at(-1);
  const facts = await play(lab, databases, [...DATA_FAULTS, action('run-month')]);
  const reports: ReportRow[] = reportFigures(facts).map((r, i) => ({
    ...r,
    label: `Run ${r.run}, day ${dayOf(r.at)}: ${RUN_LABEL[i] ?? ''}`,
  }));
  if (outOfOrder) reports.push({ ...outOfOrder, label: `Run ${outOfOrder.run}, day ${dayOf(outOfOrder.at)}: models run by name` });
  const last = runFigures(facts).at(-1);
  const bad = badTickets(facts);
  const [counts] = await select(
    warehouse,
    `SELECT (SELECT count(*) FROM silver.tickets)::int AS silver, (SELECT count(*) FROM gold.fct_tickets)::int AS facts,
  (SELECT count(*) FROM gold.fct_tickets WHERE ticket_id = ANY (ARRAY[${bad.clockAhead.join(', ') || '0'}]))::int AS ahead,
  (SELECT sum(ms)::float8 FROM meta.model_runs WHERE run = (SELECT max(run) FROM meta.runs)) AS ms`,
  );
  const pipeline: PipelineFigures = {
    bronzeRows: last?.bronzeRows ?? 0,
    distinctEvents: (last?.bronzeRows ?? 0) - (last?.duplicatesRemoved ?? 0),
    duplicatesRemoved: last?.duplicatesRemoved ?? 0,
    rejectedNotNull: last?.rejected['not_null_customer'] ?? 0,
    rejectedKnownCustomer: last?.rejected['known_customer'] ?? 0,
    badSent: bad.total,
    clockAheadInGold: Number(counts?.['ahead']),
    silverTickets: Number(counts?.['silver']),
    factRows: Number(counts?.['facts']),
    planChanges: planChanges(facts).length,
    lastRunMs: Math.round(Number(counts?.['ms']) * 10) / 10,
  };
  // The layouts are measured in the same warehouse, after the month.
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  await sim.apply(action('compare-layouts'));
  await sim.runUntilQuiet(100);
  const layout = layoutFigures(factsOf<WarehouseFact>(sim.trace));
  if (!layout) throw new Error('the layouts were not measured');
  const { kind: _kind, ...layoutFigures_ } = layout;
  return { seed: STANDARD_SEED, workload: describeWorkload(), reports, pipeline, layout: layoutFigures_ };
}
