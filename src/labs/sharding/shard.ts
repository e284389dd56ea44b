/**
 * A shard: stores the tickets the router sends it, answers queries over the rows it holds, and, when a shard is
 * added, moves away every row the new placement gives to another shard (copy there, then delete here). It
 * answers after a seeded service time, so that a query waiting for three shards waits for the slowest.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Answer, FaultId, Inserted, Removed, Sharding, ShardQuery, TicketRow } from './messages.ts';
import { shardFor, type Placement } from './placement.ts';
import { RETRY_FIRST_MS, RETRY_MAX_MS, SHARD_BASE_MS, SHARD_TAIL_MS, type ShardName } from './settings.ts';

/** `deletes` is the real resharder; `forgets-delete` is broken on purpose, for the tests: it copies and keeps. */
export type Resharder = 'deletes' | 'forgets-delete';

interface ShardState {
  /** Rows sent to other shards while rebalancing and not yet acknowledged, by target. */
  outgoing: Map<ShardName, TicketRow[]>;
  movedOut: number;
  rebalancing: boolean;
  attempt: number;
}

type Ctx = LabContext<Sharding, ShardName, ShardState>;

export const TICKET_COLUMNS = 'id, tenant, customer, home, title';

const rowOf = (r: Record<string, unknown>): TicketRow => ({
  id: Number(r['id']),
  tenant: String(r['tenant']),
  customer: String(r['customer']),
  home: String(r['home']),
  title: String(r['title']),
});

const values = (row: TicketRow, movedFrom: ShardName | null) =>
  `(${sqlInt(row.id)}, ${sqlText(row.tenant)}, ${sqlText(row.customer)}, ${sqlText(row.home)}, ${sqlText(row.title)}, ${movedFrom ? sqlText(movedFrom) : 'NULL'})`;

/** Idempotent: a copy sent twice is stored once, and a ticket moved to another tenant takes the new tenant. */
const upsert = (rows: readonly TicketRow[], movedFrom: ShardName | null) =>
  `INSERT INTO tickets (${TICKET_COLUMNS}, moved_from) VALUES ${rows.map((r) => values(r, movedFrom)).join(', ')}
ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant`;

export function whereOf(query: ShardQuery): string {
  switch (query.kind) {
    case 'customer-tickets':
      return `customer = ${sqlText(query.customer)}`;
    case 'region-report':
      return `home = ${sqlText(query.home)}`;
    case 'tenant-tickets':
      return `tenant = ${sqlText(query.tenant)}`;
  }
}

function downFault(name: ShardName): FaultId | undefined {
  if (name === 'shard-2') return 'shard-2-down';
  if (name === 'shard-3') return 'shard-3-down';
  return undefined;
}

const isDown = (ctx: Ctx) => {
  const fault = downFault(ctx.name);
  return fault !== undefined && ctx.isFaultOn(fault);
};

async function recordRows(ctx: Ctx) {
  const [count] = rowsOf(await ctx.sql('SELECT count(*) AS n, count(moved_from) AS moved FROM tickets'));
  ctx.fact({ kind: 'rows', shard: ctx.name, rows: Number(count?.['n'] ?? 0), movedIn: Number(count?.['moved'] ?? 0) });
}

/** The answer leaves once the shard's service time has passed: a few ms usually, up to SHARD_TAIL_MS more now and then. */
function replyLater(ctx: Ctx, answer: Answer | Inserted | Removed) {
  const serviceMs = SHARD_BASE_MS + Math.round(ctx.random() ** 4 * SHARD_TAIL_MS);
  ctx.setTimer(serviceMs, { type: 'reply', answer });
}

function sendOutgoing(ctx: Ctx) {
  for (const [target, rows] of ctx.state.outgoing) ctx.send(target, { type: 'take-rows', from: ctx.name, rows });
  if (ctx.state.outgoing.size > 0)
    ctx.setTimer(backoff(ctx, ctx.state.attempt, RETRY_FIRST_MS, RETRY_MAX_MS), { type: 'resend' }, { retry: true });
}

function finishIfDone(ctx: Ctx) {
  if (!ctx.state.rebalancing || ctx.state.outgoing.size > 0) return;
  ctx.state.rebalancing = false;
  ctx.send('router', { type: 'rebalanced', shard: ctx.name, movedOut: ctx.state.movedOut });
}

async function rebalance(ctx: Ctx, placement: Placement) {
  if (ctx.state.rebalancing) return;
  const rows = rowsOf(await ctx.sql(`SELECT ${TICKET_COLUMNS} FROM tickets ORDER BY id`)).map(rowOf);
  ctx.state.outgoing = new Map();
  for (const row of rows) {
    const target = shardFor(row, placement);
    if (target !== ctx.name) ctx.state.outgoing.set(target, [...(ctx.state.outgoing.get(target) ?? []), row]);
  }
  ctx.state.rebalancing = true;
  ctx.state.movedOut = 0;
  ctx.state.attempt = 0;
  const leaving = [...ctx.state.outgoing.values()].reduce((n, r) => n + r.length, 0);
  ctx.note(`${ctx.name} keeps ${rows.length - leaving} of ${rows.length} rows and sends ${leaving} away`);
  sendOutgoing(ctx);
  finishIfDone(ctx);
}

export function shard(name: ShardName, resharder: Resharder, database: ServiceDatabaseSpec): ServiceSpec<Sharding, ShardName, ShardState> {
  const engine = database.kind === 'postgres' ? 'Postgres' : 'SQLite';
  // A shard that is down drops what reaches it, and its own timers find nothing to answer to.
  const guard =
    <M>(handler: (ctx: Ctx, m: M) => Promise<void> | void) =>
    async (ctx: Ctx, m: M) => {
      if (isDown(ctx)) return;
      await handler(ctx, m);
    };
  return {
    label: `${name.replace('shard-', 'Shard ')} (${engine})`,
    role:
      name === 'shard-4'
        ? 'The shard a resharding adds: empty until rows move here'
        : 'Holds the tickets its key range maps to; knows nothing of the other shards',
    database,
    tables: [
      { title: 'tickets (newest first)', sql: 'SELECT id, tenant, customer, home, moved_from FROM tickets ORDER BY id DESC LIMIT 10' },
      { title: 'rows per tenant', sql: 'SELECT tenant, count(*) AS n FROM tickets GROUP BY tenant ORDER BY n DESC, tenant' },
    ],
    initialState: () => ({ outgoing: new Map(), movedOut: 0, rebalancing: false, attempt: 0 }),
    on: {
      insert: guard(async (ctx, m) => {
        const result = await ctx.sql(upsert([m.row], null));
        if (!result.ok) return;
        ctx.fact({ kind: 'handled', shard: name, what: 'insert' });
        await recordRows(ctx);
        replyLater(ctx, { type: 'inserted', request: m.request, id: m.row.id, shard: name });
      }),
      remove: guard(async (ctx, m) => {
        await ctx.sql(`DELETE FROM tickets WHERE id = ${sqlInt(m.id)}`);
        ctx.fact({ kind: 'handled', shard: name, what: 'remove' });
        await recordRows(ctx);
        replyLater(ctx, { type: 'removed', request: m.request, id: m.id, shard: name });
      }),
      ask: guard(async (ctx, m) => {
        const ids = rowsOf(await ctx.sql(`SELECT id FROM tickets WHERE ${whereOf(m.query)} ORDER BY id`)).map((r) => Number(r['id']));
        ctx.fact({ kind: 'handled', shard: name, what: 'read' });
        replyLater(ctx, { type: 'answer', request: m.request, shard: name, ids });
      }),
      reply: guard((ctx, m) => ctx.send('router', m.answer)),
      rebalance: guard((ctx, m) => rebalance(ctx, m.placement)),
      'take-rows': guard(async (ctx, m) => {
        const result = await ctx.sql(upsert(m.rows, m.from));
        if (!result.ok) return;
        ctx.fact({ kind: 'handled', shard: name, what: 'take' });
        await recordRows(ctx);
        ctx.send(m.from, { type: 'took-rows', by: name, ids: m.rows.map((r) => r.id) });
      }),
      'took-rows': guard(async (ctx, m) => {
        if (!ctx.state.outgoing.has(m.by)) return;
        ctx.state.outgoing.delete(m.by);
        // The copy is safe on the other shard: only now is this shard's row deleted.
        if (resharder === 'deletes') await ctx.sql(`DELETE FROM tickets WHERE id IN (${m.ids.map(sqlInt).join(', ')})`);
        ctx.state.movedOut += m.ids.length;
        await recordRows(ctx);
        finishIfDone(ctx);
      }),
      resend(ctx) {
        if (ctx.state.outgoing.size === 0) return;
        ctx.state.attempt += 1;
        if (isDown(ctx)) {
          ctx.setTimer(backoff(ctx, ctx.state.attempt, RETRY_FIRST_MS, RETRY_MAX_MS), { type: 'resend' }, { retry: true });
          return;
        }
        sendOutgoing(ctx);
      },
    },
  };
}
