import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { openNodeDatabase } from '../engine/node-engines.ts';
import type { Database, QueryResult } from '../engine/types.ts';
import { describe, isBackslashCommand } from './describe.ts';

const titles = (result: QueryResult) => (result.ok ? result.results.map((r) => r.command) : [result.error.message]);

group('psql backslash commands in the console', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openNodeDatabase({
      kind: 'postgres',
      setupSql: `CREATE TABLE accounts (id text PRIMARY KEY, balance int NOT NULL CHECK (balance >= 0));
        CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int, paid boolean DEFAULT false);`,
    });
  });
  afterAll(() => db.close());

  it('knows a backslash command from SQL', () => {
    expect(isBackslashCommand('  \\d accounts')).toBe(true);
    expect(isBackslashCommand("SELECT '\\d'")).toBe(false);
  });

  it('lists relations with \\d and \\dt, as psql does', async () => {
    const list = await describe(db, '\\dt');
    expect(titles(list)).toEqual(['List of tables']);
    expect(list.ok && list.results[0]?.fields.map((f) => f.name)).toEqual(['Schema', 'Name', 'Type', 'Owner']);
    expect(list.ok && list.results[0]?.rows.map((r) => r[1])).toEqual(['accounts']);
    const everywhere = await describe(db, '\\dt billing.*');
    expect(everywhere.ok && everywhere.results[0]?.rows.map((r) => `${String(r[0])}.${String(r[1])}`)).toEqual(['billing.invoices']);
  });

  it('describes a table with its columns, defaults, keys and checks', async () => {
    const accounts = await describe(db, '\\d accounts');
    expect(titles(accounts)).toEqual(['Table "public.accounts"']);
    const set = accounts.ok ? accounts.results[0] : undefined;
    expect(set?.rows).toEqual([
      ['id', 'text', '', 'not null', ''],
      ['balance', 'integer', '', 'not null', ''],
    ]);
    expect(set?.notice).toMatch(/"accounts_pkey" PRIMARY KEY, btree \(id\)/);
    expect(set?.notice).toMatch(/CHECK \(balance >= 0\)/);
    const invoices = await describe(db, '\\d billing.invoices');
    expect(invoices.ok && invoices.results[0]?.rows[1]).toEqual(['paid', 'boolean', '', '', 'false']);
  });

  it('says so when there is nothing to describe, and refuses on SQLite with a way to do it there', async () => {
    const missing = await describe(db, '\\d nowhere');
    expect(missing.ok && missing.results[0]?.notice).toMatch(/Did not find any relation named "nowhere"/);
    const sqlite = await openNodeDatabase({ kind: 'sqlite', setupSql: 'CREATE TABLE t (a int);' });
    const refused = await describe(sqlite, '\\dt');
    expect(!refused.ok && refused.error.message).toMatch(/sqlite_master/);
    await sqlite.close();
  });
});
