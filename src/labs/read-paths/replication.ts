/**
 * The SQL the replicator runs on the ticket service's database, in one place: stage a batch of the
 * owner's change events in `incoming_changes`, upsert them into `customer_copy`, move the checkpoint,
 * all in one local transaction.
 *
 * `unversioned` is a deliberately broken replicator for the tests: it overwrites the copy with whatever
 * event arrives last and sets the checkpoint to the end of whatever batch it holds, so a repeated or late
 * batch writes an old name or plan over a newer one.
 */
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ChangeEvent } from './messages.ts';

export type Apply = 'versioned' | 'unversioned';

/**
 * Each event carries the customer's name and plan as of its version, so the newest version wins and an
 * older or repeated one changes nothing, whatever order events arrive in. DISTINCT ON keeps the newest
 * event per customer within the batch, since one statement may not touch a row twice.
 */
export const VERSIONED_APPLY = `INSERT INTO customer_copy (customer_id, name, plan, version, copied_at)
SELECT DISTINCT ON (customer_id) customer_id, name, plan, version, received_at FROM incoming_changes ORDER BY customer_id, version DESC
ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, plan = excluded.plan, version = excluded.version, copied_at = excluded.copied_at
WHERE excluded.version > customer_copy.version`;

const UNVERSIONED_APPLY = `INSERT INTO customer_copy (customer_id, name, plan, version, copied_at)
SELECT DISTINCT ON (customer_id) customer_id, name, plan, version, received_at FROM incoming_changes ORDER BY customer_id, position DESC
ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, plan = excluded.plan, version = excluded.version, copied_at = excluded.copied_at`;

/** Replaces what `incoming_changes` holds with `events`. */
export function stageSql(events: readonly ChangeEvent[], now: number): string[] {
  const values = events.map(
    (e) =>
      `(${sqlInt(e.position)}, ${sqlText(e.customerId)}, ${sqlInt(e.version)}, ${sqlText(e.name)}, ${sqlText(e.plan)}, ${sqlInt(now)})`,
  );
  return [
    'DELETE FROM incoming_changes',
    ...(values.length > 0
      ? [
          `INSERT INTO incoming_changes (position, customer_id, version, name, plan, received_at) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        ]
      : []),
  ];
}

/** One batch as one local transaction: the copy and the checkpoint commit together or not at all. */
export function applyBatchSql(apply: Apply, events: readonly ChangeEvent[], now: number): string {
  const last = events.reduce((max, e) => Math.max(max, e.position), 0);
  // The versioned replicator never moves its checkpoint backwards: a late batch leaves it where it is.
  const to = apply === 'versioned' ? `greatest(position, ${sqlInt(last)})` : sqlInt(last);
  return transaction([
    ...stageSql(events, now),
    apply === 'versioned' ? VERSIONED_APPLY : UNVERSIONED_APPLY,
    `UPDATE replication_checkpoint SET position = ${to} WHERE id = 1`,
  ]);
}
