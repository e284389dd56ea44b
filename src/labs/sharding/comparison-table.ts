/**
 * The comparison as the chapter's tables: one per question (where the rows land, what a query costs, what a
 * resharding moves, what a down shard breaks, what a conflict policy keeps). Narrow tables read better than one
 * wide one, on a phone most of all.
 */
import type { ConflictRow, DownRow, KeyRow, ReshardRow } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: ids are plain strings there. */
type Loose<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] extends object ? Loose<T[K]> : T[K] };
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly keys: readonly Loose<KeyRow>[];
  readonly resharding: readonly Loose<ReshardRow>[];
  readonly shardDown: readonly Loose<DownRow>[];
  readonly conflicts: readonly Loose<ConflictRow>[];
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  customer: 'customer (hashed)',
  region: 'region (ranges)',
  tenant: 'tenant (hashed)',
};

export function keyRows(c: ComparisonFile): Record<string, string | number>[] {
  return c.keys.map((r) => ({
    'shard key': KEY_LABELS[r.key] ?? r.key,
    'hottest shard, rows': `${r.hottestRowShare} %`,
    'hottest shard, requests': `${r.hottestRequestShare} %`,
    'one-shard query, mean / max': `${r.single.meanMs} / ${r.single.maxMs} ms`,
    'scatter-gather, mean / max': `${r.scatter.meanMs} / ${r.scatter.maxMs} ms`,
  }));
}

export function reshardRows(c: ComparisonFile): Record<string, string | number>[] {
  return c.resharding.map((r) => ({
    'hashing (customer key)': r.hashing === 'ring' ? 'consistent-hashing ring' : 'hash modulo shard count',
    'rows moved, 3 → 4 shards': `${r.moved} of ${r.rows}`,
    share: `${Math.round((100 * r.moved) / r.rows)} %`,
  }));
}

export function downRows(c: ComparisonFile): Record<string, string | number>[] {
  return c.shardDown.map((r) => ({
    'shard key, shard 3 down': KEY_LABELS[r.key] ?? r.key,
    'one-shard queries failed': `${r.single.failed} of ${r.single.queries}`,
    'scatter-gather queries failed': `${r.scatter.failed} of ${r.scatter.queries}`,
  }));
}

export function conflictRows(c: ComparisonFile): Record<string, string | number>[] {
  return c.conflicts.map((r) => ({
    'conflict policy': r.mode === 'lww' ? 'last write wins' : 'merge (tag set, counter per region)',
    'changes accepted': r.accepted,
    'changes lost': r.lost,
    'ticket 7 after healing': `tags “${r.tags}”, reopened ${r.reopened}×`,
    'regions agree': r.equal ? 'yes' : 'no',
  }));
}
