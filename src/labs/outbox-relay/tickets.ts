/**
 * The ticket service: its own Postgres database, and the one place where a change is made. Every change is
 * announced in all six ways at once, so the pipelines can be compared on the very same changes:
 *
 * 1. before its transaction, it publishes the event straight to the downstream service (publish, then commit);
 * 2. in its transaction, it writes the ticket (whose trigger stamps the copiers' watermark columns), an outbox
 *    row, and a logical message into the write-ahead log;
 * 3. after COMMIT, it publishes the event again on the other dual-write channel (commit, then publish).
 *
 * It also answers the relay's polls by running the capture queries on its database (capture-sql.ts): the
 * relay is a separate process that reaches the ticket database over the network, as Debezium does.
 */
import type { Cell } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import {
  CREATE_SLOT,
  OUTBOX_POLL,
  outboxMark,
  SAFE_EXTRACT_RELAYED,
  SEQ_EXTRACT_RELAYED,
  WAL_HEAD,
  WAL_RECORDS,
  WAL_SKIP_TO,
  walConfirm,
  walPending,
} from './capture-sql.ts';
import type {
  Ack,
  Change,
  ChangeKind,
  CopiedRow,
  Incident,
  OutboxRelay,
  ReadChanges,
  TicketEvent,
  TicketStatus,
  WalRead,
} from './messages.ts';
import { AGENTS, GONE_AGENT, HOLD_MS, WORKLOAD } from './settings.ts';
import ticketsSql from './tickets.sql?raw';
import { decodeWal, type WalRecord } from './wal-decoder.ts';

interface TicketsState {
  /** Prepared transactions waiting for COMMIT PREPARED, with the event each will announce. */
  held: Record<string, TicketEvent>;
  /** Whether the WAL slot exists; asking again is harmless. */
  slotCreated: boolean;
}

type Ctx = LabContext<OutboxRelay, 'tickets', TicketsState>;

export function eventId(ticketId: string, version: number): string {
  return `${ticketId}@v${version}`;
}

export function eventOf(row: Record<string, Cell>, ticketId = String(row['id'])): TicketEvent {
  const version = Number(row['version']);
  const assignee = row['assignee'];
  return {
    eventId: eventId(ticketId, version),
    ticketId,
    version,
    status: String(row['status']) as TicketStatus,
    assignee: assignee === null || assignee === undefined ? null : String(assignee),
  };
}

function nextEvent(ticketId: string, change: ChangeKind, current: Record<string, Cell> | undefined): TicketEvent {
  const version = current ? Number(current['version']) + 1 : 1;
  const base = { eventId: eventId(ticketId, version), ticketId, version };
  switch (change.kind) {
    case 'open':
      return { ...base, status: 'open', assignee: null };
    case 'assign':
      return { ...base, status: 'assigned', assignee: change.agent };
    case 'close':
      return { ...base, status: 'closed', assignee: current?.['assignee'] == null ? null : String(current['assignee']) };
  }
}

/** The business transaction's statements: the ticket, its outbox row, and its message in the log. */
function changeStatements(event: TicketEvent): string[] {
  const assignee = event.assignee === null ? 'NULL' : sqlText(event.assignee);
  const payload = sqlText(JSON.stringify(event));
  const write =
    event.version === 1
      ? `INSERT INTO tickets (id, status, assignee, version) VALUES (${sqlText(event.ticketId)}, ${sqlText(event.status)}, ${assignee}, 1)`
      : `UPDATE tickets SET status = ${sqlText(event.status)}, assignee = ${assignee}, version = ${sqlInt(event.version)} WHERE id = ${sqlText(event.ticketId)}`;
  return [
    write,
    `INSERT INTO outbox (event_id, ticket_id, version, payload) VALUES (${sqlText(event.eventId)}, ${sqlText(event.ticketId)}, ${sqlInt(event.version)}, ${payload})`,
    `SELECT pg_logical_emit_message(true, 'outbox', ${payload})`,
  ];
}

const describe = (e: TicketEvent) => `${e.eventId} (${e.status}${e.assignee ? ` to ${e.assignee}` : ''})`;

async function createSlot(ctx: Ctx) {
  if (ctx.state.slotCreated) return;
  ctx.state.slotCreated = (await ctx.sql(CREATE_SLOT)).ok;
}

/** One change, announced six ways; what goes wrong around it is `incident`. */
async function change(ctx: Ctx, m: Change) {
  const [current] = rowsOf(await ctx.sql(`SELECT version, status, assignee FROM tickets WHERE id = ${sqlText(m.ticketId)}`));
  if (m.change.kind !== 'open' && !current) return ctx.note(`${m.ticketId} does not exist (yet): nothing to change`);
  const event = nextEvent(m.ticketId, m.incident === 'refused' ? { kind: 'assign', agent: GONE_AGENT } : m.change, current);

  ctx.send('downstream', { type: 'event', pipeline: 'publish-then-commit', event });
  ctx.fact({ kind: 'published', pipeline: 'publish-then-commit', eventId: event.eventId });
  if (m.incident === 'crash-before-commit') return crashed(ctx, `published ${event.eventId}, then crashed before its transaction`);

  await createSlot(ctx);
  const held = m.incident === 'held';
  const gid = `hold-${event.ticketId}`;
  const result = await ctx.sql(
    ['BEGIN;', ...changeStatements(event).map((s) => `${s};`), held ? `PREPARE TRANSACTION ${sqlText(gid)};` : 'COMMIT;'].join('\n'),
  );
  if (!result.ok) {
    ctx.fact({ kind: 'refused', eventId: event.eventId, error: result.error.message });
    return ctx.note(`Postgres refused ${describe(event)}: ${result.error.message}`);
  }
  if (held) {
    ctx.state.held[gid] = event;
    ctx.fact({ kind: 'held', eventId: event.eventId, gid });
    ctx.note(`${describe(event)} is prepared and held for ${HOLD_MS} ms: other changes commit meanwhile`);
    ctx.setTimer(HOLD_MS, { type: 'commit-held', gid });
    return;
  }
  committed(ctx, event, m.incident);
}

function committed(ctx: Ctx, event: TicketEvent, incident: Incident) {
  ctx.fact({ kind: 'committed', event });
  ctx.send('relay', { type: 'wake' });
  if (incident === 'crash-after-commit') return crashed(ctx, `committed ${event.eventId}, then crashed before publishing it`);
  ctx.send('downstream', { type: 'event', pipeline: 'commit-then-publish', event });
  ctx.fact({ kind: 'published', pipeline: 'commit-then-publish', eventId: event.eventId });
}

/**
 * The process dies between two of its writes and its supervisor starts it again at once. Modelled inside the
 * handler (the rest of it does not run) rather than as a crash of the whole service, so that the workload's
 * later changes still arrive.
 */
function crashed(ctx: Ctx, where: string) {
  ctx.fact({ kind: 'crashed', service: 'tickets', where });
  ctx.note(`crashed: ${where}; restarted by its supervisor`);
}

async function commitHeld(ctx: Ctx, gid: string) {
  const event = ctx.state.held[gid];
  const result = await ctx.sql(`COMMIT PREPARED ${sqlText(gid)}`);
  if (!event || !result.ok) return;
  delete ctx.state.held[gid];
  committed(ctx, event, 'none');
}

/** The reader's "next change": on the reader's own tickets (R-…), never on one held by a prepared transaction. */
async function nextChange(ctx: Ctx) {
  const rows = rowsOf(
    await ctx.sql(`SELECT id, status FROM tickets
WHERE id LIKE 'R-%' AND status <> 'closed' AND ${sqlText('hold-')} || id NOT IN (SELECT gid FROM pg_prepared_xacts)
ORDER BY seq`),
  );
  const incident: Incident = ctx.isFaultOn('crash-before-commit')
    ? 'crash-before-commit'
    : ctx.isFaultOn('refuse-commit')
      ? 'refused'
      : ctx.isFaultOn('hold-transaction')
        ? 'held'
        : ctx.isFaultOn('crash-after-commit')
          ? 'crash-after-commit'
          : 'none';
  const oldest = rows[0];
  if (rows.length < 2 || !oldest) {
    const [next] = rowsOf(await ctx.sql("SELECT 'R-' || nextval('reader_ticket_no') AS id"));
    return change(ctx, { type: 'change', ticketId: String(next?.['id']), change: { kind: 'open' }, incident });
  }
  const id = String(oldest['id']);
  const agent = AGENTS[Number(id.slice(2)) % AGENTS.length] ?? 'ana';
  const kind: ChangeKind = oldest['status'] === 'open' ? { kind: 'assign', agent } : { kind: 'close' };
  return change(ctx, { type: 'change', ticketId: id, change: kind, incident });
}

function copied(rows: readonly Record<string, Cell>[]): CopiedRow[] {
  return rows.map((row) => ({ event: eventOf(row), watermark: String(row['watermark']) }));
}

const walRecordOf = (r: Record<string, Cell>): WalRecord => ({
  pos: Number(r['pos']),
  xid: String(r['xid']),
  rm: String(r['rm']),
  type: String(r['type']),
  description: String(r['description']),
});

/**
 * Logical decoding, as Postgres does it for a replication slot: read the log from the slot's restart position,
 * keep each transaction's messages until its commit, hand over the committed ones. The slot moves on only
 * when the relay acknowledges this poll; positions stay inside Postgres and this handler.
 */
async function readWal(ctx: Ctx, poll: number): Promise<WalRead> {
  const [slot] = rowsOf(await ctx.sql(WAL_HEAD));
  ctx.fact({ kind: 'source-query', pipeline: 'wal', purpose: 'poll' });
  if (!slot) return { kind: 'not-started' };
  const head = Number(slot['head']);
  const from = { restart: Number(slot['restart']), confirmed: Number(slot['confirmed']) };
  if (head <= from.restart) return { kind: 'events', records: 0, events: [] };
  const result = await ctx.sql(WAL_RECORDS, [head]);
  ctx.fact({ kind: 'source-query', pipeline: 'wal', purpose: 'poll' });
  if (!result.ok) {
    await ctx.sql(WAL_SKIP_TO, [head]);
    // The message names a segment file, whose number depends on the log's absolute position: the code says enough.
    return { kind: 'gone', error: `${result.error.code}: the WAL segment it needed has been removed` };
  }
  const records = rowsOf(result).map(walRecordOf);
  const { commits, next } = decodeWal(records, from, head, 'outbox');
  // With nothing to hand over the slot stays where it is: writing it would itself add to the log, and the
  // next poll would read that. The few records read again next time cost less.
  if (commits.length > 0) {
    await ctx.sql(walPending(poll), [next.restart, next.confirmed]);
    ctx.fact({ kind: 'source-query', pipeline: 'wal', purpose: 'poll' });
  }
  const events = commits.flatMap((c) => c.payloads.map((p) => JSON.parse(p) as TicketEvent));
  return { kind: 'events', records: records.length, events };
}

/** The relay's poll, run here because the capture queries run on this database. */
async function readChanges(ctx: Ctx, m: ReadChanges) {
  const outbox = rowsOf(await ctx.sql(OUTBOX_POLL)).map((r) => eventOf(r, String(r['ticket_id'])));
  ctx.fact({ kind: 'source-query', pipeline: 'outbox', purpose: 'poll' });
  const seqCopier = copied(rowsOf(await ctx.sql(SEQ_EXTRACT_RELAYED, [m.offsets.seq])));
  ctx.fact({ kind: 'source-query', pipeline: 'seq-copier', purpose: 'poll' });
  const safeCopier = copied(rowsOf(await ctx.sql(SAFE_EXTRACT_RELAYED, [m.offsets.xmin])));
  ctx.fact({ kind: 'source-query', pipeline: 'safe-copier', purpose: 'poll' });
  const wal = await readWal(ctx, m.poll);
  const fromWal = wal.kind === 'events' ? `WAL ${wal.records} records, ${wal.events.length} events` : `WAL ${wal.kind}`;
  const holds = `outbox ${outbox.length}, copiers ${seqCopier.length} / ${safeCopier.length}, ${fromWal}`;
  ctx.send('relay', { type: 'changes', holds, poll: m.poll, outbox, seqCopier, safeCopier, wal });
}

/** The relay published what a poll found: mark the outbox rows sent, and move the WAL slot on. */
async function ack(ctx: Ctx, m: Ack) {
  if (m.outbox.length > 0) {
    await ctx.sql(outboxMark(m.outbox, ctx.now));
    ctx.fact({ kind: 'source-query', pipeline: 'outbox', purpose: 'mark' });
  }
  if (m.wal) {
    await ctx.sql(walConfirm(m.poll));
    ctx.fact({ kind: 'source-query', pipeline: 'wal', purpose: 'mark' });
  }
}

function runWorkload(ctx: Ctx) {
  for (const planned of WORKLOAD)
    ctx.setTimer(planned.at, { type: 'change', ticketId: planned.ticketId, change: planned.change, incident: planned.incident });
}

export const tickets: ServiceSpec<OutboxRelay, 'tickets', TicketsState> = {
  label: 'Ticket service (Postgres)',
  role: 'Opens, assigns and closes tickets; announces each change six ways at once',
  database: {
    kind: 'postgres',
    settings: ['max_prepared_transactions=10'],
    extensions: ['pg_walinspect'],
    setupSql: ticketsSql,
  },
  tables: [
    {
      title: 'tickets (latest change first)',
      sql: 'SELECT id, status, assignee, version AS v, seq, changed_by FROM tickets ORDER BY seq DESC LIMIT 10',
    },
    {
      title: 'outbox (newest first)',
      sql: 'SELECT id, event_id, relayed_at FROM outbox ORDER BY id DESC LIMIT 10',
    },
    {
      title: 'prepared transactions (held)',
      sql: 'SELECT gid, transaction AS xid FROM pg_prepared_xacts ORDER BY gid',
    },
  ],
  initialState: () => ({ held: {}, slotCreated: false }),
  on: {
    'run-workload': runWorkload,
    'next-change': nextChange,
    change,
    'commit-held': (ctx, m) => commitHeld(ctx, m.gid),
    'read-changes': readChanges,
    ack,
  },
};
