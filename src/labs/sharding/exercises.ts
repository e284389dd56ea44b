/**
 * The chapter's exercises, checked against the lab's real databases: the shards' rows, the router's settings
 * and log, the regions' tickets. The first is checked on workloads the reader never saw.
 */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { allRows, lostChanges, regionViews } from './invariants.ts';
import { ALL_SHARDS, REGIONS } from './settings.ts';

type Dbs = HiddenRunView['databases'];

/** The hottest shard's share of all rows, in percent, counted on the shards themselves. */
export async function hottestShare(dbs: Dbs): Promise<{ shard: string; share: number; rows: number }> {
  let total = 0;
  let hottest = { shard: 'shard-1', rows: 0 };
  for (const shard of ALL_SHARDS) {
    const [row] = await select(requireDb(dbs, shard), 'SELECT count(*) AS n FROM tickets');
    const rows = Number(row?.['n'] ?? 0);
    total += rows;
    if (rows > hottest.rows) hottest = { shard, rows };
  }
  return { shard: hottest.shard, rows: total, share: total === 0 ? 0 : Math.round((1000 * hottest.rows) / total) / 10 };
}

/** Workloads the reader has not seen: other seeds, and the huge tenant sending half or more of the traffic. */
export const HIDDEN_WORKLOADS: readonly { readonly seed: number; readonly bigPercent: number }[] = [
  { seed: 3, bigPercent: 60 },
  { seed: 7, bigPercent: 50 },
];

const HOT_LIMIT = 40;

const keepHotShardCool: ExerciseDefinition = {
  id: 'hot-shard-under-40',
  title: `Choose a shard key that keeps the hottest shard under ${HOT_LIMIT} % of the rows`,
  async check(ctx) {
    const [settings] = await select(requireDb(ctx.databases, 'router'), 'SELECT shard_key, hashing FROM settings WHERE id = 1');
    if (!settings) return { passed: false, message: 'The router’s settings row is gone. Restart the lab to get it back.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on workloads you have not seen, and this page cannot do that.' };
    const key = String(settings['shard_key']);
    const hashing = String(settings['hashing']);
    const shares: string[] = [];
    for (const [i, w] of HIDDEN_WORKLOADS.entries()) {
      const inputs: RecordedInput[] = [
        {
          step: 0,
          input: {
            kind: 'sql',
            service: 'router',
            sql: `UPDATE settings SET shard_key = ${sqlText(key)}, hashing = ${sqlText(hashing)}, workload_seed = ${sqlInt(w.seed)}, big_tenant_percent = ${sqlInt(w.bigPercent)} WHERE id = 1`,
          },
        },
        { step: 0, input: { kind: 'action', actionId: 'run-workload' } },
      ];
      const problem = await ctx.replay(w.seed, inputs, async (hidden) => {
        const hot = await hottestShare(hidden.databases);
        shares.push(`${hot.share} %`);
        return hot.share < HOT_LIMIT
          ? undefined
          : `On hidden workload ${i + 1} (acme sending ${w.bigPercent} % of the traffic), ${hot.shard} held ${hot.share} % of ${hot.rows} rows under the ${key} key.`;
      });
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message: `Placed by ${key} (${hashing}), the hottest shard held ${shares.join(' and ')} of the rows on two workloads you have not seen, with acme sending half the traffic or more.`,
    };
  },
};

const reshardGently: ExerciseDefinition = {
  id: 'reshard-moving-few',
  title: 'Add the fourth shard and move at most a third of the rows',
  async check(ctx) {
    const [settings] = await select(requireDb(ctx.databases, 'router'), 'SELECT shard_count FROM settings WHERE id = 1');
    const rows = await allRows(ctx.databases);
    if (rows.length < 50)
      return { passed: false, message: `The shards hold ${rows.length} rows. Run the workload first, then add the shard.` };
    if (Number(settings?.['shard_count']) !== 4)
      return { passed: false, message: 'The router still places tickets on 3 shards: add the fourth.' };
    const ids = new Set(rows.map((r) => r.id));
    if (ids.size !== rows.length)
      return { passed: false, message: `${rows.length - ids.size} ticket(s) are on two shards: the resharding has not finished.` };
    let moved = 0;
    for (const shard of ALL_SHARDS) {
      const [row] = await select(requireDb(ctx.databases, shard), 'SELECT count(moved_from) AS n FROM tickets');
      moved += Number(row?.['n'] ?? 0);
    }
    if (moved * 3 > rows.length)
      return {
        passed: false,
        message: `${moved} of ${rows.length} rows moved: more than a third. Reset, and choose how keys map to shards before the workload.`,
      };
    return {
      passed: true,
      message: `${moved} of ${rows.length} rows moved, about what the new shard should hold, and none was lost or left behind.`,
    };
  },
};

const catchHalfMove: ExerciseDefinition = {
  id: 'ticket-on-two-shards',
  title: 'Catch a ticket that is on two shards at once',
  async check(ctx) {
    const rows = await allRows(ctx.databases);
    const seen = new Map<number, string[]>();
    for (const r of rows) seen.set(r.id, [...(seen.get(r.id) ?? []), `${r.shard} (tenant ${r.tenant})`]);
    const twice = [...seen].find(([, where]) => where.length > 1);
    if (!twice)
      return {
        passed: false,
        message: 'Every ticket is on one shard. Place tickets by tenant, run the workload, take acme’s shard down and move a ticket.',
      };
    return {
      passed: true,
      message: `Ticket ${twice[0]} is on ${twice[1].join(' and on ')}: the copy committed on one shard, the delete has not on the other. Two local transactions are not one.`,
    };
  },
};

const mergeKeepsBoth: ExerciseDefinition = {
  id: 'merge-keeps-both',
  title: 'Write in both regions during a partition and lose nothing',
  async check(ctx) {
    const views = await regionViews(ctx.databases);
    const modes = [];
    for (const region of REGIONS) {
      const [row] = await select(requireDb(ctx.databases, region), 'SELECT conflicts FROM settings WHERE id = 1');
      modes.push(String(row?.['conflicts']));
    }
    const writers = views.filter((v) => v.accepted.some((c) => c.startsWith('tag '))).length;
    if (writers < 2)
      return { passed: false, message: 'Tag the ticket in both regions, one tag each, while they are cut off from each other.' };
    const lost = lostChanges(views);
    const first = lost[0];
    if (first) {
      const there = lost.filter((l) => l.region === first.region).map((l) => l.lost);
      return {
        passed: false,
        message: `${first.region}’s ticket has lost ${there.length} accepted change(s) (${there.join(', ')}), counted from the regions’ accepted tables.`,
      };
    }
    if (views[0]?.tags !== views[1]?.tags || views[0]?.reopened !== views[1]?.reopened)
      return { passed: false, message: 'The regions still differ: heal the partition and play until they agree.' };
    if (modes.some((m) => m !== 'merge'))
      return {
        passed: false,
        message: 'Nothing is lost yet, but the regions resolve conflicts by last write wins: try it under a partition.',
      };
    return {
      passed: true,
      message: `Both regions show tags “${views[0]?.tags ?? ''}” and ${views[0]?.reopened ?? 0} reopen(s): every change accepted on either side survived the partition.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [keepHotShardCool, reshardGently, catchHalfMove, mergeKeepsBoth];
