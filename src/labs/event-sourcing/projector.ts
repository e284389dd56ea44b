/**
 * The projector (SQLite): it reads the event store's log after the lowest of its checkpoints, and applies each
 * batch to every projection in one local transaction that also moves their checkpoints. A new projection
 * starts at position 0 and replays the whole log by itself; a replacement is built beside the old one and
 * takes its place when it has caught up.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Batch, EventSourcing, StoredEvent } from './messages.ts';
import { checkpointSql, isProjection, PROJECTIONS, SWITCH_SQL, type ProjectionName } from './projections.ts';
import projectionsSql from './projections.sql?raw';
import { RESTART_DELAY_MS } from './settings.ts';

interface ProjectorState {
  /** A crash starts a new run; a batch fetched by an old run is ignored. */
  run: number;
  down: boolean;
  /** The fetch waiting for its batch. */
  outstanding: number | undefined;
  /** Told of an append while a fetch was out: ask again after this batch. */
  nudged: boolean;
  nextFetchId: number;
  /** Whether real engine time enters the trace (see AccountsOptions.timing). */
  readonly measured: boolean;
}

type Ctx = LabContext<EventSourcing, 'projector', ProjectorState>;

async function checkpoints(ctx: Ctx): Promise<Map<ProjectionName, number>> {
  const rows = rowsOf(await ctx.sql('SELECT projection, position FROM checkpoints ORDER BY projection'));
  return new Map(
    rows.flatMap((r) =>
      isProjection(String(r['projection'])) ? [[String(r['projection']) as ProjectionName, Number(r['position'])]] : [],
    ),
  );
}

async function fetchNext(ctx: Ctx) {
  const p = ctx.state;
  if (p.down) return;
  if (p.outstanding !== undefined) {
    p.nudged = true;
    return;
  }
  const after = Math.min(...(await checkpoints(ctx)).values());
  p.outstanding = p.nextFetchId++;
  p.nudged = false;
  ctx.send('accounts', { type: 'fetch', after: Number.isFinite(after) ? after : 0, fetchId: p.outstanding });
}

function stageSql(events: readonly StoredEvent[]): string[] {
  const values = events.map(
    (e) =>
      `(${sqlInt(e.position)}, ${sqlText(e.stream)}, ${sqlInt(e.version)}, ${sqlText(e.type)}, ${sqlText(e.data)}, ${sqlInt(e.schema)}, ${sqlText(e.recordedAt)})`,
  );
  return [
    'DELETE FROM incoming',
    `INSERT INTO incoming (position, stream, version, type, data, schema, recorded_at) VALUES ${values.join(', ')}`,
  ];
}

async function onBatch(ctx: Ctx, batch: Batch) {
  const p = ctx.state;
  if (p.down || batch.fetchId !== p.outstanding) return;
  p.outstanding = undefined;
  if (ctx.isFaultOn('projector-crash')) {
    Object.assign(p, { run: p.run + 1, down: true, nudged: false });
    ctx.fact({ kind: 'projector-crashed' });
    ctx.note(`projector crashed holding ${batch.events.length} events it had not committed; restarted in ${RESTART_DELAY_MS} ms`);
    ctx.setTimer(RESTART_DELAY_MS, { type: 'restart-projector', run: p.run });
    return;
  }
  if (batch.events.length > 0) {
    const before = await checkpoints(ctx);
    // A projection started while this batch was on its way is further back than the batch begins: it waits for its own.
    const names = [...before].filter(([, position]) => position >= batch.after).map(([name]) => name);
    if (names.length < before.size) p.nudged = true;
    const result = await ctx.sql(
      transaction([...stageSql(batch.events), ...names.flatMap((n) => [PROJECTIONS[n].apply, checkpointSql(n)])]),
    );
    if (!result.ok) return ctx.note(`batch ${batch.holds} failed: ${result.error.message}`);
    const last = batch.events.at(-1)?.position ?? 0;
    for (const name of names) {
      const from = before.get(name) ?? 0;
      const events = batch.events.filter((e) => e.position > from).length;
      if (events === 0) continue;
      const engineMs = p.measured ? Math.round(result.durationMs * 100) / 100 : 0;
      ctx.fact({ kind: 'projected', projection: name, from, to: last, events, engineMs });
    }
    await switchIfCaughtUp(ctx, batch.head);
  }
  const more = batch.events.length > 0 && (batch.events.at(-1)?.position ?? 0) < batch.head;
  if (more || p.nudged) await fetchNext(ctx);
}

/** Once summary_v2 has caught up with the log, account_summary switches to it. */
async function switchIfCaughtUp(ctx: Ctx, head: number) {
  const points = await checkpoints(ctx);
  const v2 = points.get('summary_v2');
  if (v2 === undefined || !points.has('summary_v1') || v2 < head) return;
  if (!(await ctx.sql(transaction(SWITCH_SQL))).ok) return;
  ctx.fact({ kind: 'switched', from: 'summary_v1', to: 'summary_v2' });
  ctx.note('summary_v2 has caught up: account_summary now reads it, and summary_v1 is dropped');
}

async function startProjection(ctx: Ctx, name: ProjectionName) {
  const exists = rowsOf(await ctx.sql(`SELECT count(*) AS n FROM checkpoints WHERE projection = ${sqlText(name)}`));
  if (Number(exists[0]?.['n']) > 0) return ctx.note(`${name} is already running`);
  const result = await ctx.sql(
    transaction([
      PROJECTIONS[name].create,
      `INSERT INTO checkpoints (projection, position, started_at) VALUES (${sqlText(name)}, 0, ${sqlInt(ctx.now)})`,
    ]),
  );
  if (!result.ok) return ctx.note(`${name} could not start: ${result.error.message}`);
  ctx.fact({ kind: 'projection-started', projection: name, head: 0 });
  ctx.note(`${name} starts at position 0 and replays the whole log`);
  await fetchNext(ctx);
}

export function projector(measured: boolean): ServiceSpec<EventSourcing, 'projector', ProjectorState> {
  return {
    label: 'Projector (SQLite)',
    role: 'Builds read models from the log, each with its own checkpoint; replays a new one from position 0',
    database: { kind: 'sqlite', setupSql: projectionsSql },
    tables: [
      {
        title: 'account_summary (what readers read)',
        sql: 'SELECT account, balance_cents, deposits, withdrawals, last_version AS v FROM account_summary ORDER BY account',
      },
      { title: 'checkpoints', sql: 'SELECT projection, position, started_at FROM checkpoints ORDER BY projection' },
    ],
    initialState: () => ({ run: 0, down: false, outstanding: undefined, nudged: false, nextFetchId: 1, measured }),
    on: {
      appended: (ctx) => fetchNext(ctx),
      batch: onBatch,
      'add-daily-totals': (ctx) => startProjection(ctx, 'daily_totals'),
      'replay-summary': (ctx) => startProjection(ctx, 'summary_v2'),
      async 'restart-projector'(ctx, m) {
        if (m.run !== ctx.state.run) return;
        if (ctx.isFaultOn('projector-crash')) {
          ctx.note(`projector crashed again as it started; next try in ${RESTART_DELAY_MS} ms`);
          ctx.setTimer(RESTART_DELAY_MS, { type: 'restart-projector', run: m.run });
          return;
        }
        ctx.state.down = false;
        ctx.note('projector restarted: each projection resumes after its own checkpoint');
        await fetchNext(ctx);
      },
    },
  };
}
