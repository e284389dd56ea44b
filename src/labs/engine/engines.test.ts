import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { openNodeDatabase } from './node-engines.ts';
import type { Database } from './types.ts';
import { MAX_ROWS } from './display-limits.ts';

/** A transaction a reader holds open between console runs: kept, seen by later statements, ended only by them. */
async function holdsATransaction(db: Database, brokenSql: string) {
  const before = await db.query('SELECT v FROM t WHERE id = 1');
  const begun = await db.query("BEGIN; UPDATE t SET v = 'held' WHERE id = 1", undefined, { keepTransaction: true });
  expect(begun).toMatchObject({ ok: true, transactionOpen: true });
  // Another caller's statement runs inside it and leaves it open: it is not theirs to end.
  expect(await db.query('SELECT v FROM t WHERE id = 1')).toMatchObject({ ok: true, results: [{ rows: [['held']] }] });
  const failed = await db.query(brokenSql, undefined, { keepTransaction: true });
  expect(failed).toMatchObject({ ok: false, transactionOpen: true });
  expect(await db.query('ROLLBACK', undefined, { keepTransaction: true })).toMatchObject({ ok: true, transactionOpen: false });
  expect(await db.query('SELECT v FROM t WHERE id = 1')).toEqual({ ...before, durationMs: expect.any(Number) as number });
}

describe('Postgres adapter (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openNodeDatabase({
      kind: 'postgres',
      settings: ['max_prepared_transactions=10'],
      setupSql: "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one');",
    });
  });
  afterAll(() => db.close());

  it('returns rows with field names and types', async () => {
    const result = await db.query('SELECT id, v FROM t');
    expect(result).toMatchObject({
      ok: true,
      results: [
        {
          fields: [
            { name: 'id', type: 'int4' },
            { name: 'v', type: 'text' },
          ],
          rows: [[1, 'one']],
        },
      ],
    });
  });

  it('returns a SQL error as a value with SQLSTATE and position', async () => {
    const result = await db.query('SELECT id FROM t WHERE nope = 1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: '42703', position: 24 });
    expect(result.error.message).toContain('nope');
  });

  it('takes parameters', async () => {
    const result = await db.query('SELECT v FROM t WHERE id = $1', [1]);
    expect(result.ok && result.results[0]?.rows).toEqual([['one']]);
  });

  it('caps rows and says so', async () => {
    const result = await db.query('SELECT g FROM generate_series(1, 2500) g');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.results[0]?.rows).toHaveLength(MAX_ROWS);
    expect(result.results[0]?.notice).toContain('first 1,000 of 2,500');
  });

  it('keeps a transaction open between statements when asked, until the holder ends it', async () => {
    await holdsATransaction(db, 'SELECT nope FROM t');
  });

  it('rolls back a transaction a batch leaves open, and says so', async () => {
    const result = await db.query("BEGIN; INSERT INTO t VALUES (2, 'two');");
    expect(result.ok && result.results.at(-1)?.notice).toContain('rolled back');
    const count = await db.query('SELECT count(*)::int FROM t');
    expect(count.ok && count.results[0]?.rows).toEqual([[1]]);
  });

  it('keeps a prepared transaction and its lock across snapshot and restore', async () => {
    await db.query("BEGIN; UPDATE t SET v = 'uno' WHERE id = 1; PREPARE TRANSACTION 'p1';");
    const snapshot = await db.snapshot();
    await db.query("COMMIT PREPARED 'p1'");
    await db.restore(snapshot);
    const prepared = await db.query('SELECT gid FROM pg_prepared_xacts');
    expect(prepared.ok && prepared.results[0]?.rows).toEqual([['p1']]);
    const locked = await db.query('SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT');
    expect(!locked.ok && locked.error.code).toBe('55P03');
    await db.query("ROLLBACK PREPARED 'p1'");
  });

  it('restores and reopens whatever the reader wrote with ALTER SYSTEM, on the lab’s own configuration', async () => {
    // 4 GB of shared buffers cannot fit the instance's memory: started with it, Postgres would not come up.
    expect(await db.query("ALTER SYSTEM SET shared_buffers = '4GB'")).toMatchObject({ ok: true });
    expect(await db.query('ALTER SYSTEM SET default_transaction_read_only = on')).toMatchObject({ ok: true });
    await db.restore(await db.snapshot());
    const settings = "SELECT current_setting('shared_buffers'), current_setting('default_transaction_read_only')";
    expect(await db.query(settings)).toMatchObject({ ok: true, results: [{ rows: [['16MB', 'off']] }] });
    expect(await db.query("ALTER SYSTEM SET shared_buffers = '4GB'")).toMatchObject({ ok: true });
    await db.reopen();
    expect(await db.query(settings)).toMatchObject({ ok: true, results: [{ rows: [['16MB', 'off']] }] });
  });
});

describe('SQLite adapter (sql.js)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openNodeDatabase({
      kind: 'sqlite',
      setupSql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, 'one');",
    });
  });
  afterAll(() => db.close());

  it('returns rows and changed-row counts', async () => {
    const select = await db.query('SELECT id, v FROM t');
    expect(select).toMatchObject({ ok: true, results: [{ fields: [{ name: 'id' }, { name: 'v' }], rows: [[1, 'one']] }] });
    const update = await db.query("UPDATE t SET v = 'uno'");
    expect(update).toMatchObject({ ok: true, results: [{ affectedRows: 1 }] });
  });

  it('keeps the columns of an empty result and counts changes per statement', async () => {
    const result = await db.query("INSERT INTO t VALUES (7, 'seven'); SELECT id FROM t WHERE id < 0; DELETE FROM t WHERE id = 7;");
    expect(result).toMatchObject({
      ok: true,
      results: [{ affectedRows: 1 }, { fields: [{ name: 'id' }], rows: [], affectedRows: 0 }, { affectedRows: 1 }],
    });
  });

  it('returns errors as values with a result-code name', async () => {
    const result = await db.query('INSERT INTO t (id) VALUES (5)');
    expect(result).toMatchObject({ ok: false, error: { code: 'SQLITE_CONSTRAINT' } });
    const syntax = await db.query('SELEC 1');
    expect(syntax).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR' } });
  });

  it('gives an error the position of the word a syntax error names, or of the statement that failed', async () => {
    const syntax = await db.query('SELECT 1;\n  SELECT id, FROM t');
    expect(syntax).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR', message: 'near "FROM": syntax error', position: 24 } });
    const constraint = await db.query('SELECT 1; INSERT INTO t (id) VALUES (5)');
    expect(constraint).toMatchObject({ ok: false, error: { code: 'SQLITE_CONSTRAINT', position: 11 } });
    const accented = await db.query("SELECT 'é'; SELEC 1");
    expect(accented).toMatchObject({ ok: false, error: { position: 13 } });
  });

  it('keeps a transaction open between statements when asked, until the holder ends it', async () => {
    await holdsATransaction(db, 'SELECT nope FROM t');
  });

  it('restores a snapshot', async () => {
    const snapshot = await db.snapshot();
    await db.query('DELETE FROM t');
    await db.restore(snapshot);
    const count = await db.query('SELECT count(*) FROM t');
    expect(count.ok && count.results[0]?.rows).toEqual([[1]]);
  });
});
