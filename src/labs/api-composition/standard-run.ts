/**
 * The runs behind the chapter's table: each scenario from the first state, on the same seed, with the page
 * asked for both ways at the same moment. Every figure is read from the run's facts.
 */
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { pageFigures, type PageFigure } from './figures.ts';
import type { CompositionFact, PageKind } from './messages.ts';
import { BREAKER_THRESHOLD, CALL_TIMEOUT_MS, PAYMENTS_SLOW_MS } from './settings.ts';

export const STANDARD_SEED = 7;

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: string, on = true): ReaderInput => ({ kind: 'fault', faultId, on });
export const OMIT_PAYMENTS = "UPDATE fallbacks SET on_failure = 'omit' WHERE service = 'payments'";
const omitPayments: ReaderInput = { kind: 'sql', service: 'composer', sql: OMIT_PAYMENTS };

/** Before the measured page: a reader's input, or play until a change is committed, until quiet, or until so many pages were shown. */
type Before = ReaderInput | { readonly until: 'committed' | 'quiet' } | { readonly pagesShown: number };

/** One scenario: what happens first, and the page measured last. */
interface Scenario {
  readonly id: string;
  readonly page: PageKind;
  readonly conditions: string;
  readonly before: readonly Before[];
}

const OPEN: Readonly<Record<PageKind, string>> = {
  order: 'open-order',
  'paid-by-name': 'open-paid-by-name',
  newest: 'open-newest',
  'newest-paid': 'open-newest-paid',
};

/** The order page, opened again as soon as both ways have answered, so that the breaker's cool-down has not run out. */
const repeatOrderPage = (times: number): Before[] =>
  Array.from({ length: times }, (_, i) => [action('open-order'), { pagesShown: 2 * (i + 1) }]).flat();

export const SCENARIOS: readonly Scenario[] = [
  { id: 'order', page: 'order', conditions: 'all services up', before: [] },
  { id: 'newest', page: 'newest', conditions: 'all services up', before: [] },
  { id: 'newest-paid', page: 'newest-paid', conditions: 'all services up', before: [] },
  { id: 'paid-by-name', page: 'paid-by-name', conditions: 'all services up', before: [] },
  { id: 'order-slow', page: 'order', conditions: `Payments ${PAYMENTS_SLOW_MS} ms slower`, before: [fault('payments-slow')] },
  { id: 'by-name-slow', page: 'paid-by-name', conditions: `Payments ${PAYMENTS_SLOW_MS} ms slower`, before: [fault('payments-slow')] },
  { id: 'order-down-fail', page: 'order', conditions: 'Payments down; fallback: fail', before: [fault('payments-down')] },
  { id: 'order-down-omit', page: 'order', conditions: 'Payments down; fallback: omit', before: [omitPayments, fault('payments-down')] },
  {
    id: 'order-breaker-open',
    page: 'order',
    conditions: `Payments down; fallback: omit; breaker open after ${BREAKER_THRESHOLD} timeouts`,
    before: [omitPayments, fault('payments-down'), ...repeatOrderPage(BREAKER_THRESHOLD)],
  },
  {
    id: 'order-half-open',
    page: 'order',
    conditions: 'Payments back after the cool-down; breaker half-open',
    before: [
      omitPayments,
      fault('payments-down'),
      ...repeatOrderPage(BREAKER_THRESHOLD),
      { until: 'quiet' },
      fault('payments-down', false),
    ],
  },
  { id: 'by-name-down', page: 'paid-by-name', conditions: 'Payments down', before: [fault('payments-down')] },
  {
    id: 'order-after-rename',
    page: 'order',
    conditions: 'right after its customer is renamed',
    before: [action('rename'), { until: 'committed' }],
  },
];

export interface WayFigure {
  readonly latencyMs: number;
  readonly rowsMoved: number;
  readonly outcome: string;
  readonly missing: readonly string[];
  readonly behind: number;
}

export interface ComparisonRow {
  readonly id: string;
  readonly page: PageKind;
  readonly conditions: string;
  readonly composer: WayFigure;
  readonly readModel: WayFigure;
}

export interface Comparison {
  readonly seed: number;
  readonly timeoutMs: number;
  readonly rows: readonly ComparisonRow[];
}

const facts = (sim: Simulation) => factsOf<CompositionFact>(sim.trace);

async function stepUntil(sim: Simulation, done: () => boolean) {
  while (!done() && (await sim.step()));
}

export async function playScenario(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  scenario: Scenario,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const step of scenario.before) {
    if ('until' in step) {
      if (step.until === 'quiet') await sim.runUntilQuiet();
      else await stepUntil(sim, () => facts(sim).some((f) => f.fact.kind === 'committed'));
    } else if ('pagesShown' in step)
      await stepUntil(sim, () => facts(sim).filter((f) => f.fact.kind === 'shown').length >= step.pagesShown);
    else await sim.apply(step);
  }
  await sim.apply(action(OPEN[scenario.page]));
  await sim.runUntilQuiet(20_000);
  return sim;
}

function wayFigure(page: PageFigure | undefined): WayFigure {
  if (!page) throw new Error('the page was not shown');
  return { latencyMs: page.latencyMs, rowsMoved: page.rowsMoved, outcome: page.outcome, missing: page.missing, behind: page.behind };
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const rows: ComparisonRow[] = [];
  for (const scenario of SCENARIOS) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    const pages = pageFigures(facts(await playScenario(lab, databases, scenario)));
    // The last two pages shown are the measured one, asked for both ways at once.
    const last = pages.slice(-2);
    rows.push({
      id: scenario.id,
      page: scenario.page,
      conditions: scenario.conditions,
      composer: wayFigure(last.find((p) => p.way === 'composer')),
      readModel: wayFigure(last.find((p) => p.way === 'read-model')),
    });
  }
  return { seed: STANDARD_SEED, timeoutMs: CALL_TIMEOUT_MS, rows };
}
