/**
 * Times replays on the real engine: for each length in REPLAY_LENGTHS that some stream reaches, fold that
 * stream as of that version from its first event, and again from its newest snapshot, five times each after one untimed run, and
 * record the median time Postgres took to return the rows. Both folds must give the same state. Then
 * measure what the store occupies against the state table.
 */
import type { LabContext } from '../kit/define-lab.ts';
import { rowsOf } from '../kit/service-sql.ts';
import { load } from './load.ts';
import type { EventSourcing } from './messages.ts';
import { BUSY_ACCOUNT, REPLAY_LENGTHS, REPLAY_REPEATS } from './settings.ts';
import { STORAGE_SQL } from './store-sql.ts';

type Ctx = LabContext<EventSourcing, 'accounts', Record<string, never>>;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round2 = (ms: number) => Math.round(ms * 100) / 100;

async function timedLoad(ctx: Ctx, stream: string, length: number, snapshots: boolean) {
  const times: number[] = [];
  // The first read of a stream warms the engine's caches and plans; it is not what a replay costs.
  let last = await load((sql) => ctx.sql(sql), stream, { snapshots, fold: 'checked', upTo: length });
  for (let i = 0; i < REPLAY_REPEATS; i++) {
    last = await load((sql) => ctx.sql(sql), stream, { snapshots, fold: 'checked', upTo: length });
    times.push(last?.engineMs ?? 0);
  }
  return { ms: median(times), load: last };
}

export async function timeReplays(ctx: Ctx, timing: 'measured' | 'left-out') {
  // The longest stream serves every length it reaches; the busy account is the longest once it is loaded.
  const streams = rowsOf(
    await ctx.sql(
      `SELECT stream, max(version) AS length FROM events GROUP BY stream ORDER BY max(version) DESC, stream = '${BUSY_ACCOUNT}' DESC, stream`,
    ),
  );
  const longest = streams[0];
  if (!longest) return ctx.note('nothing to replay yet: load some history first');
  const stream = String(longest['stream']);
  for (const length of REPLAY_LENGTHS.filter((l) => l <= Number(longest['length']))) {
    const full = await timedLoad(ctx, stream, length, false);
    const snap = await timedLoad(ctx, stream, length, true);
    const same = JSON.stringify(full.load?.state) === JSON.stringify(snap.load?.state);
    ctx.fact({
      kind: 'replay-timed',
      stream,
      length,
      fullRead: full.load?.eventsRead ?? 0,
      fullMs: timing === 'measured' ? round2(full.ms) : 0,
      snapshotRead: snap.load?.eventsRead ?? 0,
      snapshotMs: timing === 'measured' ? round2(snap.ms) : 0,
      same,
    });
  }
  const [size] = rowsOf(await ctx.sql(STORAGE_SQL));
  if (!size) return;
  ctx.fact({
    kind: 'storage',
    events: Number(size['events']),
    accounts: Number(size['accounts']),
    snapshots: Number(size['snapshots']),
    eventsBytes: Number(size['events_bytes']),
    snapshotsBytes: Number(size['snapshots_bytes']),
    stateBytes: Number(size['state_bytes']),
  });
  ctx.note(`replays of ${stream} timed at ${REPLAY_LENGTHS.filter((l) => l <= Number(longest['length'])).join(', ')} events`);
}
