/** What must hold in the read-replicas lab, computed from the leader's and the followers' real databases. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { ReadReplicas } from './messages.ts';
import { FOLLOWERS } from './settings.ts';

const ids = async (db: Parameters<typeof select>[0]) =>
  (await select(db, 'SELECT id FROM comments ORDER BY id')).map((r) => Number(r['id']));

const followersConverge: InvariantSpec<ReadReplicas> = {
  id: 'followers-converge',
  label: 'Once quiet, each follower holds exactly the leader’s comments',
  async check(dbs, quiet) {
    const leaderIds = await ids(requireDb(dbs, 'leader'));
    const [head] = await select(requireDb(dbs, 'leader'), 'SELECT coalesce(max(lsn), 0) AS lsn FROM change_log');
    const leaderLsn = Number(head?.['lsn'] ?? 0);
    const rows = [];
    for (const follower of FOLLOWERS) {
      const db = requireDb(dbs, follower);
      const [status] = await select(db, 'SELECT replayed_lsn FROM replication');
      const own = new Set(await ids(db));
      const missing = leaderIds.filter((id) => !own.has(id)).length;
      const extra = [...own].filter((id) => !leaderIds.includes(id)).length;
      if (missing > 0 || extra > 0)
        rows.push({ follower, replayed_lsn: Number(status?.['replayed_lsn']), leader_lsn: leaderLsn, missing, extra });
    }
    if (rows.length === 0)
      return { status: 'holds', summary: `Both followers hold all ${leaderIds.length} comments, up to position ${leaderLsn}.` };
    const summary = rows.map((r) => `${r.follower} is at position ${r.replayed_lsn} of ${leaderLsn}`).join('; ');
    return quiet
      ? { status: 'broken', summary: `${summary}, and nothing more is on its way.`, rows }
      : { status: 'pending', summary: `${summary}.`, rows };
  },
};

const replayedInOrder: InvariantSpec<ReadReplicas> = {
  id: 'replayed-in-order',
  label: 'Each follower replays every log entry once, in log order',
  async check(dbs) {
    const rows = [];
    for (const follower of FOLLOWERS) {
      const history = await select(requireDb(dbs, follower), 'SELECT seq, lsn FROM replay_history ORDER BY seq');
      const wrong = history.findIndex((r, i) => Number(r['lsn']) !== i + 1);
      const row = history[wrong];
      if (row) rows.push({ follower, seq: Number(row['seq']), replayed_lsn: Number(row['lsn']), expected_lsn: wrong + 1 });
    }
    if (rows.length === 0) return { status: 'holds', summary: 'Both followers replayed positions 1, 2, 3 … in order, each once.' };
    return {
      status: 'broken',
      summary: rows.map((r) => `${r.follower} replayed position ${r.replayed_lsn} where ${r.expected_lsn} was due`).join('; '),
      rows,
    };
  },
};

const noOrphanReplies: InvariantSpec<ReadReplicas> = {
  id: 'no-orphan-replies',
  label: 'No follower ever holds a reply without the comment it answers',
  async check(dbs) {
    const rows = [];
    for (const follower of FOLLOWERS) {
      const orphans = await select(
        requireDb(dbs, follower),
        'SELECT r.id, r.parent_id FROM comments r WHERE r.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = r.parent_id) ORDER BY r.id',
      );
      for (const o of orphans) rows.push({ follower, reply: Number(o['id']), missing_parent: Number(o['parent_id']) });
    }
    if (rows.length === 0) return { status: 'holds', summary: 'Every reply on each follower has its parent beside it.' };
    return {
      status: 'broken',
      summary: `${rows.length} repl${rows.length === 1 ? 'y has' : 'ies have'} no parent on the same follower.`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<ReadReplicas>[] = [followersConverge, replayedInOrder, noOrphanReplies];
