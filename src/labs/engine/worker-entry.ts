/**
 * Runs inside a dedicated Web Worker: one service's database, nothing else. The page terminates the
 * whole worker to stop a statement that would never finish.
 */
import { openDatabase } from './open-database.ts';
import type { Database, Snapshot } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let db: Database | undefined;
let queue: Promise<void> = Promise.resolve();

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'load':
      // Parses the engine's code now, so that `open` only has to start it.
      await (request.kind === 'postgres' ? import('./postgres.ts') : import('./sqlite.ts'));
      return null;
    case 'open':
      db = await openDatabase(request.spec, request.assets, request.setup);
      return null;
    case 'query':
      return opened().query(request.sql, request.params, request.options);
    case 'snapshot':
      return opened().snapshot();
    case 'close':
      await db?.close();
      db = undefined;
      return null;
  }
}

function opened(): Database {
  if (!db) throw new Error('the database is not open');
  return db;
}

scope.onmessage = (event) => {
  const request = event.data;
  // One request at a time, in order, as the engines are single-connection.
  queue = queue.then(async () => {
    try {
      const value = await handle(request);
      // A snapshot's bytes were made for the page: move them rather than copy them.
      const transfer = request.op === 'snapshot' ? [(value as Snapshot).bytes.buffer] : [];
      scope.postMessage({ id: request.id, ok: true, value }, transfer);
    } catch (error) {
      scope.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
};
