/** What must hold in the sharding lab, computed from the shards', the router's and the regions' real databases. */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { Sharding } from './messages.ts';
import { HASHINGS, SHARD_KEYS, shardFor, type Placement } from './placement.ts';
import { ALL_SHARDS, REGIONS, SHARED_TICKET, type ShardName } from './settings.ts';

// Exercise checks hand over the lab's databases keyed by plain names; invariants get checked names. Both work.
type Dbs = ReadonlyMap<string, Database>;

export async function placementIn(router: Database): Promise<Placement> {
  const [row] = await select(router, 'SELECT shard_key, hashing, shard_count FROM settings WHERE id = 1');
  return {
    key: SHARD_KEYS.find((k) => k === row?.['shard_key']) ?? 'customer',
    hashing: HASHINGS.find((h) => h === row?.['hashing']) ?? 'modulo',
    shardCount: Number(row?.['shard_count'] ?? 3),
  };
}

export interface Located {
  readonly id: number;
  readonly shard: ShardName;
  readonly tenant: string;
  readonly customer: string;
  readonly home: string;
}

/** Every ticket row on every shard, with the shard that holds it. */
export async function allRows(dbs: Dbs): Promise<Located[]> {
  const rows: Located[] = [];
  for (const shard of ALL_SHARDS) {
    for (const r of await select(requireDb(dbs, shard), 'SELECT id, tenant, customer, home FROM tickets ORDER BY id'))
      rows.push({ id: Number(r['id']), shard, tenant: String(r['tenant']), customer: String(r['customer']), home: String(r['home']) });
  }
  return rows;
}

const placedByKey: InvariantSpec<Sharding> = {
  id: 'placed-by-key',
  label: 'Every ticket is on the shard its key maps to',
  async check(dbs, quiet) {
    const placement = await placementIn(requireDb(dbs, 'router'));
    const misplaced = (await allRows(dbs)).filter((r) => shardFor(r, placement) !== r.shard);
    if (misplaced.length === 0)
      return {
        status: 'holds',
        summary: `Every row is where ${placement.key} (${placement.hashing}, ${placement.shardCount} shards) puts it.`,
      };
    const rows = misplaced.slice(0, 10).map((r) => ({ id: r.id, on: r.shard, belongs_on: shardFor(r, placement) }));
    const summary = `${misplaced.length} row${misplaced.length === 1 ? ' is' : 's are'} on a shard the key does not map ${misplaced.length === 1 ? 'it' : 'them'} to`;
    return quiet ? { status: 'broken', summary: `${summary}.`, rows } : { status: 'pending', summary: `${summary}, for now.`, rows };
  },
};

const onceEach: InvariantSpec<Sharding> = {
  id: 'once-each',
  label: 'No ticket is lost or held twice',
  async check(dbs, quiet) {
    const stored = await select(requireDb(dbs, 'router'), "SELECT id FROM issued WHERE state = 'stored' ORDER BY id");
    const held = new Map<number, ShardName[]>();
    for (const r of await allRows(dbs)) held.set(r.id, [...(held.get(r.id) ?? []), r.shard]);
    const rows: Record<string, string | number>[] = [];
    for (const s of stored) if (!held.has(Number(s['id']))) rows.push({ id: Number(s['id']), held_by: 'no shard' });
    for (const [id, shards] of held) if (shards.length > 1) rows.push({ id, held_by: shards.join(' and ') });
    if (rows.length === 0) return { status: 'holds', summary: `All ${stored.length} stored tickets are held by exactly one shard.` };
    const summary = `${rows.length} ticket${rows.length === 1 ? ' is' : 's are'} missing or on two shards`;
    return quiet
      ? { status: 'broken', summary: `${summary}.`, rows: rows.slice(0, 10) }
      : { status: 'pending', summary: `${summary}, for now.`, rows: rows.slice(0, 10) };
  },
};

interface RegionView {
  readonly region: string;
  readonly tags: string;
  readonly reopened: number;
  readonly accepted: readonly string[];
}

export async function regionViews(dbs: Dbs): Promise<RegionView[]> {
  const views: RegionView[] = [];
  for (const region of REGIONS) {
    const db = requireDb(dbs, region);
    const [row] = await select(db, `SELECT tags, reopened FROM tickets WHERE id = ${SHARED_TICKET.id}`);
    const accepted = await select(db, 'SELECT change FROM accepted ORDER BY seq');
    views.push({
      region,
      tags: String(row?.['tags'] ?? ''),
      reopened: Number(row?.['reopened'] ?? 0),
      accepted: accepted.map((a) => String(a['change'])),
    });
  }
  return views;
}

/** Changes some region accepted that a region's ticket does not show: tags missing, reopens not counted. */
export function lostChanges(views: readonly RegionView[]): { region: string; lost: string }[] {
  const accepted = views.flatMap((v) => v.accepted);
  const reopens = accepted.filter((c) => c === 'reopen').length;
  return views.flatMap((v) => {
    const tags = new Set(v.tags === '' ? [] : v.tags.split(','));
    const lost = accepted.filter((c) => c.startsWith('tag ') && !tags.has(c.slice(4))).map((c) => ({ region: v.region, lost: c }));
    const missing = Array.from({ length: Math.max(0, reopens - v.reopened) }, () => ({ region: v.region, lost: 'reopen' }));
    return [...lost, ...missing];
  });
}

const regionsConverge: InvariantSpec<Sharding> = {
  id: 'regions-converge',
  label: 'Once quiet, both regions show the same ticket',
  async check(dbs, quiet) {
    const [eu, us] = await regionViews(dbs);
    if (eu?.tags === us?.tags && eu?.reopened === us?.reopened)
      return { status: 'holds', summary: `Both regions show tags “${eu?.tags ?? ''}” and ${eu?.reopened ?? 0} reopen(s).` };
    const rows = [eu, us].map((v) => ({ region: v?.region ?? '', tags: v?.tags ?? '', reopened: v?.reopened ?? 0 }));
    return quiet
      ? { status: 'broken', summary: 'The regions differ and nothing more is on its way.', rows }
      : { status: 'pending', summary: 'The regions differ until their states cross.', rows };
  },
};

const noChangeLost: InvariantSpec<Sharding> = {
  id: 'no-change-lost',
  label: 'Every change a region accepted shows in both regions',
  async check(dbs, quiet) {
    const lost = lostChanges(await regionViews(dbs));
    if (lost.length === 0) return { status: 'holds', summary: 'Every accepted tag and reopen is in both regions’ ticket.' };
    const summary = `${lost.length} accepted change${lost.length === 1 ? ' is' : 's are'} missing from a region’s ticket`;
    return quiet
      ? { status: 'broken', summary: `${summary}.`, rows: lost }
      : { status: 'pending', summary: `${summary}, for now.`, rows: lost };
  },
};

export const invariants: readonly InvariantSpec<Sharding>[] = [placedByKey, onceEach, regionsConverge, noChangeLost];
