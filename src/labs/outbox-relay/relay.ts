/**
 * The relay: one process running four captures on one clock. Each poll asks the ticket service to run the
 * capture queries (the relay reaches the ticket database over the network, as Debezium or a polling
 * publisher does), publishes what they found to the downstream service, and only then remembers how far it
 * got: the copiers' watermarks and the log positions in its own database, the outbox by marking the rows.
 * A relay that dies between publishing and remembering publishes the same events again: at least once.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlText, transaction } from '../kit/service-sql.ts';
import type { Capture, Changes, CopiedRow, Offsets, OutboxRelay, TicketEvent } from './messages.ts';
import relaySql from './relay.sql?raw';
import { IDLE_POLLS, POLL_INTERVAL_MS, RARE_POLL_INTERVAL_MS } from './settings.ts';
import { decodeWal, type WalPositions } from './wal-decoder.ts';

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
  const rows = new Map(rowsOf(await ctx.sql('SELECT capture, position FROM offsets')).map((r) => [String(r['capture']), String(r['position'])]));
  const restart = rows.get('wal-restart');
  const confirmed = rows.get('wal-confirmed');
  return {
    seq: rows.get('seq-copier') ?? '0',
    xmin: rows.get('safe-copier') ?? '0',
    ...(restart !== undefined && confirmed !== undefined ? { wal: { restart: Number(restart), confirmed: Number(confirmed) } } : {}),
  };
}

function publish(ctx: Ctx, pipeline: Capture, events: readonly TicketEvent[]) {
  for (const event of events) {
    ctx.send('downstream', { type: 'event', pipeline, event });
    ctx.fact({ kind: 'published', pipeline, eventId: event.eventId });
  }
}

/** A copier remembers the watermark of the last row it read; with no rows, where it was. */
const lastWatermark = (rows: readonly CopiedRow[], before: string) => rows.at(-1)?.watermark ?? before;

/** What the log-based capture publishes, and the positions it will remember. */
function fromWal(ctx: Ctx, m: Changes): { events: TicketEvent[]; next?: WalPositions } {
  const wal = m.wal;
  if (wal.kind === 'not-started') return { events: [] };
  if (wal.kind === 'gone') {
    ctx.fact({ kind: 'wal-gone', error: wal.error });
    ctx.note(`the WAL it needed is gone (${wal.error}); it starts again from the log's end, and what it had not read is lost`);
    return { events: [], next: { restart: wal.head, confirmed: wal.head } };
  }
  const { commits, next } = decodeWal(wal.records, wal.from, wal.head, 'outbox');
  return { events: commits.flatMap((c) => c.payloads.map((p) => JSON.parse(p) as TicketEvent)), next };
}

async function changes(ctx: Ctx, m: Changes, before: Offsets) {
  const wal = fromWal(ctx, m);
  publish(ctx, 'outbox', m.outbox);
  publish(ctx, 'seq-copier', m.seqCopier.map((r) => r.event));
  publish(ctx, 'safe-copier', m.safeCopier.map((r) => r.event));
  publish(ctx, 'wal', wal.events);
  const published = m.outbox.length + m.seqCopier.length + m.safeCopier.length + wal.events.length;
  ctx.state.idlePolls = published > 0 ? 0 : ctx.state.idlePolls + 1;

  if (published > 0 && ctx.isFaultOn('relay-crash')) {
    ctx.fact({ kind: 'crashed', service: 'relay', where: 'after publishing, before remembering' });
    ctx.note(`crashed after publishing ${published} events, before remembering how far it got; restarted by its supervisor`);
    return scheduleNextPoll(ctx);
  }

  const positions: [string, string][] = [
    ['seq-copier', lastWatermark(m.seqCopier, before.seq)],
    ['safe-copier', lastWatermark(m.safeCopier, before.xmin)],
    ...(wal.next
      ? ([
          ['wal-restart', String(wal.next.restart)],
          ['wal-confirmed', String(wal.next.confirmed)],
        ] as [string, string][])
      : []),
  ];
  await ctx.sql(
    transaction(
      positions.map(
        ([capture, position]) =>
          `INSERT INTO offsets (capture, position) VALUES (${sqlText(capture)}, ${sqlText(position)}) ON CONFLICT (capture) DO UPDATE SET position = excluded.position`,
      ),
    ),
  );
  if (m.outbox.length > 0) ctx.send('tickets', { type: 'mark', eventIds: m.outbox.map((e) => e.eventId) });

  if (ctx.state.idlePolls >= IDLE_POLLS) {
    ctx.state.awake = false;
    return ctx.note(`${IDLE_POLLS} polls found nothing: the relay sleeps until the next commit`);
  }
  scheduleNextPoll(ctx);
}

export const relay: ServiceSpec<OutboxRelay, 'relay', RelayState> = {
  label: 'Relay (SQLite offsets)',
  role: 'Polls the ticket database for the outbox, both copiers and the WAL; publishes what it finds; remembers how far it got',
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
