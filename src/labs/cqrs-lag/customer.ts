/**
 * Your browser: the shop's app, with the "My orders" page open. It places your orders, reads the page
 * right after each one, and follows it until every order is final, by polling or by a subscription. How
 * it gets your own writes onto the page is the fix in use; it keeps no database, only what is on screen.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { basket } from './basket.ts';
import type { Card, CqrsLag, Fix, Follow, OrderRow, ReadPurpose, ShownRow, ShownSource } from './messages.ts';
import { POLL_INTERVAL_MS, RYW_WINDOW_MS, WORKLOAD_YOUR_ORDERS, YOU } from './settings.ts';

interface PendingRead {
  readonly purpose: ReadPurpose;
  readonly issuedAt: number;
  readonly after?: string;
}

interface CustomerState {
  fix: Fix;
  follow: Follow;
  nextOrder: number;
  nextReq: number;
  /** Read-your-writes: until when this session reads the write side. */
  rywUntil: number;
  /** Version token: the newest position this session wrote. */
  token: number;
  polling: boolean;
  subscribed: boolean;
  readonly mine: Set<string>;
  readonly screen: Map<string, ShownRow>;
  readonly reads: Map<number, PendingRead>;
}

type Ctx = LabContext<CqrsLag, 'customer', CustomerState>;

const FINAL = new Set(['confirmed', 'declined']);
const settled = (row: ShownRow | undefined) => row !== undefined && !row.guessed && FINAL.has(row.status);

const FIX_WORDS: Readonly<Record<Fix, string>> = {
  none: 'reads the read model, no fix',
  'read-your-writes': `reads the write side for ${RYW_WINDOW_MS.toLocaleString('en')} ms after each of your writes`,
  'version-token': 'sends the position of your last write with each read, and the read model waits for it',
  optimistic: 'draws each new order as confirmed at once, and corrects it when the server says otherwise',
};

function describeOrder(ctx: Ctx, orderId: string | undefined): string {
  const rows = [...ctx.state.screen.values()];
  if (orderId && !ctx.state.screen.has(orderId))
    return `${orderId} is not there (${rows.length} order${rows.length === 1 ? '' : 's'} shown)`;
  const row = orderId ? ctx.state.screen.get(orderId) : undefined;
  if (row) return `${row.orderId} ${row.guessed ? 'guessed as' : 'is'} ${row.status}${row.guessed ? '' : ` (v${row.version})`}`;
  return `${rows.length} order${rows.length === 1 ? '' : 's'}`;
}

/** Records what the page shows now, for the measures, and says it in the timeline. */
function shown(ctx: Ctx, read: PendingRead, source: ShownSource, timedOut: boolean) {
  ctx.fact({
    kind: 'shown',
    purpose: read.purpose,
    source,
    fix: ctx.state.fix,
    issuedAt: read.issuedAt,
    ...(read.after ? { after: read.after } : {}),
    rows: [...ctx.state.screen.values()],
    timedOut,
  });
  if (read.purpose === 'after-write' || read.purpose === 'open')
    ctx.note(
      `My orders${read.after ? ` after placing ${read.after}` : ''}: ${describeOrder(ctx, read.after)}${timedOut ? ' (the wait for the token ran out)' : ''}`,
    );
}

/**
 * A server's row replaces what the page shows, except that a guess stays until the server has a final
 * status for that order: "placed" is what the guess already stands for.
 */
function replaces(current: ShownRow | undefined, row: OrderRow): boolean {
  if (!current) return true;
  if (current.guessed) return FINAL.has(row.status);
  return true;
}

const asShown = (row: OrderRow): ShownRow => ({ orderId: row.orderId, status: row.status, version: row.version, guessed: false });

/** A whole page: the server's rows are the page, plus any guess the server cannot yet confirm or refute. */
function showPage(ctx: Ctx, rows: readonly OrderRow[]) {
  const guesses = [...ctx.state.screen.values()].filter((r) => r.guessed);
  ctx.state.screen.clear();
  for (const row of rows) ctx.state.screen.set(row.orderId, asShown(row));
  for (const guess of guesses) {
    const row = rows.find((r) => r.orderId === guess.orderId);
    if (!row || !replaces(guess, row)) ctx.state.screen.set(guess.orderId, guess);
  }
}

function read(ctx: Ctx, purpose: ReadPurpose, after?: string) {
  const reqId = ++ctx.state.nextReq;
  ctx.state.reads.set(reqId, { purpose, issuedAt: ctx.now, ...(after ? { after } : {}) });
  if (ctx.state.fix === 'read-your-writes' && ctx.now < ctx.state.rywUntil) {
    ctx.send('orders', { type: 'read-mine', reqId, customerId: YOU });
    return;
  }
  const token = ctx.state.fix === 'version-token' && ctx.state.token > 0 ? { minPosition: ctx.state.token } : {};
  ctx.send('read-model', { type: 'read-orders', reqId, customerId: YOU, ...token });
}

function startFollowing(ctx: Ctx) {
  if (ctx.state.follow === 'poll' && !ctx.state.polling) {
    ctx.state.polling = true;
    ctx.setTimer(POLL_INTERVAL_MS, { type: 'poll' });
  }
  if (ctx.state.follow === 'push' && !ctx.state.subscribed) {
    ctx.state.subscribed = true;
    ctx.send('read-model', { type: 'subscribe', customerId: YOU });
  }
}

function place(ctx: Ctx, card: Card) {
  const n = ++ctx.state.nextOrder;
  const orderId = `Y-${n}`;
  ctx.state.mine.add(orderId);
  if (ctx.state.fix === 'optimistic') {
    ctx.state.screen.set(orderId, { orderId, status: 'confirmed', version: 0, guessed: true });
    shown(ctx, { purpose: 'after-write', issuedAt: ctx.now, after: orderId }, 'optimistic', false);
  }
  ctx.send('orders', { type: 'place-order', orderId, customerId: YOU, card, lines: basket(n) });
}

export const customer: ServiceSpec<CqrsLag, 'customer', CustomerState> = {
  label: 'Your browser',
  role: 'Places your orders and shows "My orders"; keeps no database, only what is on screen',
  initialState: () => ({
    fix: 'none',
    follow: 'poll',
    nextOrder: 0,
    nextReq: 0,
    rywUntil: 0,
    token: 0,
    polling: false,
    subscribed: false,
    mine: new Set(),
    screen: new Map(),
    reads: new Map(),
  }),
  on: {
    place: (ctx, m) => place(ctx, m.card),
    'place-later': (ctx, m) => place(ctx, m.card),
    'open-my-orders': (ctx) => read(ctx, 'open'),
    'use-fix'(ctx, m) {
      ctx.state.fix = m.fix;
      ctx.fact({ kind: 'fix-chosen', fix: m.fix });
      ctx.note(`from now on the app ${FIX_WORDS[m.fix]}`);
    },
    'use-follow'(ctx, m) {
      ctx.state.follow = m.follow;
      ctx.fact({ kind: 'follow-chosen', follow: m.follow });
      ctx.note(
        m.follow === 'poll' ? `the open page asks again every ${POLL_INTERVAL_MS} ms` : 'the open page subscribes and is told of changes',
      );
    },
    'run-workload'(ctx) {
      ctx.send('crowd', { type: 'rush' });
      for (const order of WORKLOAD_YOUR_ORDERS) ctx.setTimer(order.at, { type: 'place-later', card: order.card });
    },
    'order-placed'(ctx, m) {
      ctx.state.token = Math.max(ctx.state.token, m.position);
      if (ctx.state.fix === 'read-your-writes') ctx.state.rywUntil = ctx.now + RYW_WINDOW_MS;
      if (ctx.state.fix !== 'optimistic') read(ctx, 'after-write', m.orderId);
      startFollowing(ctx);
    },
    poll(ctx) {
      const done = [...ctx.state.mine].every((id) => settled(ctx.state.screen.get(id)));
      if (done || ctx.state.follow !== 'poll') {
        ctx.state.polling = false;
        return;
      }
      read(ctx, 'poll');
      ctx.setTimer(POLL_INTERVAL_MS, { type: 'poll' });
    },
    'orders-page'(ctx, m) {
      const pending = ctx.state.reads.get(m.reqId);
      if (!pending) return;
      ctx.state.reads.delete(m.reqId);
      showPage(ctx, m.rows);
      shown(ctx, pending, m.source, m.timedOut);
    },
    'orders-changed'(ctx, m) {
      for (const row of m.rows) {
        const current = ctx.state.screen.get(row.orderId);
        if (replaces(current, row) && (!current || current.guessed || row.version > current.version))
          ctx.state.screen.set(row.orderId, asShown(row));
      }
      shown(ctx, { purpose: 'push', issuedAt: ctx.now }, 'push', false);
    },
  },
};
