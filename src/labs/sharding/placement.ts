/**
 * Where a ticket lives: a pure function of the ticket, the shard key and the hashing the router is configured
 * with. The router, the shards (when they rebalance) and the invariants all call this one function.
 */
import { ALL_SHARDS, VNODES, type Home, type ShardName } from './settings.ts';

export const SHARD_KEYS = ['customer', 'region', 'tenant'] as const;
export type ShardKey = (typeof SHARD_KEYS)[number];
export const HASHINGS = ['modulo', 'ring'] as const;
export type Hashing = (typeof HASHINGS)[number];

export interface Placement {
  readonly key: ShardKey;
  readonly hashing: Hashing;
  /** 3, or 4 once the fourth shard was added. */
  readonly shardCount: number;
}

export interface TicketKeys {
  readonly tenant: string;
  readonly customer: string;
  readonly home: string;
}

/**
 * FNV-1a over the characters, then MurmurHash3's finaliser: small and stable across runs, and the finaliser
 * spreads names that differ in one character (`shard-1#3`, `shard-1#4`) over the whole ring.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const shardsOf = (count: number): readonly ShardName[] => ALL_SHARDS.slice(0, count);

interface Token {
  readonly token: number;
  readonly shard: ShardName;
}

const rings = new Map<number, readonly Token[]>();

/** The ring for `count` shards: each shard owns `vnodes` points, and a key belongs to the next point clockwise. */
export function ringOf(count: number, vnodes: number): readonly Token[] {
  const cached = rings.get(count * 1000 + vnodes);
  if (cached) return cached;
  const tokens = shardsOf(count)
    .flatMap((shard) => Array.from({ length: vnodes }, (_, v) => ({ token: hash32(`${shard}#${v}`), shard })))
    .sort((a, b) => a.token - b.token);
  rings.set(count * 1000 + vnodes, tokens);
  return tokens;
}

function onRing(h: number, count: number, vnodes: number): ShardName {
  const ring = ringOf(count, vnodes);
  return (ring.find((t) => t.token >= h) ?? ring[0])?.shard ?? 'shard-1';
}

/** The region key is a directory of ranges, not a hash: adding a shard means giving it a range by hand. */
const REGION_DIRECTORY: Readonly<Record<number, Readonly<Record<Home, ShardName>>>> = {
  3: { eu: 'shard-1', us: 'shard-2', apac: 'shard-3' },
  4: { eu: 'shard-1', us: 'shard-2', apac: 'shard-4' },
};

export function shardFor(ticket: TicketKeys, placement: Placement, vnodes = VNODES): ShardName {
  if (placement.key === 'region') {
    const directory = REGION_DIRECTORY[placement.shardCount] ?? REGION_DIRECTORY[3];
    return directory?.[ticket.home as Home] ?? 'shard-1';
  }
  const h = hash32(placement.key === 'customer' ? ticket.customer : ticket.tenant);
  if (placement.hashing === 'ring') return onRing(h, placement.shardCount, vnodes);
  return shardsOf(placement.shardCount)[h % placement.shardCount] ?? 'shard-1';
}
