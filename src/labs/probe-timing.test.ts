import { it } from 'vitest';
import { openNodeDatabase } from './engine/node-engines.ts';
import { resetDatabase } from './node-lab.ts';
it('times', async () => {
  const spec = {
    kind: 'postgres' as const,
    setupSql:
      "CREATE TABLE stock (sku text primary key, available int not null check (available >= 0), reserved int not null default 0); CREATE TABLE offsets (topic text primary key, pos int); INSERT INTO stock VALUES ('a', 10, 0), ('b', 10, 0);",
  };
  const db = await openNodeDatabase(spec);
  let t = performance.now();
  for (let i = 0; i < 200; i++) await db.query("SELECT available FROM stock WHERE sku = 'a'");
  console.log('select', (performance.now() - t) / 200);
  t = performance.now();
  for (let i = 0; i < 200; i++)
    await db.query(
      "BEGIN; UPDATE stock SET available = available - 1, reserved = reserved + 1 WHERE sku = 'b' AND available > 0; INSERT INTO offsets VALUES ('t', 1) ON CONFLICT (topic) DO UPDATE SET pos = excluded.pos; COMMIT;",
    );
  console.log('txn script', (performance.now() - t) / 200);
  t = performance.now();
  for (let i = 0; i < 50; i++) await resetDatabase(db, spec);
  console.log('reset', (performance.now() - t) / 50);
  const sq = { kind: 'sqlite' as const, setupSql: spec.setupSql.replace(/ default 0/, '') };
  const s = await openNodeDatabase(sq);
  t = performance.now();
  for (let i = 0; i < 500; i++) await s.query("SELECT available FROM stock WHERE sku = 'a'");
  console.log('sqlite select', (performance.now() - t) / 500);
  t = performance.now();
  for (let i = 0; i < 50; i++) await resetDatabase(s, sq);
  console.log('sqlite reset', (performance.now() - t) / 50);
}, 60000);
