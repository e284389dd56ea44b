/**
 * The relay: one process running four captures on one clock. Each poll asks the ticket service to run the
 * capture queries (the relay reaches the ticket database over the network, as Debezium or a polling
 * publisher does), publishes what they found to the downstream service, and only then remembers how far it
 * got: the copiers' watermarks in its own database; the outbox rows marked and the WAL slot moved on by an
 * acknowledgement to the ticket service. A relay that dies between publishing and remembering publishes the
 * same events again: at least once.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlText, transaction } from '../kit/service-sql.ts';
import type { Capture, Changes, CopiedRow, Offsets, OutboxRelay, TicketEvent } from './messages.ts';
import relaySql from './relay.sql?raw';
import { IDLE_POLLS, POLL_INTERVAL_MS, RARE_POLL_INTERVAL_MS } from './settings.ts';

interface RelayState {
  /** Polling, or asleep until the next commit wakes it. */
  awake: boolean;
  poll: number;
  idlePolls: number;
}

type Ctx = LabContext<OutboxRelay, 'relay', RelayState>;

const interval = (ctx: Ctx) => (ctx.isFaultOn('rare-polls') ? RARE_POLL_INTERVAL_MS : POLL_INTERVAL_MS);

/** Polls fall on a fixed grid, as a scheduled job's do: a change waits for the next tick, not for a wake-up. */
function scheduleNextPoll(ctx: Ctx) {
  const every = interval(ctx);
  ctx.setTimer(every - (ctx.now % every), { type: 'poll' });
}

async function readOffsets(ctx: Ctx): Promise<Offsets> {
  const rows = new Map(
    rowsOf(await ctx.sql('SELECT capture, position FROM offsets')).map((r) => [String(r['capture']), String(r['position'])]),
  );
  return { seq: rows.get('seq-copier') ?? '0', xmin: rows.get('safe-copier') ?? '0' };
}

function publish(ctx: Ctx, pipeline: Capture, events: readonly TicketEvent[]) {
  for (const event of events) {
    ctx.send('downstream', { type: 'event', pipeline, event });
    ctx.fact({ kind: 'published', pipeline, eventId: event.eventId });
  }
}

/** A copier remembers the watermark of the last row it read; with no rows, where it was. */
const lastWatermark = (rows: readonly CopiedRow[], before: string) => rows.at(-1)?.watermark ?? before;

function walEvents(ctx: Ctx, m: Changes): readonly TicketEvent[] {
  if (m.wal.kind === 'gone') {
    ctx.fact({ kind: 'wal-gone', error: m.wal.error });
    ctx.note(`the WAL it needed is gone (${m.wal.error}); the slot starts again where the log is now, and what it had not read is lost`);
  }
  return m.wal.kind === 'events' ? m.wal.events : [];
}

async function changes(ctx: Ctx, m: Changes, before: Offsets) {
  const fromWal = walEvents(ctx, m);
  publish(ctx, 'outbox', m.outbox);
  publish(
    ctx,
    'seq-copier',
    m.seqCopier.map((r) => r.event),
  );
  publish(
    ctx,
    'safe-copier',
    m.safeCopier.map((r) => r.event),
  );
  publish(ctx, 'wal', fromWal);
  const published = m.outbox.length + m.seqCopier.length + m.safeCopier.length + fromWal.length;
  ctx.state.idlePolls = published > 0 ? 0 : ctx.state.idlePolls + 1;

  if (published > 0 && ctx.isFaultOn('relay-crash')) {
    ctx.fact({ kind: 'crashed', service: 'relay', where: 'after publishing, before remembering' });
    ctx.note(`crashed after publishing ${published} events, before remembering how far it got; restarted by its supervisor`);
    return scheduleNextPoll(ctx);
  }

  await ctx.sql(
    transaction(
      [
        ['seq-copier', lastWatermark(m.seqCopier, before.seq)],
        ['safe-copier', lastWatermark(m.safeCopier, before.xmin)],
      ].map(([capture, position]) => `UPDATE offsets SET position = ${sqlText(position ?? '0')} WHERE capture = ${sqlText(capture ?? '')}`),
    ),
  );
  const walRead = fromWal.length > 0;
  if (m.outbox.length > 0 || walRead)
    ctx.send('tickets', { type: 'ack', poll: m.poll, outbox: m.outbox.map((e) => e.eventId), wal: walRead });

  if (ctx.state.idlePolls >= IDLE_POLLS) {
    ctx.state.awake = false;
    return ctx.note(`${IDLE_POLLS} polls found nothing: the relay sleeps until the next commit`);
  }
  scheduleNextPoll(ctx);
}

export const relay: ServiceSpec<OutboxRelay, 'relay', RelayState> = {
  label: 'Relay (SQLite offsets)',
  role: 'Polls the ticket database for the outbox, both copiers and the WAL; publishes what it finds; then remembers how far it got',
  database: { kind: 'sqlite', setupSql: relaySql },
  tables: [{ title: 'offsets', sql: 'SELECT capture, position FROM offsets ORDER BY capture' }],
  initialState: () => ({ awake: false, poll: 0, idlePolls: 0 }),
  on: {
    wake(ctx) {
      if (ctx.state.awake) return;
      ctx.state.awake = true;
      ctx.state.idlePolls = 0;
      scheduleNextPoll(ctx);
    },
    async poll(ctx) {
      ctx.state.poll += 1;
      ctx.send('tickets', { type: 'read-changes', poll: ctx.state.poll, offsets: await readOffsets(ctx) });
    },
    async changes(ctx, m) {
      // The offsets the poll was made with are the ones in the database: nothing else writes them.
      await changes(ctx, m, await readOffsets(ctx));
    },
  },
};
