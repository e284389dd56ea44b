/**
 * What the shoppers, the product service, the cache and Postgres say to each other, and the lab's types in
 * one place. Shoppers talk only to the product service (`app`); the app's `settings` decide which way of
 * caching it uses.
 */
import type { LabTypes } from '../kit/define-lab.ts';

export const STRATEGIES = ['none', 'aside', 'through', 'back'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** How a cache-aside entry learns that its product changed: only by expiring, or by a delete after each write. */
export const INVALIDATIONS = ['ttl', 'event'] as const;
export type Invalidation = (typeof INVALIDATIONS)[number];
/** How a fill writes the cache: overwrite whatever is there, or only if no newer version has been seen. */
export const FILLS = ['plain', 'versioned'] as const;
export type Fill = (typeof FILLS)[number];

export interface Config {
  readonly strategy: Strategy;
  readonly invalidation: Invalidation;
  readonly fill: Fill;
  readonly ttlMs: number;
}

/** A product row as Postgres holds it and the cache copies it. */
export interface ProductRow {
  readonly id: number;
  readonly name: string;
  readonly priceCents: number;
  readonly version: number;
}

/** One acknowledged write waiting in the write-back cache, or handed to Postgres. */
export interface DirtyWrite {
  readonly writeId: string;
  readonly productId: number;
  readonly priceCents: number;
  readonly version: number;
}

/** One row of the app's acknowledgement log, as `import-acks` loads it into Postgres. */
export interface AckRow {
  readonly writeId: string;
  readonly productId: number;
  readonly version: number;
  readonly priceCents: number;
  readonly ackedAt: number;
}

// The reader's scenarios and the shoppers' own clock.
export type Workload = { readonly type: 'workload'; readonly size: number };
export type Race = { readonly type: 'race' };
/** One request of the workload, drawn in advance: a read, or a write of `priceCents`. */
export type Request = { readonly type: 'request'; readonly productId: number; readonly priceCents: number | null };
export type RaceStep =
  | { readonly type: 'race-read'; readonly pauseFillMs: number }
  | { readonly type: 'race-update'; readonly priceCents: number }
  | { readonly type: 'race-reread' };

// Shoppers <-> app.
export type Get = { readonly type: 'get'; readonly requestId: string; readonly productId: number; readonly pauseFillMs: number };
export type Update = {
  readonly type: 'update';
  readonly requestId: string;
  readonly writeId: string;
  readonly productId: number;
  readonly priceCents: number;
};
export type GetDone = {
  readonly type: 'get-done';
  readonly requestId: string;
  readonly source: 'cache' | 'database';
  readonly version: number;
  readonly staleMs: number;
  readonly config: string;
};
export type UpdateDone = { readonly type: 'update-done'; readonly requestId: string; readonly version: number; readonly config: string };

// Reader actions on the app.
export type SetStrategy = { readonly type: 'set-strategy'; readonly strategy: Strategy };
export type SetInvalidation = { readonly type: 'set-invalidation'; readonly invalidation: Invalidation };
export type SetFill = { readonly type: 'set-fill'; readonly fill: Fill };
export type ImportAcks = { readonly type: 'import-acks' };
export type FillNow = { readonly type: 'fill-now'; readonly row: ProductRow; readonly config: Config };

// App <-> cache.
export type CacheGet = { readonly type: 'cache-get'; readonly requestId: string; readonly productId: number };
export type CacheFill = { readonly type: 'cache-fill'; readonly row: ProductRow; readonly ttlMs: number; readonly fill: Fill };
export type Invalidate = { readonly type: 'invalidate'; readonly requestId: string; readonly productId: number; readonly version: number };
export type Evict = { readonly type: 'evict'; readonly productId: number };
export type Clear = { readonly type: 'clear' };
type CacheWriteFields = {
  readonly requestId: string;
  readonly writeId: string;
  readonly productId: number;
  readonly priceCents: number;
  readonly config: Config;
};
export type WriteThrough = CacheWriteFields & { readonly type: 'write-through' };
export type WriteBack = CacheWriteFields & { readonly type: 'write-back' };
export type CacheAnswer = { readonly type: 'cache-answer'; readonly requestId: string; readonly row: ProductRow | null };
export type Invalidated = { readonly type: 'invalidated'; readonly requestId: string };
export type CacheWritten = { readonly type: 'cache-written'; readonly requestId: string; readonly version: number };
export type FlushTick = { readonly type: 'flush-tick' };

// App and cache <-> Postgres.
export type DbRead = { readonly type: 'db-read'; readonly requestId: string; readonly productId: number };
export type DbWrite = {
  readonly type: 'db-write';
  readonly requestId: string;
  readonly writeId: string;
  readonly productId: number;
  readonly priceCents: number;
};
export type DbLoad = { readonly type: 'db-load'; readonly productId: number };
export type DbFlush = { readonly type: 'db-flush'; readonly writes: readonly DirtyWrite[] };
export type DbImportAcks = { readonly type: 'db-import-acks'; readonly acks: readonly AckRow[] };
export type DbRow = { readonly type: 'db-row'; readonly requestId: string; readonly row: ProductRow };
export type DbWritten = { readonly type: 'db-written'; readonly requestId: string; readonly row: ProductRow };
export type DbLoaded = { readonly type: 'db-loaded'; readonly row: ProductRow };
export type DbFlushed = { readonly type: 'db-flushed'; readonly writeIds: readonly string[] };
/** Postgres answers after QUERY_COST_MS: the answer waits on a timer. */
export type AnswerLater = { readonly type: 'answer-later'; readonly to: 'app' | 'cache'; readonly answer: DbRow | DbWritten | DbLoaded };

export type FaultId = 'fill-pause' | 'cache-crash';

export type LabFact =
  | {
      readonly kind: 'read';
      readonly productId: number;
      readonly source: 'cache' | 'database';
      readonly staleMs: number;
      readonly latencyMs: number;
      readonly config: string;
    }
  | {
      readonly kind: 'write';
      readonly writeId: string;
      readonly productId: number;
      readonly version: number;
      readonly latencyMs: number;
      readonly config: string;
    }
  | { readonly kind: 'writes-lost'; readonly writeIds: readonly string[] }
  | { readonly kind: 'db-query'; readonly what: 'read' | 'write' | 'load' | 'flush' }
  | { readonly kind: 'fill-refused'; readonly productId: number; readonly version: number };

export interface CachePatterns extends LabTypes {
  readonly inbox: {
    readonly shoppers: Workload | Race | Request | RaceStep | GetDone | UpdateDone;
    readonly app:
      | Get
      | Update
      | SetStrategy
      | SetInvalidation
      | SetFill
      | ImportAcks
      | FillNow
      | CacheAnswer
      | Invalidated
      | CacheWritten
      | DbRow
      | DbWritten;
    readonly cache:
      CacheGet | CacheFill | Invalidate | Evict | Clear | WriteThrough | WriteBack | FlushTick | DbWritten | DbLoaded | DbFlushed;
    readonly products: DbRead | DbWrite | DbLoad | DbFlush | DbImportAcks | AnswerLater;
  };
  readonly faults: FaultId;
  readonly facts: LabFact;
}

/** The name of a configuration, as the measures and the app's logs show it. */
export function configName(c: Pick<Config, 'strategy' | 'invalidation' | 'fill'>): string {
  switch (c.strategy) {
    case 'none':
      return 'no cache';
    case 'aside':
      return `cache-aside, ${c.invalidation === 'ttl' ? 'TTL only' : 'invalidate on write'}, ${c.fill} fill`;
    case 'through':
      return `write-through, ${c.fill} fill`;
    case 'back':
      return `write-back, ${c.fill} fill`;
  }
}
