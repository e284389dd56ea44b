/**
 * The account service: it owns the event store (Postgres). A command loads its account (the newest snapshot
 * and the events after it), is decided on that state, waits for the risk check, and appends its events at the
 * next version. If another command appended that version meanwhile, the primary key refuses the insert
 * (23505): the command is loaded and decided again, on the state that now exists.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { apply, decide, emptyAccount, type Account } from './account.ts';
import eventStoreSql from './event-store.sql?raw';
import { upcast } from './event-shapes.ts';
import { busyAccountSql, dayOfHistorySql } from './history.ts';
import { load, type Fold } from './load.ts';
import type { Command, EventSourcing, RiskCleared } from './messages.ts';
import { timeReplays } from './replay-timing.ts';
import {
  BATCH_LIMIT,
  BUSY_ACCOUNT,
  HISTORY_ACCOUNTS,
  MAX_ATTEMPTS,
  RISK_CHECK_MS,
  RISK_CHECK_SLOW_MS,
  SNAPSHOT_EVERY,
} from './settings.ts';
import { appendSql, commandLogSql, eventsPageSql, fetchSql, PAGE_SIZE, rowsAt, snapshotsSql, storedEventOf } from './store-sql.ts';

/** The two deliberate bugs the tests must catch, and whether real engine time enters the trace. */
export interface AccountsOptions {
  readonly fold: Fold;
  /** False: append at whatever version follows now, never conflicting (lost updates). */
  readonly optimistic: boolean;
  /** 'left-out' records 0 ms, so that traces are byte-for-byte reproducible in the tests. */
  readonly timing: 'measured' | 'left-out';
}

type Ctx = LabContext<EventSourcing, 'accounts', Record<string, never>>;

const euros = (cents: number) => (cents / 100).toFixed(2);

function reply(ctx: Ctx, command: Command, text: string) {
  ctx.send('tellers', { type: 'outcome', commandId: command.id, text });
}

async function handle(ctx: Ctx, options: AccountsOptions, command: Command, attempt: number) {
  const account = await load((sql) => ctx.sql(sql), command.stream, { snapshots: true, fold: options.fold });
  if (!account) return ctx.note(`${command.id}: could not load ${command.stream}`);
  ctx.fact({ kind: 'loaded', stream: command.stream, fromSnapshot: account.fromSnapshot, eventsRead: account.eventsRead });
  const decision = decide(account.state, command);
  if (!decision.ok) {
    await ctx.sql(commandLogSql(command, `rejected: ${decision.reason}`, attempt, ctx.now));
    ctx.fact({ kind: 'rejected', commandId: command.id, stream: command.stream, reason: decision.reason });
    return reply(ctx, command, `rejected (${decision.reason})`);
  }
  ctx.fact({ kind: 'decided', commandId: command.id, stream: command.stream, onVersion: account.state.version, attempt });
  const delay = ctx.isFaultOn('slow-risk-check') ? RISK_CHECK_SLOW_MS : RISK_CHECK_MS;
  ctx.setTimer(delay, {
    type: 'risk-cleared',
    expected: account.state.version,
    command,
    attempt,
    before: account.state,
    events: decision.events,
  });
}

async function append(ctx: Ctx, options: AccountsOptions, m: RiskCleared) {
  const states: Account[] = [];
  let state = m.before;
  for (const [i, event] of m.events.entries()) {
    state = apply(state, event, m.expected + i + 1);
    states.push(state);
  }
  const result = await ctx.sql(
    appendSql({ ...m, states, oldRelease: ctx.isFaultOn('old-release'), now: ctx.now, optimistic: options.optimistic }),
  );
  if (!result.ok) {
    if (result.error.code !== '23505') return ctx.note(`${m.command.id}: append failed: ${result.error.message}`);
    ctx.fact({
      kind: 'conflict',
      commandId: m.command.id,
      stream: m.command.stream,
      expected: m.expected,
      code: '23505',
      attempt: m.attempt,
    });
    if (m.attempt >= MAX_ATTEMPTS) {
      await ctx.sql(commandLogSql(m.command, `gave up after ${m.attempt} conflicts`, m.attempt, ctx.now));
      ctx.fact({ kind: 'gave-up', commandId: m.command.id, stream: m.command.stream });
      return reply(ctx, m.command, `gave up after ${m.attempt} conflicts`);
    }
    ctx.note(`${m.command.id}: version ${m.expected + 1} of ${m.command.stream} is taken (23505): load it again and decide again`);
    return handle(ctx, options, m.command, m.attempt + 1);
  }
  const written = rowsAt(result, -2);
  const position = Number(written.at(-1)?.['position'] ?? 0);
  const version = Number(written.at(-1)?.['version'] ?? 0);
  const firstVersion = Number(written[0]?.['version'] ?? 0);
  ctx.fact({ kind: 'appended', commandId: m.command.id, stream: m.command.stream, firstVersion, version, position, attempt: m.attempt });
  ctx.send('projector', { type: 'appended', position });
  reply(ctx, m.command, `appended as version ${version} of ${m.command.stream}, balance ${euros(state.balanceCents)}`);
}

/** Bulk history, then snapshots and the state table from the service's own fold over what was written. */
async function loadInBulk(ctx: Ctx, streams: readonly string[], insert: (salt: number) => string) {
  const [exists] = rowsOf(await ctx.sql(`SELECT count(*)::int AS n FROM events WHERE stream = ${sqlText(streams[0] ?? '')}`));
  if (Number(exists?.['n']) > 0) return ctx.note(`${streams.join(', ')} already hold their history`);
  const salt = Math.floor(ctx.random() * 10_000);
  const inserted = await ctx.sql(transaction([insert(salt)]));
  if (!inserted.ok) return ctx.note(`history refused: ${inserted.error.message}`);
  const snapshots: Account[] = [];
  const finals: Account[] = [];
  let events = 0;
  for (const stream of streams) {
    // The service's own fold, page by page, keeping the state at every hundredth version.
    let state = emptyAccount(stream);
    for (;;) {
      const rows = rowsOf(await ctx.sql(eventsPageSql(stream, state.version)));
      for (const row of rows) {
        const event = upcast({ type: String(row['type']), data: String(row['data']), schema: Number(row['schema']) });
        state = apply(state, event, Number(row['version']));
        if (state.version % SNAPSHOT_EVERY === 0) snapshots.push(state);
      }
      events += rows.length;
      if (rows.length < PAGE_SIZE) break;
    }
    finals.push(state);
  }
  await ctx.sql(snapshotsSql(snapshots, finals, ctx.now));
  const [last] = rowsOf(await ctx.sql('SELECT coalesce(max(position), 0) AS head FROM events'));
  const head = Number(last?.['head'] ?? 0);
  ctx.fact({ kind: 'history-loaded', events, snapshots: snapshots.length, head });
  ctx.note(`${events.toLocaleString('en')} events written for ${streams.join(', ')}, with ${snapshots.length} snapshots`);
  ctx.send('projector', { type: 'appended', position: head });
}

export function accounts(options: AccountsOptions): ServiceSpec<EventSourcing, 'accounts', Record<string, never>> {
  return {
    label: 'Account service (Postgres event store)',
    role: 'Decides commands on state folded from events; appends with an expected version; snapshots every 100 events',
    database: { kind: 'postgres', setupSql: eventStoreSql },
    tables: [
      {
        title: 'events (newest first)',
        sql: `SELECT position AS pos, stream, version AS v, type, data::text AS data, schema AS shape FROM events ORDER BY position DESC LIMIT 10`,
      },
      { title: 'accounts (state table)', sql: 'SELECT stream, balance_cents, overdraft_cents, version AS v FROM accounts ORDER BY stream' },
      {
        title: 'commands (newest first)',
        sql: 'SELECT id, stream, kind, cents, outcome, attempts FROM commands ORDER BY decided_at DESC, id DESC LIMIT 8',
      },
      {
        title: 'snapshots (newest first)',
        sql: 'SELECT stream, version AS v, state::text AS state FROM snapshots ORDER BY taken_at DESC, stream, version DESC LIMIT 5',
      },
    ],
    initialState: () => ({}),
    on: {
      command: (ctx, m) => handle(ctx, options, m.command, m.attempt),
      'risk-cleared': (ctx, m) => append(ctx, options, m),
      'load-history': (ctx) => loadInBulk(ctx, HISTORY_ACCOUNTS, dayOfHistorySql),
      'load-busy-account': (ctx) => loadInBulk(ctx, [BUSY_ACCOUNT], busyAccountSql),
      'time-replays': (ctx) => timeReplays(ctx, options.timing),
      async fetch(ctx, m) {
        const result = await ctx.sql(fetchSql(m.after, BATCH_LIMIT));
        if (!result.ok) return;
        const events = rowsAt(result, 0).map(storedEventOf);
        const head = Number(rowsAt(result, 1)[0]?.['head'] ?? 0);
        const holds =
          events.length === 0 ? 'nothing new' : `positions ${sqlInt(events[0]?.position ?? 0)}–${sqlInt(events.at(-1)?.position ?? 0)}`;
        ctx.send('projector', { type: 'batch', holds, fetchId: m.fetchId, after: m.after, events, head });
      },
    },
  };
}
