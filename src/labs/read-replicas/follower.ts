/**
 * A follower: receives the leader's change log into `received_log`, replays it into `comments` after its own
 * delay, strictly in log order, and answers reads from what it has replayed. A read that asks for a position
 * it has not replayed yet waits, up to TOKEN_WAIT_MS, and is then handed back to the router.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, transaction } from '../kit/service-sql.ts';
import { ENTRY_COLUMNS, entryValues } from './log-entries.ts';
import type { Query, ReadReplicas, ReplicaRead, Ship } from './messages.ts';
import { answerOf, readSql } from './queries.ts';
import { planReplay, type ReplayOrder } from './replay-plan.ts';
import { REPLAY_DELAY_MS, SLOW_REPLAY_EXTRA_MS, TOKEN_WAIT_MS, type FollowerName } from './settings.ts';

/** Volatile: reads waiting for a position, by request id. */
interface FollowerState {
  readonly parked: Map<string, { readonly query: Query; readonly atLeast: number }>;
}

type Ctx = LabContext<ReadReplicas, FollowerName, FollowerState>;

const POSITION = 'SELECT replayed_lsn AS position FROM replication;';

export function follower(
  name: FollowerName,
  order: ReplayOrder,
  database: ServiceDatabaseSpec,
): ServiceSpec<ReadReplicas, FollowerName, FollowerState> {
  const slowFault = name === 'follower-1' ? 'follower-1-slow' : 'follower-2-slow';
  const delayMs = (ctx: Ctx) => REPLAY_DELAY_MS[name] + (ctx.isFaultOn(slowFault) ? SLOW_REPLAY_EXTRA_MS : 0);

  async function answer(ctx: Ctx, requestId: string, query: Query) {
    const result = answerOf(await ctx.sql(readSql(query, POSITION)));
    if (result) ctx.send('router', { type: 'replica-answer', requestId, ...result, servedBy: name });
  }

  async function receive(ctx: Ctx, m: Ship) {
    if (m.entries.length === 0) return;
    // Duplicates are turned away by the primary key; the received position is the end of the run without a
    // gap that starts at the current one.
    const result = await ctx.sql(
      transaction([
        `INSERT INTO received_log (${ENTRY_COLUMNS}, received_at) VALUES ${m.entries.map((e) => `(${entryValues(e)}, ${sqlInt(ctx.now)})`).join(', ')} ON CONFLICT (lsn) DO NOTHING`,
        `UPDATE replication SET received_lsn = (
  SELECT min(r.lsn) FROM received_log r
  WHERE r.lsn >= replication.received_lsn AND NOT EXISTS (SELECT 1 FROM received_log n WHERE n.lsn = r.lsn + 1))`,
        'SELECT received_lsn FROM replication',
      ]),
    );
    if (!result.ok) return;
    const receivedLsn = Number(result.results[3]?.rows[0]?.[0] ?? 0);
    ctx.send('leader', { type: 'received', follower: name, receivedLsn });
    ctx.setTimer(delayMs(ctx), { type: 'replay-due' });
  }

  async function replay(ctx: Ctx) {
    const [status] = rowsOf(await ctx.sql('SELECT replayed_lsn FROM replication'));
    const replayedLsn = Number(status?.['replayed_lsn'] ?? 0);
    const waiting = rowsOf(
      await ctx.sql(
        'SELECT r.lsn, r.received_at FROM received_log r WHERE NOT EXISTS (SELECT 1 FROM replay_history h WHERE h.lsn = r.lsn) ORDER BY r.lsn',
      ),
    ).map((r) => ({ lsn: Number(r['lsn']), receivedAt: Number(r['received_at']) }));
    const plan = planReplay(order, replayedLsn, waiting, ctx.now, delayMs(ctx));
    if (plan.nextDueAt !== undefined) ctx.setTimer(plan.nextDueAt - ctx.now, { type: 'replay-due' });
    if (plan.lsns.length === 0) return;
    const now = sqlInt(ctx.now);
    // One entry per statement pair, in the plan's order, all in one transaction with the new position.
    const applied = await ctx.sql(
      transaction([
        ...plan.lsns.flatMap((lsn) => [
          `INSERT INTO comments (id, parent_id, author, body, posted_at) SELECT comment_id, parent_id, author, body, posted_at FROM received_log WHERE lsn = ${sqlInt(lsn)}`,
          `INSERT INTO replay_history (lsn, replayed_at) VALUES (${sqlInt(lsn)}, ${now})`,
        ]),
        `UPDATE replication SET replayed_lsn = greatest(replayed_lsn, ${sqlInt(Math.max(...plan.lsns))}), replayed_at = ${now}`,
      ]),
    );
    if (!applied.ok) {
      ctx.note(`replay failed: ${applied.error.code} ${applied.error.message}`);
      return;
    }
    ctx.fact({ kind: 'replayed', follower: name, lsns: plan.lsns });
    const position = Math.max(replayedLsn, ...plan.lsns);
    ctx.send('leader', { type: 'replayed', follower: name, replayedLsn: position });
    for (const [requestId, read] of ctx.state.parked) {
      if (read.atLeast > position) continue;
      ctx.state.parked.delete(requestId);
      await answer(ctx, requestId, read.query);
    }
  }

  async function read(ctx: Ctx, m: ReplicaRead) {
    if (m.atLeast > 0) {
      const [status] = rowsOf(await ctx.sql('SELECT replayed_lsn FROM replication'));
      if (Number(status?.['replayed_lsn'] ?? 0) < m.atLeast) {
        ctx.note(`holds ${m.requestId} until position ${m.atLeast} is replayed`);
        ctx.state.parked.set(m.requestId, { query: m.query, atLeast: m.atLeast });
        ctx.setTimer(TOKEN_WAIT_MS, { type: 'give-up', requestId: m.requestId });
        return;
      }
    }
    await answer(ctx, m.requestId, m.query);
  }

  return {
    label: name === 'follower-1' ? 'Follower 1 (Postgres)' : 'Follower 2 (Postgres)',
    role: `Replays the change log ${REPLAY_DELAY_MS[name].toLocaleString('en')} ms after receiving it, in order; answers reads`,
    database,
    tables: [
      { title: 'replication', sql: 'SELECT received_lsn, replayed_lsn, replayed_at FROM replication' },
      { title: 'comments (newest first)', sql: 'SELECT id, parent_id, author FROM comments ORDER BY id DESC LIMIT 8' },
    ],
    initialState: () => ({ parked: new Map() }),
    on: {
      ship: receive,
      'replay-due': replay,
      'replica-read': read,
      'give-up'(ctx, m) {
        if (!ctx.state.parked.delete(m.requestId)) return;
        ctx.note(`gave up on ${m.requestId}: position not replayed within ${TOKEN_WAIT_MS.toLocaleString('en')} ms`);
        ctx.send('router', { type: 'too-far-behind', requestId: m.requestId, follower: name });
      },
    },
  };
}
