/**
 * The runs behind the chapter's tables: one workload (same seed, same moments), played twice, with the
 * platform's contract tests off and then on. In both, Billing publishes a product with raw emails from the
 * start, Support renames a column of tickets at 1,000 ms, and at 1,500 ms Billing retypes a column of
 * invoices and its publishing job stalls. At the end the platform probes as marketing.
 */
import { select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput, ServiceName } from '../sim/types.ts';
import { contractBreachesSql } from './catalog-sql.ts';
import { changeFigures, consumerFigures, freshnessFigures, policyFigures, probeFigures } from './figures.ts';
import { DOMAINS, type MeshFact } from './messages.ts';
import { RUN_MS } from './settings.ts';

export const STANDARD_SEED = 16;
export const RENAME_AT_MS = 1_000;
export const RETYPE_AT_MS = 1_500;

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });

/** The standard run's inputs, by the virtual time at which each is given. */
export function standardInputs(contractTests: boolean): readonly { readonly atMs: number; readonly input: ReaderInput }[] {
  return [
    ...(contractTests ? [{ atMs: 0, input: action('contract-tests-on') }] : []),
    { atMs: 0, input: on('unmasked-email') },
    { atMs: 0, input: action('run') },
    { atMs: RENAME_AT_MS, input: action('support-rename') },
    { atMs: RETYPE_AT_MS, input: action('billing-retype') },
    { atMs: RETYPE_AT_MS, input: on('billing-stalled') },
  ];
}

export async function standardRun(
  lab: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  contractTests: boolean,
): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const { atMs, input } of standardInputs(contractTests)) {
    while (sim.now < atMs && (await sim.step()));
    await sim.apply(input);
  }
  await sim.runUntilQuiet(20_000);
  await sim.apply(action('probe'));
  await sim.runUntilQuiet(20_000);
  return sim;
}

export interface RunRow {
  readonly contractTests: boolean;
  readonly consumerQueries: number;
  readonly brokenQueries: number;
  readonly errorCodes: readonly string[];
  readonly queryRuns: number;
  readonly failedRuns: number;
  readonly changesDeployed: number;
  readonly changesRefusedPublishedV2: number;
  /** Promised columns of served versions that no longer match, read from the databases at the end. */
  readonly contractBreaches: number;
  readonly policyViolations: readonly string[];
  readonly policyChecks: number;
  /** Own tables (not products) the consumer's role could read at the probe, over both domains. */
  readonly internalReadable: number;
  readonly internalTables: number;
  readonly productsReadable: number;
  readonly products: number;
}

export interface FreshnessRow {
  readonly product: string;
  readonly sloMs: number;
  readonly checks: number;
  readonly worstMs: number;
  readonly overSlo: number;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly runs: readonly RunRow[];
  /** Run B's products (contract tests on), one row per served version. */
  readonly freshness: readonly FreshnessRow[];
}

export function describeWorkload(): string {
  return `one ${RUN_MS.toLocaleString('en')} ms run of tickets and invoices; Billing publishes payers_v1 with raw emails at its first publish; Support renames tickets.customer_id at ${RENAME_AT_MS.toLocaleString('en')} ms; Billing retypes invoices.amount_cents and its publishing job stalls at ${RETYPE_AT_MS.toLocaleString('en')} ms; then a probe as marketing. Same seed for both runs; only the contract tests differ`;
}

async function breachesAtEnd(databases: ReadonlyMap<ServiceName, Database>): Promise<number> {
  let n = 0;
  for (const d of DOMAINS) {
    const db = databases.get(d);
    if (db) n += (await select(db, contractBreachesSql())).length;
  }
  return n;
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const runs: RunRow[] = [];
  let freshness: FreshnessRow[] = [];
  for (const contractTests of [false, true]) {
    for (const service of databaseServices(lab)) {
      const db = databases.get(service.name);
      if (db) await resetDatabase(db, service.spec);
    }
    const sim = await standardRun(lab, databases, contractTests);
    const facts = factsOf<MeshFact>(sim.trace);
    const consumer = consumerFigures(facts);
    const changes = changeFigures(facts);
    const policy = policyFigures(facts);
    const probe = probeFigures(facts);
    runs.push({
      contractTests,
      consumerQueries: consumer.queries.length,
      brokenQueries: consumer.broken,
      errorCodes: consumer.codes,
      queryRuns: consumer.runs,
      failedRuns: consumer.failed,
      changesDeployed: changes.applied,
      changesRefusedPublishedV2: changes.refused,
      contractBreaches: await breachesAtEnd(databases),
      policyViolations: policy.violations,
      policyChecks: policy.checks,
      internalReadable: probe.reduce((s, d) => s + d.internalRead.length, 0),
      internalTables: probe.reduce((s, d) => s + d.internal, 0),
      productsReadable: probe.reduce((s, d) => s + d.productsRead, 0),
      products: probe.reduce((s, d) => s + d.products, 0),
    });
    if (contractTests)
      freshness = freshnessFigures(facts).map((f) => ({
        product: `${f.domain}: ${f.table}`,
        sloMs: f.sloMs,
        checks: f.checks,
        worstMs: f.worstMs,
        overSlo: f.overSlo,
      }));
  }
  return { seed: STANDARD_SEED, workload: describeWorkload(), runs, freshness };
}
