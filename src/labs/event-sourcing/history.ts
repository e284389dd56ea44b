/**
 * History written straight into the store by one statement each, as a migration from an older system would:
 * a day of three accounts (1,000 events, the morning's deposits in the old shape), and a busy account of
 * 10,000 events for timing replays. `salt` comes from the kernel's seeded generator, so another seed gives
 * other amounts, and the exercises' hidden runs other streams. Every withdrawal follows a larger deposit,
 * so the history keeps the business rules.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { BUSY_ACCOUNT, BUSY_EVENTS, HISTORY_ACCOUNTS, HISTORY_EVENTS, HISTORY_HOURS, HISTORY_START, OLD_SHAPE_UNTIL } from './settings.ts';

/**
 * Event `i` of `count` (1-based) in `streams` accounts, round-robin: version 1 opens, even versions deposit
 * 50.00–99.99, odd ones withdraw 10.00–49.99, and every fiftieth odd one sets the overdraft limit instead.
 */
function historySql(streams: readonly string[], count: number, salt: number, oldShapeUntil: string | undefined): string {
  const names = `ARRAY[${streams.map(sqlText).join(', ')}]`;
  const n = sqlInt(streams.length);
  const spacing = `interval '${HISTORY_HOURS} hours' / ${sqlInt(count)}`;
  const oldShape = oldShapeUntil ? `recorded_at < timestamptz ${sqlText(oldShapeUntil)}` : 'false';
  return `INSERT INTO events (stream, version, type, data, schema, recorded_at)
SELECT stream, version, type,
  CASE WHEN type = 'opened' THEN '{}'::jsonb
       WHEN type = 'deposited' AND ${oldShape} THEN jsonb_build_object('amount', to_char(cents / 100.0, 'FM999990.00'))
       ELSE jsonb_build_object('cents', cents) END,
  CASE WHEN type = 'deposited' AND ${oldShape} THEN 1 ELSE 2 END,
  recorded_at
FROM (
  SELECT i, stream, version, recorded_at,
    CASE WHEN version = 1 THEN 'opened' WHEN version % 2 = 0 THEN 'deposited'
         WHEN version % 50 = 1 THEN 'overdraft-limit-set' ELSE 'withdrawn' END AS type,
    CASE WHEN version % 2 = 0 THEN 5000 + (i * 7919 + ${sqlInt(salt)}) % 5000
         WHEN version % 50 = 1 THEN 10000 * ((i + ${sqlInt(salt)}) % 4)
         ELSE 1000 + (i * 104729 + ${sqlInt(salt)} * 31) % 4000 END AS cents
  FROM (
    SELECT i, (${names})[(i - 1) % ${n} + 1] AS stream, (i - 1) / ${n} + 1 AS version,
      timestamptz ${sqlText(HISTORY_START)} + (i - 1) * ${spacing} AS recorded_at
    FROM generate_series(1, ${sqlInt(count)}) AS i
  ) numbered
) typed
ORDER BY i`;
}

export const dayOfHistorySql = (salt: number) => historySql(HISTORY_ACCOUNTS, HISTORY_EVENTS, salt, OLD_SHAPE_UNTIL);
export const busyAccountSql = (salt: number) => historySql([BUSY_ACCOUNT], BUSY_EVENTS, salt, undefined);
