/**
 * The ticket service: the operational database. Opening or closing a ticket commits the row and its
 * change-log entry in one transaction. It answers the stream jobs' fetches from the log, the nightly
 * extract from the tickets table, and the analyst's question of what the truth is.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { FeedsLab } from './messages.ts';
import { changeOf, changesSql, dayCountsOf, newestFactSql, truthSql } from './queries.ts';
import ticketsSql from './tickets.sql?raw';

/** Volatile: whether the live stream job was last told "nothing new", so that the next commit wakes it once. */
interface TicketsState {
  jobCaughtUp: boolean;
}

type Ctx = LabContext<FeedsLab, 'tickets', TicketsState>;

function committed(ctx: Ctx) {
  if (!ctx.state.jobCaughtUp) return;
  ctx.state.jobCaughtUp = false;
  ctx.send('analytics', { type: 'poll' });
}

export const tickets: ServiceSpec<FeedsLab, 'tickets', TicketsState> = {
  label: 'Ticket service (Postgres)',
  role: 'The operational side: opens and closes tickets; every change appends to a retained change log in the same transaction',
  database: { kind: 'postgres', setupSql: ticketsSql },
  tables: [
    {
      title: 'tickets (newest first)',
      sql: 'SELECT id, customer_id AS customer, status, opened_at, closed_at, closed_recorded_at AS recorded FROM tickets ORDER BY id DESC LIMIT 8',
    },
    {
      title: 'change_log (newest first)',
      sql: 'SELECT position AS pos, ticket_id, kind, happened_at, recorded_at FROM change_log ORDER BY position DESC LIMIT 8',
    },
  ],
  initialState: () => ({ jobCaughtUp: true }),
  on: {
    async 'open-ticket'(ctx, m) {
      const result = await ctx.sql(
        transaction([
          `INSERT INTO tickets (id, customer_id, priority, opened_at) VALUES (${sqlInt(m.ticketId)}, ${sqlInt(m.customerId)}, ${sqlText(m.priority)}, ${sqlInt(ctx.now)})`,
          `INSERT INTO change_log (ticket_id, kind, happened_at, recorded_at) VALUES (${sqlInt(m.ticketId)}, 'opened', ${sqlInt(ctx.now)}, ${sqlInt(ctx.now)})`,
        ]),
      );
      if (result.ok) committed(ctx);
    },
    async 'close-ticket'(ctx, m) {
      const result = await ctx.sql(
        transaction([
          `UPDATE tickets SET status = 'closed', closed_at = ${sqlInt(m.happenedAt)}, closed_recorded_at = ${sqlInt(ctx.now)} WHERE id = ${sqlInt(m.ticketId)} AND status = 'open'`,
          `INSERT INTO change_log (ticket_id, kind, happened_at, recorded_at) SELECT id, 'closed', closed_at, closed_recorded_at FROM tickets WHERE id = ${sqlInt(m.ticketId)} AND closed_recorded_at = ${sqlInt(ctx.now)}`,
        ]),
      );
      if (result.ok) committed(ctx);
    },
    async fetch(ctx, m) {
      const result = await ctx.sql(`${changesSql(m.after, m.limit)};\nSELECT coalesce(max(position), 0) AS head FROM change_log;`);
      if (!result.ok) return;
      const changes = rowsOf({ ...result, results: result.results.slice(0, 1) }).map(changeOf);
      const head = Number(rowsOf(result)[0]?.['head'] ?? 0);
      if (m.purpose === 'live') ctx.state.jobCaughtUp = changes.length === 0;
      const holds = changes.length === 0 ? 'nothing new' : `positions ${changes[0]?.position ?? ''}–${changes.at(-1)?.position ?? ''}`;
      ctx.send('analytics', { type: 'changes', holds, fetchId: m.fetchId, purpose: m.purpose, changes, head });
    },
    async extract(ctx) {
      // One statement, one snapshot: the rows and the log position they include agree.
      const result = await ctx.sql(
        'SELECT id, customer_id, opened_at, closed_at, (SELECT coalesce(max(position), 0) FROM change_log) AS cutoff_position FROM tickets ORDER BY id',
      );
      if (!result.ok) return;
      const rows = rowsOf(result).map((r) => ({
        id: Number(r['id']),
        customerId: Number(r['customer_id']),
        openedAt: Number(r['opened_at']),
        closedAt: r['closed_at'] === null ? null : Number(r['closed_at']),
      }));
      const cutoffPosition = Number(rowsOf(result)[0]?.['cutoff_position'] ?? 0);
      ctx.send('analytics', { type: 'extracted', cutoff: ctx.now, cutoffPosition, tickets: rows });
    },
    async truth(ctx, m) {
      const result = await ctx.sql(`${truthSql(m.asOf)};\n${newestFactSql(m.asOf)};`);
      if (!result.ok) return;
      const days = dayCountsOf(rowsOf({ ...result, results: result.results.slice(0, 1) }));
      const newest = rowsOf(result)[0]?.['newest_at'];
      ctx.send('desk', {
        type: 'truth-is',
        readId: m.readId,
        days,
        newestAt: newest === null || newest === undefined ? null : Number(newest),
      });
    },
  },
};
