/**
 * The router between the browsers and the databases: writes go to the leader; each read goes where the
 * routing policy in its `settings` table says, and every answer is logged in `reads`. It learns the leader's
 * position from the writes it forwards, which is how it can tell how far behind a follower's answer is.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import { POLICIES, type Policy, type Query, type ReadReplicas, type ReadRequest, type ReplicaAnswer } from './messages.ts';
import { describeQuery } from './queries.ts';
import { FOLLOWERS, LAG_BOUND_MS, type FollowerName, type ReplicaName, type User } from './settings.ts';

/**
 * `kept` is the real router. `ignored` is broken on purpose, for the tests: under "sticky" it records the
 * session's follower and then picks any follower anyway.
 */
export type Stickiness = 'kept' | 'ignored';

interface PendingRead {
  readonly user: User;
  readonly query: Query;
  readonly policy: Policy;
  readonly lagBoundMs: number;
  readonly lastWrite: number;
  readonly askedAt: number;
}

/** Volatile: reads in flight, and the commits the router has seen acknowledged, in log order. */
interface RouterState {
  readonly reads: Map<string, PendingRead>;
  readonly commits: { readonly lsn: number; readonly at: number }[];
}

type Ctx = LabContext<ReadReplicas, 'router', RouterState>;

async function settings(ctx: Ctx): Promise<{ policy: Policy; lagBoundMs: number }> {
  const [row] = rowsOf(await ctx.sql('SELECT policy, lag_bound_ms FROM settings WHERE id = 1'));
  const policy = POLICIES.find((p) => p === row?.['policy']) ?? 'any';
  return { policy, lagBoundMs: Number(row?.['lag_bound_ms'] ?? LAG_BOUND_MS) };
}

function anyFollower(ctx: Ctx): FollowerName {
  return FOLLOWERS[Math.floor(ctx.random() * FOLLOWERS.length)] ?? 'follower-1';
}

async function stickyFollower(ctx: Ctx, user: User, stickiness: Stickiness): Promise<FollowerName> {
  const [row] = rowsOf(await ctx.sql(`SELECT follower FROM sessions WHERE user_name = ${sqlText(user)}`));
  const kept = FOLLOWERS.find((f) => f === row?.['follower']);
  if (kept && stickiness === 'kept') return kept;
  const chosen = anyFollower(ctx);
  if (!kept) await ctx.sql(`INSERT INTO sessions (user_name, follower) VALUES (${sqlText(user)}, ${sqlText(chosen)})`);
  return chosen;
}

/** How long ago the leader committed the first change this answer lacks (0 if it lacks none the router knows of). */
function staleness(ctx: Ctx, position: number): number {
  // Acknowledgements can overtake each other on the network, so the list is not in log order.
  const missed = ctx.state.commits.filter((c) => c.lsn > position);
  return missed.length === 0 ? 0 : ctx.now - Math.min(...missed.map((c) => c.at));
}

async function route(ctx: Ctx, m: ReadRequest, stickiness: Stickiness) {
  const { policy, lagBoundMs } = await settings(ctx);
  ctx.state.reads.set(m.requestId, { user: m.user, query: m.query, policy, lagBoundMs, lastWrite: m.lastWrite, askedAt: ctx.now });
  const target: ReplicaName =
    policy === 'leader' ? 'leader' : policy === 'sticky' ? await stickyFollower(ctx, m.user, stickiness) : anyFollower(ctx);
  ctx.send(target, { type: 'replica-read', requestId: m.requestId, query: m.query, atLeast: policy === 'token' ? m.token : 0 });
}

async function log(
  ctx: Ctx,
  requestId: string,
  read: PendingRead,
  servedBy: ReplicaName,
  position: number,
  staleMs: number,
  outcome: string,
) {
  await ctx.sql(
    `INSERT INTO reads (request, user_name, query, policy, served_by, position, last_write, stale_ms, outcome, asked_at, answered_at) VALUES (${[
      sqlText(requestId),
      sqlText(read.user),
      sqlText(describeQuery(read.query)),
      sqlText(read.policy),
      sqlText(servedBy),
      sqlInt(position),
      sqlInt(read.lastWrite),
      sqlInt(staleMs),
      sqlText(outcome),
      sqlInt(read.askedAt),
      sqlInt(ctx.now),
    ].join(', ')})`,
  );
}

async function answered(ctx: Ctx, m: ReplicaAnswer) {
  const read = ctx.state.reads.get(m.requestId);
  if (!read) return;
  ctx.state.reads.delete(m.requestId);
  const staleMs = m.servedBy === 'leader' ? 0 : staleness(ctx, m.position);
  if (read.policy === 'bounded' && staleMs > read.lagBoundMs) {
    // Consistency over availability: an answer this far behind is not shown at all.
    await log(ctx, m.requestId, read, m.servedBy, m.position, staleMs, 'refused');
    ctx.send('browsers', {
      type: 'read-refused',
      requestId: m.requestId,
      policy: read.policy,
      reason: `${m.servedBy} is ${staleMs.toLocaleString('en')} ms behind`,
    });
    return;
  }
  await log(ctx, m.requestId, read, m.servedBy, m.position, staleMs, 'served');
  ctx.send('browsers', {
    type: 'read-done',
    requestId: m.requestId,
    rows: m.rows,
    position: m.position,
    servedBy: m.servedBy,
    staleMs,
    policy: read.policy,
  });
}

export function router(stickiness: Stickiness, database: ServiceDatabaseSpec): ServiceSpec<ReadReplicas, 'router', RouterState> {
  return {
    label: 'Router (SQLite)',
    role: 'Sends writes to the leader and each read where the routing policy says',
    database,
    tables: [
      { title: 'settings', sql: 'SELECT policy, lag_bound_ms FROM settings' },
      { title: 'sessions', sql: 'SELECT user_name, follower FROM sessions ORDER BY user_name' },
      {
        // The columns the chapter reads first come first: the panel is narrow and scrolls sideways.
        title: 'reads (newest first)',
        sql: 'SELECT seq, user_name, position, last_write, stale_ms, outcome, served_by, query, policy FROM reads ORDER BY seq DESC LIMIT 12',
      },
    ],
    initialState: () => ({ reads: new Map(), commits: [] }),
    on: {
      write(ctx, m) {
        ctx.send('leader', { type: 'insert-comment', requestId: m.requestId, user: m.user, parentId: m.parentId, body: m.body });
      },
      'write-done'(ctx, m) {
        ctx.state.commits.push({ lsn: m.lsn, at: m.committedAt });
        ctx.send('browsers', m);
      },
      read: (ctx, m) => route(ctx, m, stickiness),
      'replica-answer': answered,
      'too-far-behind'(ctx, m) {
        const read = ctx.state.reads.get(m.requestId);
        if (!read) return;
        ctx.note(`${m.follower} could not reach the position in time: ${m.requestId} goes to the leader`);
        ctx.send('leader', { type: 'replica-read', requestId: m.requestId, query: read.query, atLeast: 0 });
      },
      async 'set-policy'(ctx, m) {
        await ctx.sql(`UPDATE settings SET policy = ${sqlText(m.policy)} WHERE id = 1`);
        ctx.note(`reads now routed by policy "${m.policy}"`);
      },
    },
  };
}
