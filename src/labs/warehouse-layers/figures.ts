/** The lab's figures, computed from the facts its services recorded; the Measured panel and the comparison read them. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { PlanCounts, WarehouseFact } from './messages.ts';
import { offBy } from './queries.ts';

type Facts = readonly RecordedFact<WarehouseFact>[];
type Of<K extends WarehouseFact['kind']> = Extract<WarehouseFact, { kind: K }>;

function only<K extends WarehouseFact['kind']>(facts: Facts, kind: K): Of<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [f.fact as Of<K>] : []));
}

export interface ReportFigures {
  readonly run: number;
  readonly at: number;
  readonly truth: PlanCounts;
  readonly type1: PlanCounts;
  readonly type2: PlanCounts;
  readonly type1Off: number;
  readonly type2Off: number;
}

export function reportFigures(facts: Facts): ReportFigures[] {
  return only(facts, 'report').map((r) => ({
    run: r.run,
    at: r.at,
    truth: r.truth,
    type1: r.type1,
    type2: r.type2,
    type1Off: offBy(r.type1, r.truth),
    type2Off: offBy(r.type2, r.truth),
  }));
}

export interface RunFigures {
  readonly run: number;
  readonly at: number;
  readonly order: readonly string[];
  readonly failed: string | null;
  readonly bronzeRows: number;
  readonly duplicatesRemoved: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly rows: Readonly<Record<string, number>>;
}

export function runFigures(facts: Facts): RunFigures[] {
  const models = only(facts, 'model');
  const tests = only(facts, 'test');
  return only(facts, 'run').map((r) => ({
    run: r.run,
    at: r.at,
    order: r.order,
    failed: r.failed,
    bronzeRows: r.bronzeRows,
    duplicatesRemoved: r.bronzeRows - r.distinctEvents,
    rejected: Object.fromEntries(tests.filter((t) => t.run === r.run).map((t) => [t.test, t.failing])),
    rows: Object.fromEntries(models.filter((m) => m.run === r.run).map((m) => [m.model, m.rows])),
  }));
}

export function badTickets(facts: Facts) {
  const bad = only(facts, 'bad-ticket');
  return { total: bad.length, clockAhead: bad.filter((b) => b.bad === 'clock-ahead').map((b) => b.ticketId) };
}

export const planChanges = (facts: Facts) => only(facts, 'plan-changed');

export const layoutFigures = (facts: Facts) => only(facts, 'layout').at(-1);
