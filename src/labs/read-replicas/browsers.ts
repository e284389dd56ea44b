/**
 * The people in the thread, each with a browser session: what they posted, what they have been shown, and
 * the highest log position they have written or read (their token). Each scenario is a short chain of
 * requests through the router; every answer is judged against the session (anomalies.ts) and recorded.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { judgeParent, judgeThread, NO_ANOMALY, type SessionView } from './anomalies.ts';
import type { Anomalies, CommentRow, Query, ReadDone, ReadRefused, ReadReplicas, Scenario, WriteDone } from './messages.ts';
import { NAMES, USERS, WORKLOAD_GAP_MS, type User } from './settings.ts';

/** What happens once a request is answered: the rest of the scenario that sent it. */
type Next =
  | { readonly kind: 'done' }
  | { readonly kind: 'reload'; readonly remaining: number }
  | { readonly kind: 'reply-to-newest' }
  | { readonly kind: 'open-parent' };

interface Session {
  readonly own: Set<number>;
  readonly seen: Set<number>;
  lastWrite: number;
  token: number;
  posted: number;
}

interface BrowserState {
  readonly sessions: Record<User, Session>;
  readonly reads: Map<
    string,
    { readonly user: User; readonly query: Query; readonly sentAt: number; readonly before: SessionView; readonly next: Next }
  >;
  readonly writes: Map<string, { readonly user: User; readonly sentAt: number }>;
  requests: number;
}

type Ctx = LabContext<ReadReplicas, 'browsers', BrowserState>;

function newSessions(): Record<User, Session> {
  return Object.fromEntries(
    USERS.map((u) => [u, { own: new Set<number>(), seen: new Set<number>(), lastWrite: 0, token: 0, posted: 0 }]),
  ) as Record<User, Session>;
}

function requestId(ctx: Ctx, user: User) {
  return `${user}-${++ctx.state.requests}`;
}

function read(ctx: Ctx, user: User, query: Query, next: Next) {
  const session = ctx.state.sessions[user];
  const id = requestId(ctx, user);
  ctx.state.reads.set(id, { user, query, sentAt: ctx.now, before: { own: new Set(session.own), seen: new Set(session.seen) }, next });
  ctx.send('router', { type: 'read', requestId: id, user, query, lastWrite: session.lastWrite, token: session.token });
}

function write(ctx: Ctx, user: User, parentId: number | null, body: string) {
  const id = requestId(ctx, user);
  ctx.state.writes.set(id, { user, sentAt: ctx.now });
  ctx.send('router', { type: 'write', requestId: id, user, parentId, body });
}

function start(ctx: Ctx, scenario: Scenario) {
  switch (scenario.type) {
    case 'post': {
      const session = ctx.state.sessions[scenario.user];
      write(ctx, scenario.user, null, `${NAMES[scenario.user]}’s comment ${++session.posted}`);
      return;
    }
    case 'reply':
      read(ctx, scenario.user, { kind: 'thread' }, { kind: 'reply-to-newest' });
      return;
    case 'reload':
      read(ctx, scenario.user, { kind: 'thread' }, { kind: 'reload', remaining: scenario.times - 1 });
      return;
    case 'open-newest-reply':
      read(ctx, scenario.user, { kind: 'thread' }, { kind: 'open-parent' });
  }
}

const newest = (rows: readonly CommentRow[], replies: boolean) =>
  rows.filter((r) => (r.parentId !== null) === replies).reduce<CommentRow | undefined>((a, r) => (!a || r.id > a.id ? r : a), undefined);

function describe(anomalies: Anomalies): string[] {
  return [
    anomalies.readYourWrites ? 'own comment missing' : '',
    anomalies.monotonic ? 'a comment seen before is gone' : '',
    anomalies.causal ? 'a reply without the comment it answers' : '',
  ].filter(Boolean);
}

function onReadDone(ctx: Ctx, m: ReadDone) {
  const pending = ctx.state.reads.get(m.requestId);
  if (!pending) return;
  ctx.state.reads.delete(m.requestId);
  const { user, query, before, next } = pending;
  const session = ctx.state.sessions[user];
  const anomalies = query.kind === 'thread' ? judgeThread(m.rows, before) : judgeParent(query.id, m.rows.length > 0, before);
  for (const row of m.rows) session.seen.add(row.id);
  session.token = Math.max(session.token, m.position);
  ctx.fact({
    kind: 'read',
    user,
    requestId: m.requestId,
    query: query.kind,
    policy: m.policy,
    outcome: 'served',
    servedBy: m.servedBy,
    position: m.position,
    staleMs: m.staleMs,
    latencyMs: ctx.now - pending.sentAt,
    anomalies,
  });
  const felt = describe(anomalies);
  if (felt.length > 0) ctx.note(`${NAMES[user]} (${m.requestId}, from ${m.servedBy} at position ${m.position}): ${felt.join('; ')}`);
  switch (next.kind) {
    case 'reload':
      if (next.remaining > 0) read(ctx, user, { kind: 'thread' }, { kind: 'reload', remaining: next.remaining - 1 });
      return;
    case 'reply-to-newest': {
      const parent = newest(m.rows, false);
      if (parent) write(ctx, user, parent.id, `${NAMES[user]} answers comment ${parent.id}`);
      return;
    }
    case 'open-parent': {
      const reply = newest(m.rows, true);
      if (reply?.parentId != null) read(ctx, user, { kind: 'comment', id: reply.parentId }, { kind: 'done' });
      else ctx.note(`${NAMES[user]} finds no reply to open yet`);
      return;
    }
    case 'done':
  }
}

function onReadRefused(ctx: Ctx, m: ReadRefused) {
  const pending = ctx.state.reads.get(m.requestId);
  if (!pending) return;
  ctx.state.reads.delete(m.requestId);
  ctx.note(`${NAMES[pending.user]} gets an error instead of the ${pending.query.kind}: ${m.reason}`);
  ctx.fact({
    kind: 'read',
    user: pending.user,
    requestId: m.requestId,
    query: pending.query.kind,
    policy: m.policy,
    outcome: 'refused',
    servedBy: null,
    position: null,
    staleMs: 0,
    latencyMs: ctx.now - pending.sentAt,
    anomalies: NO_ANOMALY,
  });
}

function onWriteDone(ctx: Ctx, m: WriteDone) {
  const pending = ctx.state.writes.get(m.requestId);
  if (!pending) return;
  ctx.state.writes.delete(m.requestId);
  const session = ctx.state.sessions[pending.user];
  session.own.add(m.commentId);
  session.lastWrite = Math.max(session.lastWrite, m.lsn);
  session.token = Math.max(session.token, m.lsn);
  ctx.fact({ kind: 'wrote', user: pending.user, commentId: m.commentId, lsn: m.lsn, latencyMs: ctx.now - pending.sentAt });
  // After a post the page reloads, as most comment forms do: the moment read-your-writes is tested.
  read(ctx, pending.user, { kind: 'thread' }, { kind: 'done' });
}

/** The workload's mix: who does what, and how often. */
const MIX: readonly { readonly weight: number; readonly scenario: Scenario }[] = [
  { weight: 0.3, scenario: { type: 'post', user: 'alice' } },
  { weight: 0.25, scenario: { type: 'reply', user: 'bob' } },
  { weight: 0.25, scenario: { type: 'reload', user: 'carol', times: 2 } },
  { weight: 0.2, scenario: { type: 'open-newest-reply', user: 'carol' } },
];

function draw(ctx: Ctx): Scenario {
  let r = ctx.random();
  for (const { weight, scenario } of MIX) {
    if (r < weight) return scenario;
    r -= weight;
  }
  return MIX[0]?.scenario ?? { type: 'post', user: 'alice' };
}

export const browsers: ServiceSpec<ReadReplicas, 'browsers', BrowserState> = {
  label: 'Browsers (Alice, Bob, Carol)',
  role: 'Alice posts, Bob replies to the newest comment, Carol reads; each session remembers what it wrote and saw',
  initialState: () => ({ sessions: newSessions(), reads: new Map(), writes: new Map(), requests: 0 }),
  on: {
    post: start,
    reply: start,
    reload: start,
    'open-newest-reply': start,
    workload(ctx, m) {
      let at = 0;
      for (let i = 0; i < m.size; i++) {
        ctx.setTimer(at, draw(ctx));
        at += WORKLOAD_GAP_MS.min + Math.floor(ctx.random() * (WORKLOAD_GAP_MS.max - WORKLOAD_GAP_MS.min));
      }
    },
    'write-done': onWriteDone,
    'read-done': onReadDone,
    'read-refused': onReadRefused,
  },
};
