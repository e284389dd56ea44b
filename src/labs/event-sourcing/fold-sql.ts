/**
 * The fold in SQL, over the event store itself: what the invariants and the exercises compare the service's
 * own state with. It upcasts as it reads, so old and new shapes count alike.
 */
import { CENTS_PG } from './event-shapes.ts';

/** Each account's state from its events: balance, overdraft limit (the last one set) and version. */
export const FOLD_SQL = `SELECT stream,
  sum(CASE type WHEN 'deposited' THEN cents WHEN 'withdrawn' THEN -cents ELSE 0 END)::int AS balance_cents,
  coalesce((array_agg(cents ORDER BY version DESC) FILTER (WHERE type = 'overdraft-limit-set'))[1], 0) AS overdraft_cents,
  max(version) AS version
FROM (SELECT stream, version, type, ${CENTS_PG} AS cents FROM events) e
GROUP BY stream ORDER BY stream`;

/** The state after every event of every stream: running balance, and the overdraft limit in force. */
const RUNNING = `e AS (SELECT stream, version, type, ${CENTS_PG} AS cents FROM events),
running AS (
  SELECT stream, version, type, cents,
    sum(CASE type WHEN 'deposited' THEN cents WHEN 'withdrawn' THEN -cents ELSE 0 END) OVER w AS balance,
    count(*) FILTER (WHERE type = 'overdraft-limit-set') OVER w AS limit_no
  FROM e WINDOW w AS (PARTITION BY stream ORDER BY version)
),
states AS (
  SELECT stream, version, type, cents, balance::int AS balance,
    coalesce(max(CASE WHEN type = 'overdraft-limit-set' THEN cents END) OVER (PARTITION BY stream, limit_no), 0)::int AS overdraft
  FROM running
)`;

/** Snapshots that disagree with the fold of their stream up to their version. */
export const WRONG_SNAPSHOTS_SQL = `WITH ${RUNNING}
SELECT s.stream, s.version, (s.state->>'balance_cents')::int AS snapshot_balance, f.balance AS folded_balance,
  (s.state->>'overdraft_cents')::int AS snapshot_overdraft, f.overdraft AS folded_overdraft
FROM snapshots s LEFT JOIN states f ON f.stream = s.stream AND f.version = s.version
WHERE f.version IS NULL OR (s.state->>'balance_cents')::int <> f.balance OR (s.state->>'overdraft_cents')::int <> f.overdraft
ORDER BY s.stream, s.version LIMIT 20`;

/** Every withdrawal that left the balance below the overdraft limit in force then. */
export const OVERDRAWN_SQL = `WITH ${RUNNING}
SELECT stream, version, cents AS withdrawn_cents, balance AS balance_after, overdraft AS overdraft_cents
FROM states WHERE type = 'withdrawn' AND balance < -overdraft ORDER BY stream, version LIMIT 20`;
