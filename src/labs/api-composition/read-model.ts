/**
 * The read model (SQLite) and its projector. Each owning service tells it when something changed; the
 * projector waits a little to take changes in batches, fetches that service's outbox after its
 * checkpoint, and applies the batch (`projection.ts`). A service that does not answer is asked again
 * with backoff. Pages are answered from `order_view` with one query each, whichever service is down.
 */
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { ApiComposition, Changes, Source } from './messages.ts';
import { pageRowOf, READ_MODEL_PAGE_SQL } from './pages-sql.ts';
import { applyChangesSql } from './projection.ts';
import readModelSql from './read-model.sql?raw';
import { readModelSeedSql } from './seed-data.ts';
import { FETCH_LIMIT, FETCH_RETRY_CAP_MS, FETCH_RETRY_MS, PROJECTOR_DELAY_MS } from './settings.ts';

interface Feed {
  /** A fetch is scheduled or out. */
  busy: boolean;
  /** The attempt of the fetch that is out, so that a stale retry timer is ignored. */
  attempt: number;
  /** Told of a change while busy: fetch again after this batch. */
  again: boolean;
}

type Feeds = Record<Source, Feed>;
type Ctx = LabContext<ApiComposition, 'read-model', Feeds>;

const idle = (): Feed => ({ busy: false, attempt: 0, again: false });

async function checkpoints(ctx: Ctx): Promise<Record<Source, number>> {
  const rows = rowsOf(await ctx.sql('SELECT source, position FROM checkpoints'));
  const at = (s: Source) => Number(rows.find((r) => r['source'] === s)?.['position'] ?? 0);
  return { orders: at('orders'), customers: at('customers'), payments: at('payments') };
}

async function fetchNow(ctx: Ctx, source: Source, attempt: number) {
  const feed = ctx.state[source];
  feed.attempt = attempt;
  const after = (await checkpoints(ctx))[source];
  ctx.send(source, { type: 'fetch-changes', after, limit: FETCH_LIMIT });
  // If no batch comes, ask again later, and later still while the service stays silent. Only a timer set after
  // a fetch already went unanswered counts as a retry: the first usually finds its fetch answered and does nothing.
  ctx.setTimer(
    backoff(ctx, attempt, FETCH_RETRY_MS, FETCH_RETRY_CAP_MS),
    { type: 'fetch-now', source, attempt: attempt + 1 },
    { retry: attempt > 0 },
  );
}

async function onChanges(ctx: Ctx, m: Changes) {
  const feed = ctx.state[m.source];
  if (m.events.length > 0) {
    const applied = await ctx.sql(applyChangesSql(m.source, m.events, ctx.now));
    if (!applied.ok) return;
    const last = m.events.at(-1)?.position ?? m.after;
    ctx.fact({ kind: 'projected', source: m.source, position: last });
  }
  if (!feed.busy) return;
  // A full batch means more is waiting; a change told of meanwhile may be past this batch.
  if (m.events.length >= FETCH_LIMIT || feed.again) {
    feed.again = false;
    await fetchNow(ctx, m.source, 0);
    return;
  }
  Object.assign(feed, idle());
}

export const readModel: ServiceSpec<ApiComposition, 'read-model', Feeds> = {
  label: 'Read model (SQLite)',
  role: 'One denormalised row per order, fed by the three services’ change events; answers each page with one query',
  database: { kind: 'sqlite', setupSql: `${readModelSql}\n${readModelSeedSql()}` },
  tables: [
    {
      title: 'order_view: paid, by customer name (page 3)',
      sql: `${READ_MODEL_PAGE_SQL['paid-by-name'].replace('customer_name, payment_status, total_cents, placed_at', 'customer_name, payment_status')}`,
    },
    { title: 'checkpoints', sql: 'SELECT source, position, updated_at FROM checkpoints ORDER BY source' },
  ],
  initialState: () => ({ orders: idle(), customers: idle(), payments: idle() }),
  on: {
    changed(ctx, m) {
      const feed = ctx.state[m.source];
      if (feed.busy) {
        feed.again = true;
        return;
      }
      feed.busy = true;
      ctx.setTimer(PROJECTOR_DELAY_MS, { type: 'fetch-now', source: m.source, attempt: 0 });
    },
    async 'fetch-now'(ctx, m) {
      const feed = ctx.state[m.source];
      // A retry timer whose fetch was answered meanwhile has nothing to do.
      if (!feed.busy || (m.attempt > 0 && feed.attempt !== m.attempt - 1)) return;
      await fetchNow(ctx, m.source, m.attempt);
    },
    changes: onChanges,
    async 'open-page'(ctx, m) {
      const result = await ctx.sql(READ_MODEL_PAGE_SQL[m.page]);
      const rows = rowsOf(result).map(pageRowOf);
      ctx.send('browser', {
        type: 'page-served',
        reqId: m.reqId,
        way: 'read-model',
        outcome: result.ok ? 'complete' : 'error',
        rows,
        rowsMoved: rows.length,
        missing: [],
        checkpoints: await checkpoints(ctx),
        ...(result.ok ? {} : { error: result.error.message }),
      });
    },
  },
};
