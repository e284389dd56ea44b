/**
 * The runs behind the chapter's tables. One seed, one day of trade, the same bad UPDATE at 14:30; each row a
 * different backup schedule and restore, each run from the first state. Then, for dumps every 10 minutes and a
 * dump-only restore, the two repairs, each on its own run.
 */
import { requireDb, select } from '../check/select.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { databaseServices } from '../sim/database-services.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { consistencyFigures, lossFigures, storeFigures } from './figures.ts';
import type { BackupsFact, Repair, RestoreMode } from './messages.ts';
import { MINUTE, SECOND } from './settings.ts';

export const STANDARD_SEED = 11;
export const DAMAGE_AT_MS = 14 * MINUTE + 30 * SECOND;

export interface Schedule {
  readonly dumpEveryMin: number;
  readonly shipEveryS: number;
  readonly restore: RestoreMode;
}

export const SCHEDULES: readonly Schedule[] = [
  { dumpEveryMin: 10, shipEveryS: 0, restore: 'dump' },
  { dumpEveryMin: 1, shipEveryS: 0, restore: 'dump' },
  { dumpEveryMin: 10, shipEveryS: 120, restore: 'pitr' },
  { dumpEveryMin: 10, shipEveryS: 15, restore: 'pitr' },
  { dumpEveryMin: 30, shipEveryS: 15, restore: 'pitr' },
];

const action = (actionId: string) => ({ kind: 'action', actionId }) as const;

async function settle(sim: Simulation, steps: number) {
  for (let i = 0; i < steps && (await sim.step()); i++);
}

/** Opens the shop with a schedule, damages orders at 14:30, restores, and runs the cross-service check. */
export async function damagedDay(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, s: Schedule): Promise<Simulation> {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const id of [`dump-every-${s.dumpEveryMin}`, `ship-every-${s.shipEveryS}`, 'open-shop']) await sim.apply(action(id));
  while (sim.now < DAMAGE_AT_MS && (await sim.step()));
  await sim.apply(action('bad-update'));
  await sim.apply(action(s.restore === 'dump' ? 'restore-dump' : 'restore-pitr'));
  await settle(sim, 6);
  await sim.apply(action('cross-check'));
  await settle(sim, 4);
  return sim;
}

export interface ScheduleRow extends Schedule {
  readonly committed: number;
  readonly lost: number;
  readonly lostWindowMs: number;
  readonly replayed: number;
  readonly restoredBytes: number;
  readonly transferMs: number;
  /** The engine's own time for the restore's statements, measured: it differs from run to run. */
  readonly engineMs: number;
  /** Bytes the vault holds at the failure: the schedule's cost so far. */
  readonly vaultBytes: number;
  readonly orphans: number;
}

export interface RepairRow {
  readonly repair: Repair;
  readonly orphansBefore: number;
  readonly orphansAfter: number;
  readonly recreated: number;
  readonly withoutAddress: number;
  /** Orders lost by the restore that neither payments nor the topic could bring back. */
  readonly stillLost: number;
}

export interface Comparison {
  readonly seed: number;
  readonly damageAtMs: number;
  readonly schedules: readonly ScheduleRow[];
  readonly repairs: readonly RepairRow[];
}

async function reset(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>) {
  for (const service of databaseServices(lab)) {
    const db = databases.get(service.name);
    if (db) await resetDatabase(db, service.spec);
  }
}

async function scheduleRow(sim: Simulation, s: Schedule, databases: ReadonlyMap<ServiceName, Database>): Promise<ScheduleRow> {
  const facts = factsOf<BackupsFact>(sim.trace);
  const loss = lossFigures(facts);
  const store = storeFigures(facts);
  const [run] = await select(requireDb(databases, 'orders'), 'SELECT engine_ms FROM restore_runs ORDER BY id DESC LIMIT 1');
  return {
    ...s,
    committed: loss?.committed ?? 0,
    lost: loss?.lost ?? 0,
    lostWindowMs: loss?.lostWindowMs ?? 0,
    replayed: loss?.replayed ?? 0,
    restoredBytes: loss?.bytes ?? 0,
    transferMs: loss?.transferMs ?? 0,
    engineMs: Number(run?.['engine_ms'] ?? 0),
    vaultBytes: store.dumpBytes + store.shippedBytes,
    orphans: consistencyFigures(facts).checks.at(-1)?.orphans ?? 0,
  };
}

export async function measureComparison(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>): Promise<Comparison> {
  const schedules: ScheduleRow[] = [];
  for (const s of SCHEDULES) {
    await reset(lab, databases);
    schedules.push(await scheduleRow(await damagedDay(lab, databases, s), s, databases));
  }
  const repairs: RepairRow[] = [];
  for (const repair of ['reconcile', 'replay'] as const) {
    await reset(lab, databases);
    const sim = await damagedDay(lab, databases, SCHEDULES[0] ?? { dumpEveryMin: 10, shipEveryS: 0, restore: 'dump' });
    await sim.apply(action(repair));
    await settle(sim, 8);
    const facts = factsOf<BackupsFact>(sim.trace);
    const { checks, repairs: done } = consistencyFigures(facts);
    const lost = lossFigures(facts)?.lost ?? 0;
    const r = done.at(-1);
    repairs.push({
      repair,
      orphansBefore: checks.at(-2)?.orphans ?? 0,
      orphansAfter: checks.at(-1)?.orphans ?? 0,
      recreated: r?.recreated ?? 0,
      withoutAddress: r?.withoutAddress ?? 0,
      stillLost: lost - (r?.recreated ?? 0),
    });
  }
  return { seed: STANDARD_SEED, damageAtMs: DAMAGE_AT_MS, schedules, repairs };
}
