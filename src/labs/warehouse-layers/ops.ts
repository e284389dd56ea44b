/**
 * The operational ticket and customer service. Opening a ticket or changing a plan commits the row and its
 * change event in one transaction, and ships the event to the warehouse, as a change-data-capture connector
 * would. With the late-events fault on, the connector holds some events back. It also answers the question
 * the reports are judged by: how many tickets were opened under each plan.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, transaction } from '../kit/service-sql.ts';
import type { ChangeEvent, WarehouseLab } from './messages.ts';
import opsSql from './ops.sql?raw';
import { EVENT_COLUMNS, eventOf, planCountsOf, returnedRows, truthSql } from './queries.ts';
import { LATE_MS, LATE_ONE_IN } from './settings.ts';

type Ctx = LabContext<WarehouseLab, 'ops', Record<string, never>>;

const describe = (events: readonly ChangeEvent[]) =>
  events.length === 1
    ? `event ${events[0]?.seq ?? ''} (${events[0]?.entity ?? ''} ${events[0]?.entityId ?? ''})`
    : `${events.length} events`;

/** Plan changes always, and one ticket event in four, wait on the connector when the late-events fault is on. */
function ship(ctx: Ctx, events: readonly ChangeEvent[]) {
  if (events.length === 0) return;
  const late =
    ctx.isFaultOn('late-events') &&
    events.every((e) => e.happenedAt > 0) &&
    (events.some((e) => e.entity === 'customer') || ctx.random() < 1 / LATE_ONE_IN);
  if (late) {
    ctx.note(`the connector holds ${describe(events)} for ${LATE_MS} ms`);
    ctx.setTimer(LATE_MS, { type: 'ship-late', events });
    return;
  }
  ctx.send('warehouse', { type: 'load', holds: describe(events), events });
}

export const ops: ServiceSpec<WarehouseLab, 'ops', Record<string, never>> = {
  label: 'Ticket service (Postgres)',
  role: 'The operational side: customers, billing’s plan history and tickets; every change appends a change event in the same transaction, shipped to the warehouse',
  database: { kind: 'postgres', setupSql: opsSql },
  tables: [
    { title: 'customers', sql: 'SELECT id, name, plan FROM customers ORDER BY id' },
    {
      title: 'plan_changes (billing’s history)',
      sql: 'SELECT customer_id AS customer, plan, effective_at, recorded_at FROM plan_changes WHERE effective_at > 0 ORDER BY effective_at',
    },
    {
      title: 'change_events (newest first)',
      sql: 'SELECT seq, entity, entity_id AS id, payload::text AS payload, happened_at FROM change_events ORDER BY seq DESC LIMIT 8',
    },
  ],
  initialState: () => ({}),
  on: {
    async 'initial-snapshot'(ctx) {
      // The first load, as a connector's initial snapshot: every customer as it stands.
      const rows = rowsOf(
        await ctx.sql(`SELECT ${EVENT_COLUMNS} FROM change_events WHERE entity = 'customer' AND happened_at = 0 ORDER BY seq`),
      );
      ship(ctx, rows.map(eventOf));
    },
    async 'open-ticket'(ctx, m) {
      const customer = m.customerId === null ? 'NULL' : sqlInt(m.customerId);
      const result = await ctx.sql(
        transaction([
          `INSERT INTO tickets (id, customer_id, opened_at, recorded_at) VALUES (${sqlInt(m.ticketId)}, ${customer}, ${sqlInt(m.openedAt)}, ${sqlInt(ctx.now)})`,
          `INSERT INTO change_events (entity, entity_id, payload, happened_at, recorded_at)
VALUES ('ticket', ${sqlInt(m.ticketId)}, jsonb_build_object('id', ${sqlInt(m.ticketId)}, 'customer_id', ${customer}::int), ${sqlInt(m.openedAt)}, ${sqlInt(ctx.now)})
RETURNING ${EVENT_COLUMNS}`,
        ]),
      );
      ship(ctx, returnedRows(result).map(eventOf));
    },
    async 'change-plan'(ctx, m) {
      const id = sqlInt(m.customerId);
      const result = await ctx.sql(
        transaction([
          `UPDATE customers SET plan = CASE plan WHEN 'basic' THEN 'premium' ELSE 'basic' END WHERE id = ${id}`,
          `INSERT INTO plan_changes (customer_id, plan, effective_at, recorded_at) SELECT id, plan, ${sqlInt(ctx.now)}, ${sqlInt(ctx.now)} FROM customers WHERE id = ${id}`,
          `INSERT INTO change_events (entity, entity_id, payload, happened_at, recorded_at)
SELECT 'customer', id, jsonb_build_object('id', id, 'name', name, 'plan', plan), ${sqlInt(ctx.now)}, ${sqlInt(ctx.now)} FROM customers WHERE id = ${id}
RETURNING ${EVENT_COLUMNS}`,
        ]),
      );
      const events = returnedRows(result).map(eventOf);
      const plan = (JSON.parse(events[0]?.payload ?? '{}') as { plan?: string }).plan;
      if (plan === 'basic' || plan === 'premium') {
        ctx.fact({ kind: 'plan-changed', customerId: m.customerId, from: plan === 'basic' ? 'premium' : 'basic', to: plan, at: ctx.now });
        ctx.note(`customer ${m.customerId} moves to ${plan}`);
      }
      ship(ctx, events);
    },
    'ship-late'(ctx, m) {
      ctx.send('warehouse', { type: 'load', holds: `${describe(m.events)}, late`, events: m.events });
    },
    async truth(ctx, m) {
      const truth = planCountsOf(rowsOf(await ctx.sql(truthSql(m.asOf))), 'tickets');
      ctx.send('warehouse', { type: 'truth-is', run: m.run, truth });
    },
  },
};
