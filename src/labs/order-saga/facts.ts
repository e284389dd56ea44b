/**
 * What every service's database says about each saga, gathered into one row per order. Invariants,
 * exercises and tests all judge a saga from these facts, never from what a service believes.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { PENDING_DEAD_LETTERS_SQL } from '../kit/broker-schema.ts';
import { modeOf, type Mode } from './messages.ts';

export interface SagaFacts {
  readonly id: string;
  readonly mode: Mode;
  /** The order's status in Orders, or null when Orders has not heard of it yet. */
  readonly status: string | null;
  readonly qty: number;
  readonly amount: number;
  /** Units Inventory holds for the order. */
  readonly held: number;
  readonly charged: number;
  readonly refunded: number;
  /** Parcels Shipping sent. */
  readonly shipped: number;
  /** How the orchestrator's log says the saga ended; null while it has not; absent in choreographed mode. */
  readonly logged?: 'completed' | 'compensated' | null;
  /** Records about this order parked in the dead-letter topic and not yet redriven. */
  readonly deadLetters: number;
}

export type SagaState = 'completed' | 'compensated' | 'unfinished';

export const net = (f: SagaFacts) => f.charged - f.refunded;

/** Invariants pass the lab's typed map, exercises the kernel's: the names below are the lab's own. */
type Dbs = ReadonlyMap<string, Database>;

async function byOrder(db: Database, sql: string, key = 'order_id') {
  return new Map((await select(db, sql)).map((row) => [String(row[key]), row]));
}

/** Orders ids sort by their number, so orch-10 comes after orch-9. */
function compareIds(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split(/-(?=\d+$)/);
  const [pb = '', nb = '0'] = b.split(/-(?=\d+$)/);
  return pa.localeCompare(pb) || Number(na) - Number(nb);
}

export async function gatherFacts(dbs: Dbs): Promise<SagaFacts[]> {
  const orders = await byOrder(requireDb(dbs, 'orders'), 'SELECT id, status, qty, amount FROM orders', 'id');
  const sagas = await byOrder(
    requireDb(dbs, 'orchestrator'),
    `SELECT s.saga_id, s.qty, s.amount,
  (SELECT max(l.event) FROM saga_log l WHERE l.saga_id = s.saga_id AND l.event IN ('completed', 'compensated')) AS ended
FROM sagas s`,
    'saga_id',
  );
  const held = await byOrder(
    requireDb(dbs, 'inventory'),
    "SELECT order_id, sum(CASE WHEN status = 'held' THEN qty ELSE 0 END) AS held FROM reservations GROUP BY order_id",
  );
  const paid = await byOrder(
    requireDb(dbs, 'payments'),
    `SELECT order_id, sum(CASE WHEN kind = 'charge' THEN amount ELSE 0 END) AS charged,
  sum(CASE WHEN kind = 'refund' THEN amount ELSE 0 END) AS refunded FROM payments GROUP BY order_id`,
  );
  const shipped = await byOrder(requireDb(dbs, 'shipping'), 'SELECT order_id, count(*) AS parcels FROM shipments GROUP BY order_id');
  const parked = new Map<string, number>();
  for (const row of await select(requireDb(dbs, 'broker'), PENDING_DEAD_LETTERS_SQL)) {
    parked.set(String(row['key']), (parked.get(String(row['key'])) ?? 0) + 1);
  }
  const ids = [...new Set([...orders.keys(), ...sagas.keys()])].sort(compareIds);
  return ids.map((id) => {
    const order = orders.get(id);
    const saga = sagas.get(id);
    const mode = modeOf(id);
    const ended = saga?.['ended'];
    return {
      id,
      mode,
      status: order ? String(order['status']) : null,
      qty: Number(order?.['qty'] ?? saga?.['qty'] ?? 0),
      amount: Number(order?.['amount'] ?? saga?.['amount'] ?? 0),
      held: Number(held.get(id)?.['held'] ?? 0),
      charged: Number(paid.get(id)?.['charged'] ?? 0),
      refunded: Number(paid.get(id)?.['refunded'] ?? 0),
      shipped: Number(shipped.get(id)?.['parcels'] ?? 0),
      ...(mode === 'orchestrated' ? { logged: ended === 'completed' || ended === 'compensated' ? ended : null } : {}),
      deadLetters: parked.get(id) ?? 0,
    };
  });
}

/**
 * Completed: the order is completed, its stock held, its amount paid once, one parcel sent. Compensated:
 * cancelled, with nothing held, nothing kept and nothing sent. In orchestrated mode the log must agree.
 */
export function stateOf(f: SagaFacts): SagaState {
  const completed = f.status === 'completed' && f.held === f.qty && net(f) === f.amount && f.shipped === 1;
  const compensated = f.status === 'cancelled' && f.held === 0 && net(f) === 0 && f.shipped === 0;
  if (completed && (f.logged === undefined || f.logged === 'completed')) return 'completed';
  if (compensated && (f.logged === undefined || f.logged === 'compensated')) return 'compensated';
  return 'unfinished';
}
