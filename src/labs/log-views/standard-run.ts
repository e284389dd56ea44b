/**
 * The run behind the chapter's tables, on one seed: a year of history, the reporting view dropped and
 * rebuilt; three more years, rebuilt again; the cache added after all of it; then Ada orders, changes her
 * email and asks to be forgotten. Rebuild time is measured at two lengths of the same log.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition } from '../sim/types.ts';
import { catchUpFigures, deliveryFigures, forgottenFigures, rebuildFigures } from './figures.ts';
import { WRITER_SCHEMA_SQL } from './log-feed.ts';
import type { LogFact } from './messages.ts';
import { CUSTOMERS, HISTORY_EVENTS, MORE_HISTORY_EVENTS } from './settings.ts';

type Dbs = ReadonlyMap<string, Database>;

export const STANDARD_SEED = 7;

async function reset(lab: LabDefinition, databases: Dbs) {
  for (const s of databaseServices(lab)) {
    const db = databases.get(s.name);
    if (db) await resetDatabase(db, s.spec);
  }
}

async function play(sim: Simulation, ...actions: string[]) {
  for (const actionId of actions) {
    await sim.apply({ kind: 'action', actionId });
    await sim.runUntilQuiet(100_000);
  }
}

export interface EmailHolder {
  readonly store: string;
  readonly rows: number;
}

/** Where Ada's emails are once she has been forgotten: counted in each database with SQL. */
async function emailHolders(databases: Dbs): Promise<EmailHolder[]> {
  const emails = [CUSTOMERS.ada.email, CUSTOMERS.ada.newEmail].map((e) => `'${e}'`).join(', ');
  const count = async (service: string, sql: string) => Number((await select(requireDb(databases, service), sql))[0]?.['n'] ?? 0);
  return [
    { store: 'orders.log', rows: await count('orders', `SELECT count(*)::int AS n FROM log WHERE data->>'email' IN (${emails})`) },
    {
      store: 'reporting.orders_per_customer',
      rows: await count('reporting', `SELECT count(*)::int AS n FROM orders_per_customer WHERE email IN (${emails})`),
    },
    { store: 'search.order_search', rows: await count('search', `SELECT count(*) AS n FROM order_search WHERE email IN (${emails})`) },
    { store: 'cache.kv', rows: await count('cache', `SELECT count(*) AS n FROM kv WHERE json_extract(value, '$.email') IN (${emails})`) },
  ];
}

export function describeWorkload(): string {
  return `a year of history (${HISTORY_EVENTS.toLocaleString('en')} events, a third of its orders in the old shape), the reporting view rebuilt; ${MORE_HISTORY_EVENTS.toLocaleString('en')} more events, rebuilt again; the cache added; then Ada orders, changes her email and asks to be forgotten`;
}

export async function measureComparison(lab: LabDefinition, databases: Dbs) {
  await reset(lab, databases);
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  const schemaBefore = String((await select(requireDb(databases, 'orders'), WRITER_SCHEMA_SQL))[0]?.['fingerprint']);
  await play(sim, 'load-history', 'rebuild-reporting', 'load-more-history', 'rebuild-reporting', 'add-cache');
  await play(sim, 'ada-orders', 'ada-email', 'forget-ada');
  const schemaAfter = String((await select(requireDb(databases, 'orders'), WRITER_SCHEMA_SQL))[0]?.['fingerprint']);
  const facts = factsOf<LogFact>(sim.trace);
  const holders = await emailHolders(databases);
  const invariants = Object.fromEntries([...(await sim.checkInvariants())].map(([id, r]) => [id, r.status]));
  await reset(lab, databases);
  return {
    seed: STANDARD_SEED,
    workload: describeWorkload(),
    rebuilds: rebuildFigures(facts).map((r) => ({ ...r, virtualMs: r.virtualMs ?? -1, hashAfter: r.hashAfter ?? '' })),
    catchUp: catchUpFigures(facts).map((c) => ({
      view: c.view,
      upTo: c.upTo,
      events: c.events,
      batches: c.batches,
      engineMs: c.engineMs,
      virtualMs: c.virtualMs ?? -1,
    })),
    writerSchema: { before: schemaBefore, after: schemaAfter },
    delivery: deliveryFigures(facts),
    forgotten: forgottenFigures(facts).map((f) => ({ customer: f.customer, logEventsWithEmail: f.logEventsWithEmail })),
    holders,
    invariants,
  };
}

export type Comparison = Awaited<ReturnType<typeof measureComparison>>;
