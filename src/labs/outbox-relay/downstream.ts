/**
 * The downstream service: it applies each event once whichever pipeline brought it and however often. The
 * inbox remembers every event id it has applied; a notification is sent only for an id not in it, and a copy
 * moves only to a newer version. The `naive` consumer leaves out the inbox check, and duplicates become
 * duplicate notifications.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import downstreamSql from './downstream.sql?raw';
import { PIPELINES, type Deliver, type OutboxRelay } from './messages.ts';

export type Consumer = 'idempotent' | 'naive';

type Ctx = LabContext<OutboxRelay, 'downstream', Record<string, never>>;

/** The statements that apply one event; `idempotent: false` sends its notification even when the id was seen. */
export function applySql(m: Omit<Deliver, 'type'>, now: number, idempotent: boolean): string {
  const e = m.event;
  const p = sqlText(m.pipeline);
  const id = sqlText(e.eventId);
  const assignee = e.assignee === null ? 'NULL' : sqlText(e.assignee);
  const unseen = idempotent ? ` WHERE NOT EXISTS (SELECT 1 FROM inbox WHERE pipeline = ${p} AND event_id = ${id})` : '';
  return transaction([
    `INSERT INTO notifications (pipeline, event_id, ticket_id, version, status, assignee, sent_at)
SELECT ${p}, ${id}, ${sqlText(e.ticketId)}, ${sqlInt(e.version)}, ${sqlText(e.status)}, ${assignee}, ${sqlInt(now)}${unseen}`,
    `INSERT INTO inbox (pipeline, event_id, received_at) VALUES (${p}, ${id}, ${sqlInt(now)}) ON CONFLICT DO NOTHING`,
    `INSERT INTO copies (pipeline, ticket_id, status, assignee, version) VALUES (${p}, ${sqlText(e.ticketId)}, ${sqlText(e.status)}, ${assignee}, ${sqlInt(e.version)})
ON CONFLICT (pipeline, ticket_id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee, version = excluded.version
WHERE excluded.version > copies.version`,
  ]);
}

async function apply(ctx: Ctx, m: Deliver, idempotent: boolean) {
  const [seen] = rowsOf(
    await ctx.sql(`SELECT count(*) AS n FROM inbox WHERE pipeline = ${sqlText(m.pipeline)} AND event_id = ${sqlText(m.event.eventId)}`),
  );
  const duplicate = Number(seen?.['n'] ?? 0) > 0;
  const result = await ctx.sql(applySql(m, ctx.now, idempotent));
  if (!result.ok) return;
  ctx.fact({ kind: 'received', pipeline: m.pipeline, event: m.event, duplicate });
  if (duplicate)
    ctx.note(`${m.event.eventId} again by ${m.pipeline}: ${idempotent ? 'already in the inbox, not notified again' : 'notified again'}`);
}

/** One row per ticket, one column per pipeline: the six copies side by side. */
const SIDE_BY_SIDE = `SELECT ticket_id, ${PIPELINES.map(
  (p) => `max(CASE WHEN pipeline = '${p}' THEN status || ' v' || version END) AS "${p}"`,
).join(', ')}
FROM copies GROUP BY ticket_id ORDER BY length(ticket_id), ticket_id LIMIT 12`;

export function downstream(consumer: Consumer): ServiceSpec<OutboxRelay, 'downstream', Record<string, never>> {
  return {
    label: 'Downstream (SQLite)',
    role: 'Notifies agents of each ticket change and keeps a copy per pipeline; applies each event once',
    database: { kind: 'sqlite', setupSql: downstreamSql },
    tables: [
      { title: 'copies, one column per pipeline', sql: SIDE_BY_SIDE },
      {
        title: 'notifications (newest first)',
        sql: 'SELECT pipeline, event_id, status, sent_at FROM notifications ORDER BY rowid DESC LIMIT 10',
      },
    ],
    initialState: () => ({}),
    on: { event: (ctx, m) => apply(ctx, m, consumer === 'idempotent') },
  };
}
