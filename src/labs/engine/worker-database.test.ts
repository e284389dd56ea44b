/**
 * The watchdog, driven through the `WorkerPort` seam: a fake worker that answers like the real one, except for
 * statements it is told never to finish.
 */
import { describe, expect, it } from 'vitest';
import { WATCHDOG_CODE } from './watchdog-code.ts';
import { WorkerDatabase, workerFailure } from './worker-database.ts';
import type { WorkerPort, WorkerReply, WorkerRequest } from './worker-protocol.ts';
import type { QueryResult } from './types.ts';

const HANG = 'SELECT pg_sleep(3600)';

class FakeWorker implements WorkerPort {
  onmessage: ((event: { data: WorkerReply }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  terminated = false;
  /** The layers it was opened from, and the statements it ran. */
  opened: readonly Uint8Array[] | undefined;
  readonly ran: string[] = [];

  constructor(private readonly refuseOpen: boolean) {}

  postMessage(request: WorkerRequest) {
    const reply = (value: unknown) => queueMicrotask(() => this.onmessage?.({ data: { id: request.id, ok: true, value } }));
    switch (request.op) {
      case 'open':
        if (this.refuseOpen) {
          queueMicrotask(() => this.onmessage?.({ data: { id: request.id, ok: false, message: 'PGlite failed to initialize properly' } }));
          return;
        }
        this.opened = request.assets.postgresLayers;
        return reply(null);
      case 'query': {
        this.ran.push(request.sql);
        if (request.sql === HANG) return;
        const result: QueryResult = {
          ok: true,
          durationMs: 1,
          results: [{ command: 'SELECT', fields: [], rows: [[this.ran.length]], affectedRows: 0 }],
        };
        return reply(result);
      }
      case 'snapshot':
        return reply({ kind: 'postgres', bytes: new Uint8Array([this.ran.length]) });
      case 'load':
      case 'close':
        return reply(null);
    }
  }

  terminate() {
    this.terminated = true;
  }
}

function watched(options: { limitMs?: number; refuseRestore?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const restores: string[] = [];
  const first = new Uint8Array([0]);
  const open = WorkerDatabase.open({
    label: 'Bank A',
    spec: { kind: 'postgres', setupSql: '' },
    engine: {},
    firstState: () => ({ assets: { postgresLayers: [first] }, transfer: [], setup: false }),
    createWorker: () => {
      const worker = new FakeWorker(workers.length > 0 && options.refuseRestore === true);
      workers.push(worker);
      return worker;
    },
    limitMs: options.limitMs ?? 60_000,
    onRestore: ({ phase }) => restores.push(phase),
  });
  return { open, workers, restores };
}

describe('the watchdog of a database in a worker', () => {
  it('stops a statement past its limit, restores the last snapshot in a new worker, and says so', async () => {
    const { open, workers, restores } = watched({ limitMs: 20 });
    const db = await open;
    await db.query('SELECT 1');
    const snapshot = await db.snapshot();
    const result = await db.query(HANG);
    expect(result).toMatchObject({
      ok: false,
      error: { code: WATCHDOG_CODE, message: /watchdog stopped it.*restored from its last snapshot/ },
    });
    expect(workers.map((w) => w.terminated)).toEqual([true, false]);
    expect(restores).toEqual(['restoring', 'restored']);
    // The new worker got a copy of the snapshot: the snapshot itself is kept for the next restore.
    expect(workers[1]?.opened?.[0]).toEqual(snapshot.bytes);
    expect(workers[1]?.opened?.[0]).not.toBe(snapshot.bytes);
    // The next statement runs on the new worker.
    expect(await db.query('SELECT 2')).toMatchObject({ ok: true });
    expect(workers[1]?.ran).toEqual(['SELECT 2']);
  });

  it('ends a running statement when the reader presses Stop, and restores the first state before any snapshot', async () => {
    const { open, workers } = watched();
    const db = await open;
    const running = db.query(HANG);
    await Promise.resolve();
    expect(db.running).toBe(true);
    db.stop();
    expect(await running).toMatchObject({ ok: false, error: { code: WATCHDOG_CODE, message: /^Stopped by you\./ } });
    expect(db.running).toBe(false);
    expect(workers[1]?.opened?.[0]).toEqual(new Uint8Array([0]));
  });

  it('says in words when the restore itself fails, instead of failing the statement with an exception', async () => {
    const { open } = watched({ limitMs: 20, refuseRestore: true });
    const db = await open;
    const result = await db.query(HANG);
    expect(result).toMatchObject({
      ok: false,
      error: { code: WATCHDOG_CODE, message: /could not be restored from its last snapshot \(PGlite failed to initialize properly\)/ },
    });
  });

  it('runs statements one at a time, in order, and a Stop with nothing running changes nothing', async () => {
    const { open, workers } = watched();
    const db = await open;
    db.stop();
    const results = await Promise.all([db.query('SELECT a'), db.query('SELECT b'), db.query('SELECT c')]);
    expect(results.map((r) => r.ok && r.results[0]?.rows[0]?.[0])).toEqual([1, 2, 3]);
    expect(workers).toHaveLength(1);
  });
});

describe('a worker that fails', () => {
  it('is explained in words, whether it carried a message or not', () => {
    expect(workerFailure({ message: 'out of memory' })).toBe("the database's worker failed: out of memory");
    expect(workerFailure(new Event('error'))).toMatch(/could not be started: its script did not load/);
  });
});
