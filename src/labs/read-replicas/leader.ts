/**
 * The leader: takes every write, commits the comment and its change-log entry in one transaction, streams
 * each new entry to the followers, and ships again whatever a follower has not confirmed receiving. It also
 * answers reads, always from the newest position, when the router sends it one.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import { ENTRY_COLUMNS, entryOf } from './log-entries.ts';
import type { InsertComment, LogEntry, ReadReplicas } from './messages.ts';
import { answerOf, readSql } from './queries.ts';
import { FOLLOWERS, RESHIP_FIRST_MS, RESHIP_MAX_MS, type FollowerName } from './settings.ts';

/** Volatile: whether a re-shipping timer is set, and how long the next one waits. */
interface LeaderState {
  reshipArmed: boolean;
  reshipDelayMs: number;
}

type Ctx = LabContext<ReadReplicas, 'leader', LeaderState>;

const POSITION = 'SELECT coalesce(max(lsn), 0) AS position FROM change_log;';

async function entriesAfter(ctx: Ctx, lsn: number): Promise<LogEntry[]> {
  const result = await ctx.sql(`SELECT ${ENTRY_COLUMNS} FROM change_log WHERE lsn > ${sqlInt(lsn)} ORDER BY lsn`);
  return rowsOf(result).map(entryOf);
}

function armReship(ctx: Ctx) {
  if (ctx.state.reshipArmed) return;
  ctx.state.reshipArmed = true;
  ctx.setTimer(ctx.state.reshipDelayMs, { type: 'reship' });
}

async function insertComment(ctx: Ctx, m: InsertComment) {
  const parent = m.parentId === null ? 'NULL' : sqlInt(m.parentId);
  // The comment and its log entry commit together: no follower can ever receive a change the leader lost,
  // and no committed comment is missing from the log.
  const result = await ctx.sql(
    [
      'BEGIN;',
      `INSERT INTO comments (id, parent_id, author, body, posted_at)
  SELECT coalesce(max(id), 100) + 1, ${parent}, ${sqlText(m.user)}, ${sqlText(m.body)}, ${sqlInt(ctx.now)} FROM comments;`,
      `INSERT INTO change_log (${ENTRY_COLUMNS})
  SELECT (SELECT coalesce(max(lsn), 0) + 1 FROM change_log), id, parent_id, author, body, posted_at
  FROM comments WHERE id = (SELECT max(id) FROM comments)
  RETURNING ${ENTRY_COLUMNS};`,
      'COMMIT;',
    ].join('\n'),
  );
  if (!result.ok) {
    ctx.note(`write ${m.requestId} failed: ${result.error.code}`);
    return;
  }
  const row = result.results[2]?.rows[0];
  const fields = result.results[2]?.fields ?? [];
  if (!row) return;
  const entry = entryOf(Object.fromEntries(fields.map((f, i) => [f.name, row[i] ?? null])));
  ctx.fact({ kind: 'committed', lsn: entry.lsn });
  ctx.send('router', { type: 'write-done', requestId: m.requestId, commentId: entry.commentId, lsn: entry.lsn, committedAt: ctx.now });
  // Streaming: each follower gets the new entry at once; one that missed earlier entries waits for the re-ship.
  for (const follower of FOLLOWERS) ctx.send(follower, { type: 'ship', entries: [entry] });
  armReship(ctx);
}

/** Ships again, to each follower behind, everything after what it confirmed receiving. */
async function reship(ctx: Ctx) {
  ctx.state.reshipArmed = false;
  const behind = rowsOf(
    await ctx.sql(
      'SELECT follower, received_lsn FROM replicas WHERE received_lsn < (SELECT coalesce(max(lsn), 0) FROM change_log) ORDER BY follower',
    ),
  );
  if (behind.length === 0) {
    ctx.state.reshipDelayMs = RESHIP_FIRST_MS;
    return;
  }
  for (const row of behind) {
    const entries = await entriesAfter(ctx, Number(row['received_lsn']));
    ctx.send(String(row['follower']) as FollowerName, { type: 'ship', entries });
  }
  ctx.state.reshipDelayMs = Math.min(ctx.state.reshipDelayMs * 2, RESHIP_MAX_MS);
  armReship(ctx);
}

export function leader(database: ServiceDatabaseSpec): ServiceSpec<ReadReplicas, 'leader', LeaderState> {
  return {
    label: 'Leader (Postgres)',
    role: 'Takes every write; comment and change-log entry in one transaction; streams the log to the followers',
    database,
    tables: [
      { title: 'change_log (newest first)', sql: 'SELECT lsn, comment_id, parent_id, author FROM change_log ORDER BY lsn DESC LIMIT 12' },
      { title: 'replicas', sql: 'SELECT follower, received_lsn, replayed_lsn, reported_at FROM replicas ORDER BY follower' },
    ],
    initialState: () => ({ reshipArmed: false, reshipDelayMs: RESHIP_FIRST_MS }),
    on: {
      'insert-comment': insertComment,
      reship,
      async received(ctx, m) {
        await ctx.sql(
          `UPDATE replicas SET received_lsn = greatest(received_lsn, ${sqlInt(m.receivedLsn)}), reported_at = ${sqlInt(ctx.now)} WHERE follower = ${sqlText(m.follower)}`,
        );
      },
      async replayed(ctx, m) {
        await ctx.sql(
          `UPDATE replicas SET replayed_lsn = greatest(replayed_lsn, ${sqlInt(m.replayedLsn)}), reported_at = ${sqlInt(ctx.now)} WHERE follower = ${sqlText(m.follower)}`,
        );
      },
      async 'replica-read'(ctx, m) {
        const answer = answerOf(await ctx.sql(readSql(m.query, POSITION)));
        if (answer) ctx.send('router', { type: 'replica-answer', requestId: m.requestId, ...answer, servedBy: 'leader' });
      },
    },
  };
}
