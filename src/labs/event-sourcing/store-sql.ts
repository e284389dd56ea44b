/**
 * The SQL the account service runs on its event store, in one place: load a stream (from its newest snapshot
 * or from the start), append a command's events, read the log for the projector.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { snapshotJson, type Account } from './account.ts';
import { encode, type AccountEvent } from './event-shapes.ts';
import type { Command, StoredEvent } from './messages.ts';
import { LIVE_START, SNAPSHOT_EVERY } from './settings.ts';

/** The rows of the `index`th statement of a script, as objects. */
export function rowsAt(result: QueryResult, index: number): Record<string, Cell>[] {
  if (!result.ok) return [];
  const set = index < 0 ? result.results.at(index) : result.results[index];
  if (!set) return [];
  return set.rows.map((row) => Object.fromEntries(set.fields.map((field, i) => [field.name, row[i] ?? null])));
}

/** A moment of the lab's virtual clock as a Postgres timestamp: the live day starts at 09:00. */
export const at = (nowMs: number) => `(timestamptz ${sqlText(LIVE_START)} + ${sqlInt(nowMs)} * interval '1 millisecond')`;

const EVENT_COLUMNS = 'version, type, data::text AS data, schema';

/** Events come back a page at a time: the engine hands over at most 1,000 rows per statement. */
export const PAGE_SIZE = 1_000;

/** The newest snapshot, up to `upTo` if given. */
export function snapshotSql(stream: string, upTo?: number): string {
  const limit = upTo === undefined ? '' : ` AND version <= ${sqlInt(upTo)}`;
  return `SELECT version, state::text AS state FROM snapshots WHERE stream = ${sqlText(stream)}${limit} ORDER BY version DESC LIMIT 1`;
}

/** The next page of a stream's events after version `after`, up to `upTo` if given, in version order. */
export function eventsPageSql(stream: string, after: number, upTo?: number): string {
  const limit = upTo === undefined ? '' : ` AND version <= ${sqlInt(upTo)}`;
  return `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ${sqlText(stream)} AND version > ${sqlInt(after)}${limit} ORDER BY version LIMIT ${sqlInt(PAGE_SIZE)}`;
}

/**
 * The broken loader of the tests' negative control: it starts from the snapshot and then reads the whole
 * stream, in whatever order the table gives, so the events the snapshot already holds count twice.
 */
export function loadIgnoringVersionsSql(stream: string): string {
  const s = sqlText(stream);
  return `SELECT version, state::text AS state FROM snapshots WHERE stream = ${s} ORDER BY version DESC LIMIT 1;
SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ${s};`;
}

export interface AppendPlan {
  readonly command: Command;
  readonly attempt: number;
  /** The version the command was decided on; its events take the versions after it. */
  readonly expected: number;
  readonly events: readonly AccountEvent[];
  /** The state after each event, in order. */
  readonly states: readonly Account[];
  readonly oldRelease: boolean;
  readonly now: number;
  /** False for the tests' negative control: append after whatever the stream holds now, without a conflict. */
  readonly optimistic: boolean;
}

/**
 * One transaction: the events (whose primary key refuses a version that is taken), a snapshot where a version
 * is a multiple of 100, the state table, and the command's outcome. The events' RETURNING comes last before
 * COMMIT, so the caller finds where they went.
 */
export function appendSql(plan: AppendPlan): string {
  const stream = sqlText(plan.command.stream);
  const values = plan.events.map((event, i) => {
    const { data, schema } = encode(event, plan.oldRelease);
    const version = plan.optimistic
      ? sqlInt(plan.expected + i + 1)
      : `(SELECT coalesce(max(version), 0) + ${sqlInt(i + 1)} FROM events WHERE stream = ${stream})`;
    return `(${stream}, ${version}, ${sqlText(event.type)}, ${sqlText(data)}::jsonb, ${sqlInt(schema)}, ${at(plan.now)})`;
  });
  const snapshots = plan.states
    .filter((s) => s.version % SNAPSHOT_EVERY === 0)
    .map((s) => `(${stream}, ${sqlInt(s.version)}, ${sqlText(snapshotJson(s))}::jsonb, ${at(plan.now)})`);
  const last = plan.states.at(-1);
  if (!last) throw new Error('an append needs at least one event');
  return transaction([
    ...(snapshots.length > 0
      ? [
          `INSERT INTO snapshots (stream, version, state, taken_at) VALUES ${snapshots.join(', ')}${plan.optimistic ? '' : ' ON CONFLICT DO NOTHING'}`,
        ]
      : []),
    `INSERT INTO accounts (stream, balance_cents, overdraft_cents, version)
VALUES (${stream}, ${sqlInt(last.balanceCents)}, ${sqlInt(last.overdraftCents)}, ${sqlInt(last.version)})
ON CONFLICT (stream) DO UPDATE SET balance_cents = excluded.balance_cents, overdraft_cents = excluded.overdraft_cents, version = excluded.version`,
    commandLogSql(plan.command, 'appended', plan.attempt, plan.now),
    `INSERT INTO events (stream, version, type, data, schema, recorded_at) VALUES ${values.join(', ')} RETURNING position, version`,
  ]);
}

export function commandLogSql(command: Command, outcome: string, attempts: number, now: number): string {
  return `INSERT INTO commands (id, stream, kind, cents, outcome, attempts, decided_at)
VALUES (${sqlText(command.id)}, ${sqlText(command.stream)}, ${sqlText(command.kind)}, ${sqlInt(command.cents)}, ${sqlText(outcome)}, ${sqlInt(attempts)}, ${at(now)})
ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, attempts = excluded.attempts, decided_at = excluded.decided_at`;
}

/** Snapshots and the state table for streams written in bulk, from the service's own fold. */
export function snapshotsSql(states: readonly Account[], finals: readonly Account[], now: number): string {
  const statements = [];
  const snaps = states.map((s) => `(${sqlText(s.stream)}, ${sqlInt(s.version)}, ${sqlText(snapshotJson(s))}::jsonb, ${at(now)})`);
  if (snaps.length > 0) statements.push(`INSERT INTO snapshots (stream, version, state, taken_at) VALUES ${snaps.join(', ')}`);
  const rows = finals.map((s) => `(${sqlText(s.stream)}, ${sqlInt(s.balanceCents)}, ${sqlInt(s.overdraftCents)}, ${sqlInt(s.version)})`);
  if (rows.length > 0)
    statements.push(`INSERT INTO accounts (stream, balance_cents, overdraft_cents, version) VALUES ${rows.join(', ')}
ON CONFLICT (stream) DO UPDATE SET balance_cents = excluded.balance_cents, overdraft_cents = excluded.overdraft_cents, version = excluded.version`);
  return transaction(statements);
}

/** The log after `after`, as the projector reads it, and the newest position. */
export function fetchSql(after: number, limit: number): string {
  return `SELECT position, stream, version, type, data::text AS data, schema,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS recorded_at
FROM events WHERE position > ${sqlInt(after)} ORDER BY position LIMIT ${sqlInt(limit)};
SELECT coalesce(max(position), 0) AS head FROM events;`;
}

export function storedEventOf(row: Record<string, Cell>): StoredEvent {
  return {
    position: Number(row['position']),
    stream: String(row['stream']),
    version: Number(row['version']),
    type: String(row['type']),
    data: String(row['data']),
    schema: Number(row['schema']),
    recordedAt: String(row['recorded_at']),
  };
}

export const STORAGE_SQL = `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM accounts) AS accounts,
  (SELECT count(*)::int FROM snapshots) AS snapshots,
  pg_total_relation_size('events')::int AS events_bytes, pg_total_relation_size('snapshots')::int AS snapshots_bytes,
  pg_total_relation_size('accounts')::int AS state_bytes`;
