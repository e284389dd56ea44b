import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../engine/node-engines.ts';
import type { Database } from '../engine/types.ts';
import { readCatalog } from './catalog.ts';

describe('the catalog the console completes from', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openNodeDatabase({
      kind: 'postgres',
      setupSql: 'CREATE TABLE tickets (id int, title text); CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int, amount int);',
    });
  });
  afterAll(() => db.close());

  it('names public tables bare, other schemas’ tables with their schema, and the system views chapters use', async () => {
    const catalog = await readCatalog(db);
    expect(catalog.slice(0, 2)).toEqual([
      { table: 'tickets', columns: ['id', 'title'] },
      { table: 'billing.invoices', columns: ['id', 'amount'] },
    ]);
    expect(catalog.map((t) => t.table)).toEqual(expect.arrayContaining(['pg_locks', 'pg_prepared_xacts', 'pg_stat_activity']));
    expect(catalog.some((t) => t.table.startsWith('information_schema.') || t.table === 'pg_class')).toBe(false);
  });
});
