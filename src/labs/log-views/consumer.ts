/**
 * The consumer every view runs: fetch the events after its checkpoint, apply them and move the checkpoint
 * in one local transaction, fetch again while behind. Delivery is at least once (a batch may arrive twice),
 * so a view applies only events after its checkpoint; that check is what makes it idempotent. A rebuild
 * empties the view, sets its checkpoint to 0, replays the log up to where it was, and compares the content
 * hash before and after.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { upcast } from './events.ts';
import type { Batch, FaultId, LogViews, ViewName } from './messages.ts';
import type { ViewDefinition } from './view.ts';

export interface ConsumerOptions {
  /** `false` is the tests' negative control: it applies every event a batch holds, trusting delivery to be exactly once. */
  readonly idempotent: boolean;
  /** `live-checkpoint` is the other negative control: a rebuild that empties the view but resumes where it was. */
  readonly rebuildFrom: 'zero' | 'live-checkpoint';
  /** Whether real engine time enters the trace (facts); left out where a trace must be the same on every machine. */
  readonly measured: boolean;
}

export interface ConsumerState {
  /** The fetch whose batch the view waits for. */
  outstanding: number | undefined;
  nextFetchId: number;
  /** Told of an append while a fetch was out: fetch again after this batch. */
  nudged: boolean;
}

type Ctx = LabContext<LogViews, ViewName, ConsumerState>;

async function readPosition(ctx: Ctx): Promise<number | undefined> {
  return (await readCheckpoint(ctx))?.position;
}

/** Where the view is, and, while it catches up after a late start, the head it is catching up to. */
async function readCheckpoint(ctx: Ctx): Promise<{ position: number; replayTo: number | null } | undefined> {
  const [row] = rowsOf(await ctx.sql('SELECT position, replay_to FROM checkpoint'));
  if (!row) return undefined;
  return { position: Number(row['position']), replayTo: row['replay_to'] === null ? null : Number(row['replay_to']) };
}

interface OpenRebuild {
  readonly id: number;
  readonly livePosition: number;
  readonly hashBefore: string;
}

async function openRebuild(ctx: Ctx, view: ViewDefinition): Promise<OpenRebuild | undefined> {
  if (!view.rebuild) return undefined;
  const [row] = rowsOf(await ctx.sql('SELECT id, live_position, hash_before FROM rebuilds WHERE finished_at IS NULL'));
  return row ? { id: Number(row['id']), livePosition: Number(row['live_position']), hashBefore: String(row['hash_before']) } : undefined;
}

async function contentHash(ctx: Ctx, view: ViewDefinition): Promise<string> {
  const [row] = rowsOf(await ctx.sql(view.rebuild?.hashSql ?? "SELECT '' AS hash"));
  return String(row?.['hash'] ?? '');
}

async function fetchNext(ctx: Ctx, view: ViewDefinition) {
  const p = ctx.state;
  if (p.outstanding !== undefined) {
    p.nudged = true;
    return;
  }
  const position = await readPosition(ctx);
  if (position === undefined) return;
  const rebuild = await openRebuild(ctx, view);
  p.outstanding = p.nextFetchId++;
  p.nudged = false;
  const upTo = rebuild && position < rebuild.livePosition ? rebuild.livePosition : null;
  const asks = upTo === null ? `after ${position}` : `after ${position}, up to ${upTo}`;
  ctx.send('orders', { type: 'fetch', asks, after: position, upTo, fetchId: p.outstanding });
}

/** Once a rebuild has replayed up to where the view was, its content must hash the same as before. */
async function finishRebuild(ctx: Ctx, view: ViewDefinition, position: number) {
  const rebuild = await openRebuild(ctx, view);
  if (!rebuild || position < rebuild.livePosition) return;
  const hash = await contentHash(ctx, view);
  await ctx.sql(`UPDATE rebuilds SET hash_after = ${sqlText(hash)}, finished_at = ${sqlInt(ctx.now)} WHERE id = ${sqlInt(rebuild.id)}`);
  ctx.fact({ kind: 'rebuilt', view: view.name, upTo: rebuild.livePosition, hashBefore: rebuild.hashBefore, hashAfter: hash });
  ctx.note(
    hash === rebuild.hashBefore
      ? `rebuilt up to position ${rebuild.livePosition}: content hash ${hash.slice(0, 8)}… equals the one before the drop`
      : `rebuilt up to position ${rebuild.livePosition}, but the content hash ${hash.slice(0, 8)}… differs from ${rebuild.hashBefore.slice(0, 8)}… before the drop`,
  );
}

function applySql(view: ViewDefinition, batch: Batch['events']): string[] {
  return batch.flatMap((stored) => {
    const read = upcast(stored);
    if (read.ok) return [...view.apply(read.event)];
    return [
      `INSERT INTO dead_letters (position, reason) VALUES (${sqlInt(stored.position)}, ${sqlText(read.reason)}) ON CONFLICT DO NOTHING`,
    ];
  });
}

async function onBatch(ctx: Ctx, view: ViewDefinition, options: ConsumerOptions, crashFault: FaultId | undefined, batch: Batch) {
  const p = ctx.state;
  const awaited = batch.fetchId === p.outstanding;
  if (awaited) p.outstanding = undefined;
  if (crashFault && ctx.isFaultOn(crashFault)) {
    ctx.fact({ kind: 'crashed', view: view.name, holding: batch.events.length });
    ctx.crash(`crashed holding ${batch.holds}, before applying any of it; restart it to resume from its checkpoint`);
    return;
  }
  const checkpoint = await readCheckpoint(ctx);
  if (checkpoint === undefined) return;
  const { position } = checkpoint;
  // A batch fetched before a rebuild starts past where the view now is: applying it would leave a gap.
  if (batch.after > position) {
    if (awaited) await fetchNext(ctx, view);
    return;
  }
  const events = options.idempotent ? batch.events.filter((e) => e.position > position) : batch.events;
  if (events.length < batch.events.length) ctx.fact({ kind: 'skipped', view: view.name, events: batch.events.length - events.length });
  let reached = position;
  if (events.length > 0) {
    const last = Math.max(position, events.at(-1)?.position ?? position);
    // A late start catches up to the head its first batch reports; after that the view is live.
    const target = checkpoint.replayTo === null ? null : Math.min(checkpoint.replayTo, batch.head);
    const replayTo = target === null || last >= target ? 'NULL' : sqlInt(target);
    const result = await ctx.sql(
      transaction([...applySql(view, events), `UPDATE checkpoint SET position = ${sqlInt(last)}, replay_to = ${replayTo}`]),
    );
    if (!result.ok) return ctx.note(`${batch.holds} failed and was rolled back: ${result.error.message}`);
    reached = last;
    const parked = events.filter((e) => !upcast(e).ok).length;
    const rebuilding = (await openRebuild(ctx, view)) !== undefined;
    // Engine time is what a replay costs, so only a replay records it: live batches leave the trace the same on every machine.
    const replaying = rebuilding || checkpoint.replayTo !== null;
    const engineMs = options.measured && replaying ? Math.round(result.durationMs * 100) / 100 : 0;
    ctx.fact({ kind: 'applied', view: view.name, from: position, to: last, events: events.length, parked, engineMs, rebuilding });
    if (parked > 0) ctx.note(`${parked} event${parked === 1 ? '' : 's'} the upcaster could not read, parked in dead_letters`);
    await finishRebuild(ctx, view, last);
  } else if (batch.events.length > 0) ctx.note(`${batch.holds}: already applied (at ${position}), skipped`);
  else if (checkpoint.replayTo !== null) await ctx.sql('UPDATE checkpoint SET replay_to = NULL');
  if ((awaited && reached < batch.head) || p.nudged) await fetchNext(ctx, view);
}

async function onRebuild(ctx: Ctx, view: ViewDefinition, options: ConsumerOptions) {
  const position = await readPosition(ctx);
  if (!view.rebuild || position === undefined) return ctx.note('this view has not started: nothing to rebuild');
  if (await openRebuild(ctx, view)) return ctx.note('a rebuild is already under way');
  const hash = await contentHash(ctx, view);
  const from = options.rebuildFrom === 'zero' ? 0 : position;
  const result = await ctx.sql(
    transaction([
      `INSERT INTO rebuilds (live_position, hash_before, started_at) VALUES (${sqlInt(position)}, ${sqlText(hash)}, ${sqlInt(ctx.now)})`,
      ...view.rebuild.clear,
      'DELETE FROM dead_letters',
      `UPDATE checkpoint SET position = ${sqlInt(from)}`,
    ]),
  );
  if (!result.ok) return ctx.note(`the rebuild could not start: ${result.error.message}`);
  ctx.fact({ kind: 'rebuild-started', view: view.name, livePosition: position, hash });
  ctx.note(`dropped every row (content hash was ${hash.slice(0, 8)}…); replaying positions ${from + 1}–${position} from the log`);
  // Any batch already on its way was fetched for the old checkpoint: it is no longer awaited.
  ctx.state.outstanding = undefined;
  await finishRebuild(ctx, view, from);
  await fetchNext(ctx, view);
}

async function onStart(ctx: Ctx, view: ViewDefinition) {
  if ((await readPosition(ctx)) !== undefined) return ctx.note(`${view.name} is already running`);
  const result = await ctx.sql(
    `INSERT INTO checkpoint (position, started_at, replay_to) VALUES (0, ${sqlInt(ctx.now)}, ${sqlInt(2 ** 31 - 1)})`,
  );
  if (!result.ok) return ctx.note(`${view.name} could not start: ${result.error.message}`);
  ctx.send('orders', { type: 'subscribe' });
  ctx.fact({ kind: 'view-started', view: view.name });
  ctx.note(`${view.name} starts at position 0 and catches up on the whole log; the writer is not changed`);
  await fetchNext(ctx, view);
}

/** The handlers every view shares; `crashFault` names the fault that makes this one crash on a batch. */
export function consumerHandlers(view: ViewDefinition, options: ConsumerOptions, crashFault?: FaultId) {
  return {
    appended: (ctx: Ctx) => fetchNext(ctx, view),
    batch: (ctx: Ctx, m: Batch) => onBatch(ctx, view, options, crashFault, m),
    start: (ctx: Ctx) => onStart(ctx, view),
    rebuild: (ctx: Ctx) => onRebuild(ctx, view, options),
  };
}

export function consumerService<V extends ViewName>(
  view: ViewDefinition & { readonly name: V },
  handlers: ServiceSpec<LogViews, V, ConsumerState>['on'],
): ServiceSpec<LogViews, V, ConsumerState> {
  return {
    label: view.label,
    role: view.role,
    database: view.database,
    tables: view.tables,
    initialState: () => ({ outstanding: undefined, nextFetchId: 1, nudged: false }),
    on: handlers,
    // A restarted view knows nothing but its checkpoint, and that is all it needs.
    recover: (ctx) => fetchNext(ctx, view),
  };
}
