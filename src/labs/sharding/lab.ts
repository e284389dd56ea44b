/**
 * The sharding lab: help-desk tickets spread over three Postgres shards (and a fourth, SQLite, that resharding
 * adds) by a router (SQLite) that places each ticket by its shard key; and two regions (SQLite) that both accept
 * writes to one ticket, for the multi-leader run.
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LabDefinition } from '../sim/types.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { Sharding } from './messages.ts';
import { region, type Merger } from './region.ts';
import regionSql from './region.sql?raw';
import { router } from './router.ts';
import routerSql from './router.sql?raw';
import { BIG_TENANT_PERCENT, REGIONS, SHARED_TICKET, WORKLOAD_SEED, WORKLOAD_SIZE } from './settings.ts';
import { shard, type Resharder } from './shard.ts';
import shardSql from './shard.sql?raw';

const routerSetup = `${routerSql}
INSERT INTO settings (id, shard_key, hashing, shard_count, workload_seed, workload_size, big_tenant_percent)
VALUES (1, 'customer', 'modulo', 3, ${sqlInt(WORKLOAD_SEED)}, ${sqlInt(WORKLOAD_SIZE)}, ${sqlInt(BIG_TENANT_PERCENT)});`;

const regionSetup = `${regionSql}
INSERT INTO settings (id, conflicts) VALUES (1, 'lww');
INSERT INTO tickets (id, title, tags, reopened, written_at, written_in) VALUES (${SHARED_TICKET.id}, ${sqlText(SHARED_TICKET.title)}, '', 0, 0, 'region-eu');
INSERT INTO reopen_counts (ticket, region, count) VALUES ${REGIONS.map((r) => `(${SHARED_TICKET.id}, ${sqlText(r)}, 0)`).join(', ')};`;

export const actions: readonly ActionSpec<Sharding>[] = [
  { id: 'run-workload', label: `Run the workload (${WORKLOAD_SIZE} requests)`, service: 'router', message: { type: 'workload' } },
  { id: 'key-customer', label: 'Shard key: customer (hashed)', service: 'router', message: { type: 'set-key', key: 'customer' } },
  { id: 'key-region', label: 'Shard key: region (ranges)', service: 'router', message: { type: 'set-key', key: 'region' } },
  { id: 'key-tenant', label: 'Shard key: tenant (hashed)', service: 'router', message: { type: 'set-key', key: 'tenant' } },
  { id: 'hashing-modulo', label: 'Hashing: modulo shard count', service: 'router', message: { type: 'set-hashing', hashing: 'modulo' } },
  { id: 'hashing-ring', label: 'Hashing: consistent-hashing ring', service: 'router', message: { type: 'set-hashing', hashing: 'ring' } },
  { id: 'add-shard', label: 'Add a fourth shard (reshard 3 → 4)', service: 'router', message: { type: 'add-shard' } },
  {
    id: 'move-ticket',
    label: 'Move an acme ticket to tenant umbrella',
    service: 'router',
    message: { type: 'move-ticket', to: 'umbrella' },
  },
  { id: 'conflicts-lww', label: 'Regions: last write wins', service: 'router', message: { type: 'set-conflicts', mode: 'lww' } },
  { id: 'conflicts-merge', label: 'Regions: merge (CRDT)', service: 'router', message: { type: 'set-conflicts', mode: 'merge' } },
  { id: 'eu-tags', label: 'EU agent tags ticket 7 “urgent”', service: 'region-eu', message: { type: 'add-tag', tag: 'urgent' } },
  { id: 'us-tags', label: 'US agent tags ticket 7 “billing”', service: 'region-us', message: { type: 'add-tag', tag: 'billing' } },
  { id: 'eu-reopens', label: 'EU customer reopens ticket 7', service: 'region-eu', message: { type: 'reopen' } },
  { id: 'us-reopens', label: 'US customer reopens ticket 7', service: 'region-us', message: { type: 'reopen' } },
];

/** The deliberately broken variants, for the property tests; the lab a reader sees uses neither. */
export interface Variants {
  readonly resharder: Resharder;
  readonly merger: Merger;
}

export function shardingLab(variants: Partial<Variants> = {}): LabDefinition {
  const { resharder, merger } = { resharder: 'deletes', merger: 'merges', ...variants } satisfies Variants;
  const postgres = { kind: 'postgres' as const, setupSql: shardSql };
  const regionDb = { kind: 'sqlite' as const, setupSql: regionSetup };
  return defineLab<Sharding>({
    id: 'sharding',
    title: 'Tickets on three shards, and one ticket written in two regions',
    services: {
      router: router({ kind: 'sqlite', setupSql: routerSetup }),
      'shard-1': shard('shard-1', resharder, postgres),
      'shard-2': shard('shard-2', resharder, postgres),
      'shard-3': shard('shard-3', resharder, postgres),
      'shard-4': shard('shard-4', resharder, { kind: 'sqlite', setupSql: shardSql }),
      'region-eu': region('region-eu', merger, regionDb),
      'region-us': region('region-us', merger, regionDb),
    },
    faults,
    invariants,
    measures,
    actions,
    exercises,
  });
}

export default shardingLab();
