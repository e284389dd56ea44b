import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { select } from '../check/select.ts';
import { openNodeDatabase } from '../engine/node-engines.ts';
import type { Database } from '../engine/types.ts';
import { MONOLITH_SQL, crossDomain, domains, relationships } from './index.ts';

let db: Database;

beforeAll(async () => {
  db = await openNodeDatabase({ kind: 'postgres', setupSql: MONOLITH_SQL });
});
afterAll(() => db.close());

const key = (r: { kind: string; name: string; from: string; to: string }) => `${r.kind} ${r.name} ${r.from}->${r.to}`;

describe('the support-ticket monolith', () => {
  it('groups every table of the schema into exactly one domain', async () => {
    const tables = await select(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const grouped = domains.flatMap((d) => d.tables).sort();
    expect(grouped).toEqual(tables.map((t) => t['tablename']));
  });

  it('lists every foreign key, view dependency and trigger that ties two tables', async () => {
    const fks = await select(
      db,
      `SELECT 'foreign key' AS kind, conname AS name, conrelid::regclass::text AS "from", confrelid::regclass::text AS "to"
       FROM pg_constraint WHERE contype = 'f'`,
    );
    const views = await select(
      db,
      `SELECT DISTINCT 'view' AS kind, v.relname AS name, t.relname AS tbl
       FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
       JOIN pg_class t ON t.oid = d.refobjid
       WHERE v.relkind = 'v' AND t.relkind = 'r'`,
    );
    const viewTables = views.map((v) => String(v['tbl']));
    // A view ties its first table to each of the others.
    const viewLinks = views
      .filter((v) => v['tbl'] !== 'customers')
      .map((v) => ({ kind: 'view', name: String(v['name']), from: 'customers', to: String(v['tbl']) }));
    expect(viewTables).toContain('customers');
    const triggers = await select(
      db,
      `SELECT 'trigger' AS kind, tgname AS name, tgrelid::regclass::text AS "from" FROM pg_trigger WHERE NOT tgisinternal`,
    );
    const triggerLinks = triggers.map((t) => ({ kind: 'trigger', name: String(t['name']), from: String(t['from']), to: 'customers' }));
    const found = [
      ...fks.map((r) => ({ kind: 'foreign key', name: String(r['name']), from: String(r['from']), to: String(r['to']) })),
      ...viewLinks,
      ...triggerLinks,
    ];
    expect(found.map(key).sort()).toEqual(relationships.map(key).sort());
  });

  it('keeps the open-ticket count with its trigger, across two domains', async () => {
    const before = await select(db, 'SELECT open_tickets FROM customers WHERE id = 2');
    expect(before[0]?.['open_tickets']).toBe(1);
    const counts = await select(db, 'SELECT customer_id, open_tickets FROM customer_ticket_summary ORDER BY 1');
    const stored = await select(db, 'SELECT id AS customer_id, open_tickets FROM customers ORDER BY 1');
    expect(counts.map((c) => Number(c['open_tickets']))).toEqual(stored.map((c) => Number(c['open_tickets'])));
  });

  it('has relationships that cross domains for a split to break', () => {
    expect(crossDomain().length).toBeGreaterThan(5);
  });
});
