/**
 * The chapter's exercises, checked against the lab's real databases: the router's log of reads and the
 * followers' replication state. Two of them are checked again on runs the reader never saw.
 */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { ReaderInput } from '../sim/types.ts';
import { FOLLOWERS } from './settings.ts';

interface LoggedRead {
  readonly seq: number;
  readonly user: string;
  readonly query: string;
  readonly policy: string;
  readonly servedBy: string;
  readonly position: number;
  readonly lastWrite: number;
  readonly outcome: string;
}

async function loggedReads(router: Database): Promise<LoggedRead[]> {
  return (
    await select(router, 'SELECT seq, user_name, query, policy, served_by, position, last_write, outcome FROM reads ORDER BY seq')
  ).map((r) => ({
    seq: Number(r['seq']),
    user: String(r['user_name']),
    query: String(r['query']),
    policy: String(r['policy']),
    servedBy: String(r['served_by']),
    position: Number(r['position']),
    lastWrite: Number(r['last_write']),
    outcome: String(r['outcome']),
  }));
}

/** A thread read answered from before the session's own newest write: its own comment was not in it. */
const missedOwnWrite = (r: LoggedRead) => r.outcome === 'served' && r.query === 'thread' && r.position < r.lastWrite;

/** Reads answered from an older position than an earlier answer to the same user. */
export function wentBack(reads: readonly LoggedRead[]): LoggedRead[] {
  const highest = new Map<string, number>();
  const back: LoggedRead[] = [];
  for (const r of reads) {
    if (r.outcome !== 'served') continue;
    const before = highest.get(r.user) ?? 0;
    if (r.position < before) back.push(r);
    highest.set(r.user, Math.max(before, r.position));
  }
  return back;
}

const at = (step: number, input: ReaderInput): RecordedInput => ({ step, input });
const workload = at(0, { kind: 'action', actionId: 'run-workload' });
const fault = (step: number, faultId: string, on: boolean) => at(step, { kind: 'fault', faultId, on });

/** Runs the reader has not seen: other seeds, a slow follower 1, and follower 2 cut off for a while. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0x5e01, inputs: [fault(0, 'follower-1-slow', true), workload, fault(400, 'follower-1-slow', false)] },
  { seed: 0x5e02, inputs: [workload, fault(60, 'partition-follower-2', true), fault(260, 'partition-follower-2', false)] },
];

const seeOwnComment: ExerciseDefinition = {
  id: 'see-your-own-comment',
  title: 'Let Alice always see her own comment, without sending every read to the leader',
  async check(ctx) {
    const [settings] = await select(requireDb(ctx.databases, 'router'), 'SELECT policy, lag_bound_ms FROM settings WHERE id = 1');
    if (!settings) return { passed: false, message: 'The router’s settings row is gone. Restart the lab to get it back.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    const policy = String(settings['policy']);
    const configure = at(0, {
      kind: 'sql',
      service: 'router',
      sql: `UPDATE settings SET policy = ${sqlText(policy)}, lag_bound_ms = ${sqlInt(Number(settings['lag_bound_ms']))} WHERE id = 1`,
    });
    for (const [i, run] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(run.seed, [configure, ...run.inputs], async (hidden: HiddenRunView) => {
        const reads = await loggedReads(requireDb(hidden.databases, 'router'));
        const alice = reads.filter((r) => r.user === 'alice');
        const missed = alice.filter(missedOwnWrite).length;
        const refused = alice.filter((r) => r.outcome === 'refused').length;
        const byLeader = reads.filter((r) => r.outcome === 'served' && r.servedBy === 'leader').length;
        if (missed > 0)
          return `On hidden run ${i + 1}, Alice missed her own comment in ${missed} of ${alice.length} reads under "${policy}".`;
        if (refused > 0)
          return `On hidden run ${i + 1}, Alice was refused ${refused} of ${alice.length} reads: she did not see her comment either.`;
        if (byLeader * 2 >= reads.length)
          return `On hidden run ${i + 1}, the leader served ${byLeader} of ${reads.length} reads: half or more.`;
        return undefined;
      });
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message: `Under "${policy}", Alice saw her own comment in every read on two runs you have not seen, one with follower 1 slow and one with follower 2 cut off, and the leader served less than half of the reads.`,
    };
  },
};

const findWhoWentBack: ExerciseDefinition = {
  id: 'who-went-back',
  title: 'Find every read that went back in the log, and the follower that served it',
  answer: { kind: 'sql', service: 'router', placeholder: 'SELECT seq, served_by, … FROM reads …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '')
      return { passed: false, message: 'Type a query on the router’s reads: first column seq, then the follower that served the read.' };
    const own = await ctx.run('router', sql);
    if (!own.ok) return { passed: false, message: `SQLite answered: ${own.error.message}` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const [i, run] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(run.seed, run.inputs, async (hidden) => {
        const router = requireDb(hidden.databases, 'router');
        const result = await router.query(sql);
        if (!result.ok) return `On hidden run ${i + 1} your query failed: ${result.error.message}`;
        const got = new Set((result.results.at(-1)?.rows ?? []).map((row) => Number(row[0])));
        const want = wentBack(await loggedReads(router));
        const missing = want.filter((r) => !got.has(r.seq));
        const extra = [...got].filter((seq) => !want.some((r) => r.seq === seq));
        if (missing.length === 0 && extra.length === 0) return undefined;
        const parts = [];
        if (missing.length > 0)
          parts.push(
            `missed read ${missing[0]?.seq} (${missing[0]?.user}, from ${missing[0]?.servedBy} at position ${missing[0]?.position})`,
          );
        if (extra.length > 0) parts.push(`listed read ${extra[0]}, which went forward or was refused`);
        return `On hidden run ${i + 1} (${want.length} reads went back), your query ${parts.join(' and ')}.`;
      });
      if (problem)
        return { passed: false, message: `${problem} Compare each read with the same user’s earlier answers, not with the leader.` };
    }
    return {
      passed: true,
      message:
        'On two runs you have not seen, your query found exactly the reads that went back in the log: each is a monotonic-read violation, and its served_by names the follower behind it.',
    };
  },
};

const makeTheChoice: ExerciseDefinition = {
  id: 'refuse-during-partition',
  title: 'During a partition, refuse a stale read, then let follower 2 catch up',
  async check(ctx) {
    const reads = await loggedReads(requireDb(ctx.databases, 'router'));
    const refused = reads.filter((r) => r.outcome === 'refused');
    if (refused.length === 0)
      return {
        passed: false,
        message: 'The router has refused no read yet. Cut follower 2 off, choose the policy that refuses, and keep reading.',
      };
    const [leader] = await select(requireDb(ctx.databases, 'leader'), 'SELECT coalesce(max(lsn), 0) AS lsn FROM change_log');
    for (const follower of FOLLOWERS) {
      const [status] = await select(requireDb(ctx.databases, follower), 'SELECT replayed_lsn FROM replication');
      if (Number(status?.['replayed_lsn']) < Number(leader?.['lsn'])) {
        return {
          passed: false,
          message: `${refused.length} read(s) refused. ${follower} has replayed up to ${String(status?.['replayed_lsn'])} of ${String(leader?.['lsn'])}: heal the partition and play until it catches up.`,
        };
      }
    }
    return {
      passed: true,
      message: `${refused.length} read(s) refused rather than served stale, and both followers have caught up since: that was consistency chosen over availability, and it ended with the partition.`,
    };
  },
};

const stickyIsNotEnough: ExerciseDefinition = {
  id: 'sticky-misses-own-write',
  title: 'Show that a sticky session can still miss its own comment',
  async check(ctx) {
    const reads = await loggedReads(requireDb(ctx.databases, 'router'));
    const missed = reads.find((r) => r.policy === 'sticky' && missedOwnWrite(r));
    if (!missed) {
      const sticky = reads.filter((r) => r.policy === 'sticky').length;
      return {
        passed: false,
        message: `${sticky} read(s) routed by the sticky policy so far, none missing its own write. Choose sticky sessions, then post a comment.`,
      };
    }
    return {
      passed: true,
      message: `Read ${missed.seq}: ${missed.user}’s session sticks to ${missed.servedBy}, which answered at position ${missed.position} while the session had written position ${missed.lastWrite}. Sticking to one follower keeps reads monotonic, not fresh.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [seeOwnComment, findWhoWentBack, makeTheChoice, stickyIsNotEnough];
