/** Messages between the page and a database's dedicated worker. */
import type { EngineAssets } from './open-database.ts';
import type { EngineKind, QueryOptions, ServiceDatabaseSpec } from './types.ts';

export type WorkerRequest =
  /** Loads the engine's code ahead of `open`, while the reader has not pressed Start yet. */
  | { readonly id: number; readonly op: 'load'; readonly kind: EngineKind }
  | { readonly id: number; readonly op: 'open'; readonly spec: ServiceDatabaseSpec; readonly assets: EngineAssets; readonly setup: boolean }
  | {
      readonly id: number;
      readonly op: 'query';
      readonly sql: string;
      readonly params?: readonly unknown[];
      readonly options?: QueryOptions;
    }
  | { readonly id: number; readonly op: 'snapshot' }
  | { readonly id: number; readonly op: 'close' };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** The part of a Worker the page side uses; a test can hand in something else that behaves the same. */
export interface WorkerPort {
  /** `transfer` moves buffers to the worker instead of copying them (the data directory's files). */
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
}
