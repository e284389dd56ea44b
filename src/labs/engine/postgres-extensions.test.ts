import { afterAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from './node-engines.ts';
import { serviceKey } from './snapshot-keys.ts';
import type { Database, ServiceDatabaseSpec } from './types.ts';

const WITH: ServiceDatabaseSpec = {
  kind: 'postgres',
  extensions: ['pg_walinspect'],
  setupSql: 'CREATE EXTENSION IF NOT EXISTS pg_walinspect;',
};

describe('a Postgres service with an extension', () => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((db) => db.close())));

  it('loads it at every start: from its build-time snapshot and after a restore', async () => {
    const db = await openNodeDatabase(WITH);
    opened.push(db);
    const read =
      'SELECT count(*) > 0 AS ok FROM pg_get_wal_records_info((SELECT redo_lsn FROM pg_control_checkpoint()), pg_current_wal_insert_lsn())';
    await db.query('CREATE TABLE t (v int); INSERT INTO t VALUES (1);');
    expect(await db.query(read)).toMatchObject({ ok: true, results: [{ rows: [[true]] }] });
    await db.restore(await db.snapshot());
    await db.query('INSERT INTO t VALUES (2);');
    expect(await db.query(read)).toMatchObject({ ok: true, results: [{ rows: [[true]] }] });
  });

  it('loads cube, whose GiST index orders neighbours by distance', async () => {
    const db = await openNodeDatabase({ kind: 'postgres', extensions: ['cube'], setupSql: 'CREATE EXTENSION IF NOT EXISTS cube;' });
    opened.push(db);
    await db.query(
      'CREATE TABLE p (id int, e cube); INSERT INTO p SELECT g, cube(ARRAY[g, 0]::float8[]) FROM generate_series(1, 50) g; CREATE INDEX ON p USING gist (e);',
    );
    const nearest = await db.query('SELECT id FROM p ORDER BY e <-> cube(ARRAY[20.2, 0]::float8[]) LIMIT 2');
    expect(nearest).toMatchObject({ ok: true, results: [{ rows: [[20], [21]] }] });
  });

  it('is refused by a service that did not ask for it', async () => {
    const db = await openNodeDatabase({ kind: 'postgres', setupSql: '' });
    opened.push(db);
    const result = await db.query('CREATE EXTENSION pg_walinspect');
    expect(result.ok).toBe(false);
  });

  it('names its extensions in its snapshot key, and leaves other services’ keys as they were', () => {
    const plain: ServiceDatabaseSpec = { kind: 'postgres', setupSql: WITH.setupSql };
    expect(serviceKey('0.5.16', WITH)).not.toBe(serviceKey('0.5.16', plain));
    expect(serviceKey('0.5.16', { ...plain, extensions: [] })).toBe(serviceKey('0.5.16', plain));
  });
});
