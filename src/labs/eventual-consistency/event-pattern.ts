/**
 * Pattern 3, event-based. The Ticket service commits the ticket and a `ticket-opened` record in its outbox
 * in one local transaction; its relay then publishes the outbox through the broker. The Customer service
 * consumes the `tickets` topic and changes the count in one local transaction with the event's key and its
 * position, so neither a redelivery nor a second copy of the event is counted twice.
 */
import { BROKER_CLIENT_SCHEMA, ack, alreadyProcessed, flushOutbox, outboxSql, positionSql, resumeTopics } from '../kit/broker-client.ts';
import type { Delivery, Publication } from '../kit/broker-protocol.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import customersSql from './customers.sql?raw';
import evCustomersSql from './ev-customers.sql?raw';
import evTicketsSql from './ev-tickets.sql?raw';
import { customersDown } from './faults.ts';
import { recordCount, recordTicket } from './facts.ts';
import type { EventualConsistency, TicketEvent } from './messages.ts';
import { countOf } from './request-pattern.ts';
import { countsView, customerRows, ticketsView } from './views.ts';

type Ctx = LabContext<EventualConsistency, 'ev-tickets', null>;
type ConsumerCtx = LabContext<EventualConsistency, 'ev-customers', null>;

function event(type: TicketEvent['type'], ticketId: string, customerId: string, now: number): string {
  const record: Publication<EventualConsistency> = { topic: 'tickets', key: ticketId, event: { type, ticketId, customerId } };
  return outboxSql(record, now);
}

/** The relay: publishes what the outbox holds, unless the fault kills the service first. */
async function relay(ctx: Ctx) {
  if (ctx.isFaultOn('ev-tickets-crash-before-relay')) return ctx.crash('crashed after the commit, before the relay published');
  await flushOutbox(ctx);
}

async function openTicket(ctx: Ctx, ticketId: string, customerId: string) {
  ctx.fact({ kind: 'requested', ticket: ticketId, customer: customerId });
  const result = await ctx.sql(
    transaction([
      `INSERT INTO tickets (id, customer_id, status, opened_at) VALUES (${sqlText(ticketId)}, ${sqlText(customerId)}, 'open', ${sqlInt(ctx.now)})`,
      event('ticket-opened', ticketId, customerId, ctx.now),
    ]),
  );
  if (!result.ok) return;
  recordTicket(ctx, ticketId, customerId, 'open');
  await relay(ctx);
}

async function closeTicket(ctx: Ctx, ticketId: string) {
  const [row] = rowsOf(await ctx.sql(`SELECT customer_id FROM tickets WHERE id = ${sqlText(ticketId)} AND status = 'open'`));
  if (!row) return;
  const customerId = String(row['customer_id']);
  const result = await ctx.sql(
    transaction([
      `UPDATE tickets SET status = 'closed', closed_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(ticketId)}`,
      event('ticket-closed', ticketId, customerId, ctx.now),
    ]),
  );
  if (!result.ok) return;
  recordTicket(ctx, ticketId, customerId, 'closed');
  await relay(ctx);
}

export const eventTickets: ServiceSpec<EventualConsistency, 'ev-tickets', null> = {
  label: '3 · Ticket service with outbox (Postgres)',
  role: 'Pattern 3: commits the ticket and its event together; a relay publishes the event',
  database: { kind: 'postgres', setupSql: `${evTicketsSql}\n${BROKER_CLIENT_SCHEMA}` },
  tables: [
    ticketsView('tickets'),
    { title: 'outbox (not yet sent)', sql: 'SELECT id, type, key FROM outbox WHERE sent_at IS NULL ORDER BY id' },
  ],
  initialState: () => null,
  on: {
    'open-ticket': (ctx, { ticketId, customerId }) => openTicket(ctx, ticketId, customerId),
    'close-ticket': (ctx, { ticketId }) => closeTicket(ctx, ticketId),
  },
  /** Whatever the outbox still holds was committed and never published: the relay sends it now. */
  async recover(ctx) {
    await flushOutbox(ctx);
  },
};

export interface ConsumerOptions {
  /** Off only in the negative control: no key is written or checked, so a second copy counts twice. */
  readonly idempotency: boolean;
}

async function processed(ctx: ConsumerCtx, key: string): Promise<boolean> {
  return rowsOf(await ctx.sql(`SELECT 1 AS seen FROM processed_keys WHERE key = ${sqlText(key)}`)).length > 0;
}

/**
 * How much an event changes the count. With keys, the two events of one ticket may arrive in either order:
 * separate publishes travel separately, so a close can overtake its open. A close whose open has not been
 * applied changes nothing, and that open, when it comes, changes nothing either.
 */
async function deltaOf(ctx: ConsumerCtx, ticket: TicketEvent, options: ConsumerOptions): Promise<number> {
  const opened = ticket.type === 'ticket-opened';
  if (!options.idempotency) return opened ? 1 : -1;
  const otherHalf = await processed(ctx, `${opened ? 'ticket-closed' : 'ticket-opened'}:${ticket.ticketId}`);
  if (opened) return otherHalf ? 0 : 1;
  return otherHalf ? -1 : 0;
}

async function consume(ctx: ConsumerCtx, delivery: Delivery<TicketEvent>, options: ConsumerOptions) {
  if (await alreadyProcessed(ctx, delivery.topic, delivery.seq)) return ack(ctx, delivery);
  const ticket = delivery.event;
  const key = `${ticket.type}:${ticket.ticketId}`;
  if (options.idempotency && (await processed(ctx, key))) {
    await ctx.sql(positionSql(delivery.topic, delivery.seq));
    ctx.note(`skipped a second copy of ${ticket.type} for ${ticket.ticketId}`);
    ctx.fact({ kind: 'copy-skipped', ticket: ticket.ticketId });
    return ack(ctx, delivery);
  }
  const delta = await deltaOf(ctx, ticket, options);
  const result = await ctx.sql(
    transaction([
      ...(options.idempotency ? [`INSERT INTO processed_keys (key, processed_at) VALUES (${sqlText(key)}, ${sqlInt(ctx.now)})`] : []),
      `UPDATE customers SET open_tickets = open_tickets + ${sqlInt(delta)} WHERE id = ${sqlText(ticket.customerId)}`,
      positionSql(delivery.topic, delivery.seq),
    ]),
  );
  if (!result.ok) return;
  if (delta === 0) ctx.note(`${ticket.type} for ${ticket.ticketId} arrived out of order: the count stays`);
  else recordCount(ctx, ticket.customerId, await countOf(ctx, ticket.customerId), `${ticket.type} ${ticket.ticketId}`);
  ack(ctx, delivery);
}

export function eventCustomers(options: ConsumerOptions): ServiceSpec<EventualConsistency, 'ev-customers', null> {
  async function handle(ctx: ConsumerCtx, delivery: Delivery<TicketEvent>) {
    if (customersDown((id) => ctx.isFaultOn(id), 'events')) return ctx.crash('the Customer service went down');
    await consume(ctx, delivery, options);
  }
  return {
    label: '3 · Customer service, consuming (SQLite)',
    role: 'Pattern 3: applies each ticket event once, keyed, with its position in the topic',
    database: {
      kind: 'sqlite',
      setupSql: `${customersSql}\n${evCustomersSql}\n${BROKER_CLIENT_SCHEMA}\nINSERT INTO customers (id, name) VALUES ${customerRows};`,
    },
    tables: [countsView, { title: 'consumer_offsets', sql: 'SELECT topic, last_seq FROM consumer_offsets ORDER BY topic' }],
    initialState: () => null,
    on: { 'ticket-opened': handle, 'ticket-closed': handle },
    recover: (ctx) => resumeTopics(ctx, ['tickets']),
  };
}
