/**
 * The SQL the projector runs on the read model, in one place: stage a batch of change events in
 * `incoming`, upsert them into `my_orders`, move the checkpoint, all in one local transaction.
 *
 * `naive` is a deliberately broken projection for the tests: it overwrites a row with whatever event
 * arrives last and sets the checkpoint to the end of the batch it holds, so a duplicated or late batch
 * writes an old version over a newer one and moves the checkpoint backwards.
 */
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ChangeEvent } from './messages.ts';

export type Projection = 'versioned' | 'naive';

/**
 * Each event carries the whole order as of its version, so the newest version wins and an older or
 * repeated one changes nothing, in whatever order the events arrive.
 */
export const VERSIONED_UPSERT = `INSERT INTO my_orders (order_id, customer_id, status, items, total_cents, placed_at, version, position)
SELECT order_id, customer_id, status, items, total_cents, placed_at, version, position FROM incoming WHERE true
ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, items = excluded.items, total_cents = excluded.total_cents,
  version = excluded.version, position = excluded.position
WHERE excluded.version > my_orders.version`;

const NAIVE_UPSERT = `INSERT INTO my_orders (order_id, customer_id, status, items, total_cents, placed_at, version, position)
SELECT order_id, customer_id, status, items, total_cents, placed_at, version, position FROM incoming WHERE true
ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, items = excluded.items, total_cents = excluded.total_cents,
  version = excluded.version, position = excluded.position`;

const nullable = (n: number | null) => (n === null ? 'NULL' : sqlInt(n));

/** Replaces what `incoming` holds with `events`. */
export function stageSql(events: readonly ChangeEvent[]): string[] {
  const values = events.map(
    (e) =>
      `(${sqlInt(e.position)}, ${sqlText(e.orderId)}, ${sqlInt(e.version)}, ${sqlText(e.type)}, ${sqlText(e.customerId)}, ${sqlText(e.status)}, ${sqlText(e.items)}, ${nullable(e.totalCents)}, ${sqlInt(e.placedAt)})`,
  );
  return [
    'DELETE FROM incoming',
    `INSERT OR IGNORE INTO incoming (position, order_id, version, type, customer_id, status, items, total_cents, placed_at) VALUES ${values.join(', ')}`,
  ];
}

function checkpointSql(projection: Projection, position: number, now: number): string {
  // The versioned projector never moves backwards: a late batch that ends before the checkpoint leaves it.
  const to = projection === 'versioned' ? `max(position, ${sqlInt(position)})` : sqlInt(position);
  return `UPDATE projector_checkpoint SET position = ${to}, updated_at = ${sqlInt(now)} WHERE id = 1`;
}

/** One batch as one local transaction: the rows and the checkpoint commit together or not at all. */
export function applyBatchSql(projection: Projection, events: readonly ChangeEvent[], now: number): string {
  const last = events.reduce((max, e) => Math.max(max, e.position), 0);
  return transaction([
    ...stageSql(events),
    projection === 'versioned' ? VERSIONED_UPSERT : NAIVE_UPSERT,
    checkpointSql(projection, last, now),
  ]);
}

/** An event the projector gave up on: recorded with its error, and passed over by the checkpoint. */
export function deadLetterSql(projection: Projection, event: ChangeEvent, error: string, now: number): string {
  return transaction([
    `INSERT OR IGNORE INTO dead_letters (position, order_id, version, type, error, failed_at) VALUES (${sqlInt(event.position)}, ${sqlText(event.orderId)}, ${sqlInt(event.version)}, ${sqlText(event.type)}, ${sqlText(error)}, ${sqlInt(now)})`,
    checkpointSql(projection, event.position, now),
  ]);
}

/** A rebuild throws the read model away and starts the projection again from the first event. */
export function rebuildSql(now: number): string {
  return transaction([
    'DELETE FROM my_orders',
    'DELETE FROM incoming',
    'DELETE FROM dead_letters',
    `UPDATE projector_checkpoint SET position = 0, updated_at = ${sqlInt(now)} WHERE id = 1`,
  ]);
}
