/**
 * A Database whose engine runs in its own worker, watched by a watchdog.
 *
 * PGlite cannot cancel a running statement and ignores `statement_timeout` and `lock_timeout`, so the
 * only way out of a statement that never ends is to terminate its worker. The watchdog does that when a
 * statement runs past its limit or the reader presses Stop, then starts a new worker from the
 * service's last snapshot. The stopped statement comes back as an error value that says what happened.
 */
import type { EngineAssets } from './open-database.ts';
import type { Database, QueryOptions, QueryResult, ServiceDatabaseSpec, Snapshot } from './types.ts';
import type { WorkerPort, WorkerReply, WorkerRequest } from './worker-protocol.ts';

import { WATCHDOG_CODE } from './watchdog-code.ts';

/** What a worker starts from, with the buffers to move to it rather than copy. */
export interface WorkerStart {
  readonly assets: EngineAssets;
  readonly transfer: Transferable[];
  /** Whether the setup SQL still has to run on those files. */
  readonly setup: boolean;
}

export interface WorkerDatabaseOptions {
  readonly label: string;
  readonly spec: ServiceDatabaseSpec;
  /** Engine files shared by every service of the page (compiled module, file bundle, …), without data. */
  readonly engine: EngineAssets;
  /**
   * The service's first state: its build-time snapshot, or the base cluster with the setup SQL to run. A fresh
   * copy on every call, since the worker keeps what it is sent.
   */
  readonly firstState: () => WorkerStart;
  readonly createWorker: () => WorkerPort;
  /** A worker started ahead of time (the lab came into view) for the first open. */
  readonly worker?: WorkerPort;
  /** How long one statement may run, in ms. */
  readonly limitMs: number;
  readonly onRestore?: (event: { readonly phase: 'restoring' | 'restored'; readonly reason: string }) => void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

class WorkerConnection {
  readonly #port: WorkerPort;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(port: WorkerPort) {
    this.#port = port;
    port.onmessage = ({ data }) => this.#settle(data);
    port.onerror = (event) => this.#failAll(workerFailure(event));
  }

  request(body: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[] = []): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ ...body, id }, transfer);
    });
  }

  terminate(reason: string) {
    this.#port.terminate();
    this.#failAll(reason);
  }

  #settle(reply: WorkerReply) {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(reply.message));
  }

  #failAll(reason: string) {
    for (const pending of this.#pending.values()) pending.reject(new Error(reason));
    this.#pending.clear();
  }
}

/**
 * Why a worker failed, in words. An error inside the worker carries a message; a worker whose script could not
 * be loaded (the network is gone and the site was not kept offline) gets a bare event with none.
 */
export function workerFailure(event: unknown): string {
  const message = (event as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message !== '') return `the database's worker failed: ${message}`;
  return "the database's worker could not be started: its script did not load, which happens when the network is gone and the site was not kept offline (see Using the site offline)";
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class WorkerDatabase implements Database {
  readonly kind;
  readonly #options: WorkerDatabaseOptions;
  #connection: WorkerConnection;
  #lastSnapshot: Snapshot | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #stopRunning: ((reason: string) => void) | undefined;

  private constructor(options: WorkerDatabaseOptions, connection: WorkerConnection) {
    this.kind = options.spec.kind;
    this.#options = options;
    this.#connection = connection;
  }

  /**
   * Boots the engine in a worker from the service's first state. Until the first `snapshot()`, the watchdog
   * restores to that state.
   */
  static async open(options: WorkerDatabaseOptions): Promise<WorkerDatabase> {
    const connection = new WorkerConnection(options.worker ?? options.createWorker());
    const start = options.firstState();
    await connection.request({ op: 'open', spec: options.spec, assets: start.assets, setup: start.setup }, start.transfer);
    return new WorkerDatabase(options, connection);
  }

  get running(): boolean {
    return this.#stopRunning !== undefined;
  }

  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.#enqueue(() => this.#watched(sql, params, options));
  }

  /** Dumps the database and keeps the copy as the point the watchdog restores to. */
  snapshot(): Promise<Snapshot> {
    return this.#enqueue(async () => {
      const snapshot = (await this.#connection.request({ op: 'snapshot' })) as Snapshot;
      this.#lastSnapshot = snapshot;
      return snapshot;
    });
  }

  /** Replaces the whole database with `snapshot` (rewind, reset) in a fresh worker. */
  restore(snapshot: Snapshot): Promise<void> {
    return this.#enqueue(async () => {
      await this.#restart(this.#fromSnapshot(snapshot), 'restored on request');
      this.#lastSnapshot = snapshot;
    });
  }

  /** Back to the service's first state in a fresh worker; the watchdog restores to it until the next snapshot. */
  reopen(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#restart(this.#options.firstState(), 'reopened on request');
      this.#lastSnapshot = undefined;
    });
  }

  /** The reader's Stop button: ends the running statement as the watchdog would. */
  stop() {
    this.#stopRunning?.('Stopped by you.');
  }

  close(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#connection.request({ op: 'close' }).catch(() => undefined);
      this.#connection.terminate('closed');
    });
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #watched(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = new Promise<string>((resolve) => {
      this.#stopRunning = resolve;
      timer = setTimeout(
        () => resolve(`Still running after ${Math.round(this.#options.limitMs / 1000)} s, so the lab's watchdog stopped it.`),
        this.#options.limitMs,
      );
    });
    try {
      const outcome = await Promise.race([
        this.#connection
          .request({ op: 'query', sql, ...(params ? { params } : {}), ...(options ? { options } : {}) })
          .then((value) => ({ value })),
        stopped.then((reason) => ({ reason })),
      ]);
      if ('value' in outcome) return outcome.value as QueryResult;
      const failed = await this.#recover(outcome.reason).then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      const restored =
        failed === undefined
          ? 'restored from its last snapshot; changes since then were lost'
          : `could not be restored from its last snapshot (${failed}), so the lab starts it again from its first state`;
      return {
        ok: false,
        durationMs: performance.now() - started,
        error: {
          code: WATCHDOG_CODE,
          message: `${outcome.reason} Postgres in the browser cannot cancel a statement, so ${this.#options.label} was stopped and ${restored}; your saved progress was not lost.`,
          hint: 'A statement that waits for a lock held by a prepared transaction waits until that transaction is committed or rolled back.',
        },
      };
    } finally {
      clearTimeout(timer);
      this.#stopRunning = undefined;
    }
  }

  async #recover(reason: string) {
    const snapshot = this.#lastSnapshot;
    this.#options.onRestore?.({ phase: 'restoring', reason });
    await this.#restart(snapshot ? this.#fromSnapshot(snapshot) : this.#options.firstState(), reason);
    this.#options.onRestore?.({ phase: 'restored', reason });
  }

  #fromSnapshot(snapshot: Snapshot): WorkerStart {
    const engine = this.#options.engine;
    // A copy moves to the new worker; the snapshot itself stays here for the next restore.
    const bytes = snapshot.bytes.slice();
    if (snapshot.kind === 'sqlite') return { assets: { ...engine, sqliteFile: bytes }, transfer: [bytes.buffer], setup: false };
    return { assets: { ...engine, postgresLayers: [bytes], ownsLayers: true }, transfer: [bytes.buffer], setup: false };
  }

  async #restart(start: WorkerStart, reason: string) {
    this.#connection.terminate(reason);
    this.#connection = new WorkerConnection(this.#options.createWorker());
    await this.#connection.request({ op: 'open', spec: this.#options.spec, assets: start.assets, setup: start.setup }, start.transfer);
  }
}
