/**
 * Reads the databases for what the invariants, the exercises and the standard run need: which payments have
 * no order, which receipts have no payment, and whether the last restore loaded exactly what the vault held.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';

type Dbs = ReadonlyMap<string, Database>;

export async function ordersTableExists(dbs: Dbs): Promise<boolean> {
  const [row] = await select(requireDb(dbs, 'orders'), "SELECT to_regclass('public.orders') IS NOT NULL AS present");
  return row?.['present'] === true;
}

/** Payments that name an order the orders database does not hold (all of them when the table is gone). */
export async function orphanPayments(dbs: Dbs): Promise<string[]> {
  const payments = await select(requireDb(dbs, 'payments'), 'SELECT id, order_id FROM payments ORDER BY id');
  const present = (await ordersTableExists(dbs))
    ? new Set((await select(requireDb(dbs, 'orders'), 'SELECT id FROM orders')).map((r) => String(r['id'])))
    : new Set<string>();
  return payments.filter((p) => !present.has(String(p['order_id']))).map((p) => String(p['order_id']));
}

export async function receiptsWithoutPayment(dbs: Dbs): Promise<string[]> {
  const rows = await select(
    requireDb(dbs, 'payments'),
    'SELECT payment_id FROM provider_receipts r WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = r.payment_id) ORDER BY payment_id',
  );
  return rows.map((r) => String(r['payment_id']));
}

export interface RestoreAudit {
  readonly restoreId: number;
  /** Rows the vault's dump and log say the restore should have produced, and did not (or differently). */
  readonly wrong: readonly string[];
  readonly expected: number;
}

/**
 * Rebuilds what the last restore should have loaded from the vault's own copy (the dump's lines, then the
 * shipped log entries it covered) and compares it with the orders table. Rows changed after the restore, by the
 * shop or a repair, are left out: the restore is not answerable for them.
 */
export async function auditLastRestore(dbs: Dbs): Promise<RestoreAudit | null> {
  const orders = requireDb(dbs, 'orders');
  const [run] = await select(orders, 'SELECT id, dump_id, dump_upto_seq, log_to_seq, mark_seq FROM restore_runs ORDER BY id DESC LIMIT 1');
  if (!run) return null;
  if (!(await ordersTableExists(dbs))) return { restoreId: Number(run['id']), wrong: ['(the orders table is gone)'], expected: 0 };
  const vault = requireDb(dbs, 'vault');
  const expected = new Map<string, string>();
  const normal = (json: string) => JSON.stringify(Object.entries(JSON.parse(json) as object).sort(([a], [b]) => a.localeCompare(b)));
  if (run['dump_id'] !== null)
    for (const r of await select(vault, `SELECT line FROM dump_lines WHERE dump_id = ${Number(run['dump_id'])} ORDER BY n`)) {
      const line = String(r['line']);
      expected.set(String((JSON.parse(line) as { id: string }).id), normal(line));
    }
  const log = await select(
    vault,
    `SELECT op, order_id, row_data FROM shipped_log WHERE seq > ${Number(run['dump_upto_seq'])} AND seq <= ${Number(run['log_to_seq'])} ORDER BY seq`,
  );
  for (const e of log)
    if (e['op'] === 'DELETE') expected.delete(String(e['order_id']));
    else expected.set(String(e['order_id']), normal(String(e['row_data'])));
  const later = new Set(
    (await select(orders, `SELECT DISTINCT order_id FROM change_log WHERE seq > ${Number(run['mark_seq'])}`)).map((r) =>
      String(r['order_id']),
    ),
  );
  const actual = new Map(
    (await select(orders, 'SELECT id, row_to_json(orders)::text AS line FROM orders')).map((r) => [
      String(r['id']),
      normal(String(r['line'])),
    ]),
  );
  const wrong = [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((id) => !later.has(id) && actual.get(id) !== expected.get(id))
    .sort();
  return { restoreId: Number(run['id']), wrong, expected: expected.size };
}
