/**
 * Pattern 3, event-based. The Ticket service commits the ticket and a `ticket-opened` record in its outbox
 * in one local transaction; its relay then publishes the outbox through the broker. The Customer service
 * consumes the `tickets` topic and changes the count in one local transaction with the event's key and its
 * position, so neither a redelivery nor a second copy of the event is counted twice.
 */
import { ack, alreadyProcessed, flushOutbox, outboxSql, positionSql, resumeTopics } from '../kit/broker-client.ts';
import { isDelivery, type Delivery } from '../kit/broker-protocol.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { customersDown, FAULT } from './faults.ts';
import { noteCount, noteTicket } from './facts.ts';
import { isCloseTicket, isOpenTicket, type TicketEvent } from './messages.ts';
import { countOf } from './request-pattern.ts';
import { TICKETS_TOPIC } from './settings.ts';

type Ctx = ServiceContext<null>;

function event(type: TicketEvent['type'], ticketId: string, customerId: string, now: number): string {
  const record: TicketEvent = { type, ticketId, customerId };
  return outboxSql({ topic: TICKETS_TOPIC, key: ticketId, event: record }, now);
}

/** The relay: publishes what the outbox holds, unless the fault kills the service first. */
async function relay(ctx: Ctx) {
  if (ctx.isFaultOn(FAULT.relayCrash)) return ctx.crash('crashed after the commit, before the relay published');
  await flushOutbox(ctx);
}

async function openTicket(ctx: Ctx, ticketId: string, customerId: string) {
  const result = await ctx.sql(
    transaction([
      `INSERT INTO tickets (id, customer_id, status, opened_at) VALUES (${sqlText(ticketId)}, ${sqlText(customerId)}, 'open', ${sqlInt(ctx.now)})`,
      event('ticket-opened', ticketId, customerId, ctx.now),
    ]),
  );
  if (!result.ok) return;
  noteTicket(ctx, ticketId, customerId, 'open');
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
  noteTicket(ctx, ticketId, customerId, 'closed');
  await relay(ctx);
}

export const eventTickets: ServiceBehaviour<null> = {
  initialState: () => null,
  async handle(ctx, message) {
    if (isOpenTicket(message)) return openTicket(ctx, message.ticketId, message.customerId);
    if (isCloseTicket(message)) return closeTicket(ctx, message.ticketId);
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

async function processed(ctx: Ctx, key: string): Promise<boolean> {
  return rowsOf(await ctx.sql(`SELECT 1 AS seen FROM processed_keys WHERE key = ${sqlText(key)}`)).length > 0;
}

/**
 * How much an event changes the count. With keys, the two events of one ticket may arrive in either order:
 * separate publishes travel separately, so a close can overtake its open. A close whose open has not been
 * applied changes nothing, and that open, when it comes, changes nothing either.
 */
async function deltaOf(ctx: Ctx, ticket: TicketEvent, options: ConsumerOptions): Promise<number> {
  const opened = ticket.type === 'ticket-opened';
  if (!options.idempotency) return opened ? 1 : -1;
  const otherHalf = await processed(ctx, `${opened ? 'ticket-closed' : 'ticket-opened'}:${ticket.ticketId}`);
  if (opened) return otherHalf ? 0 : 1;
  return otherHalf ? -1 : 0;
}

async function consume(ctx: Ctx, delivery: Delivery, options: ConsumerOptions) {
  if (await alreadyProcessed(ctx, delivery.topic, delivery.seq)) return ack(ctx, delivery);
  const ticket = delivery.event as TicketEvent;
  const key = `${ticket.type}:${ticket.ticketId}`;
  if (options.idempotency && (await processed(ctx, key))) {
    await ctx.sql(positionSql(delivery.topic, delivery.seq));
    ctx.note(`skipped a second copy of ${ticket.type} for ${ticket.ticketId}`);
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
  else noteCount(ctx, ticket.customerId, await countOf(ctx, ticket.customerId), `${ticket.type} ${ticket.ticketId}`);
  ack(ctx, delivery);
}

export function eventCustomers(options: ConsumerOptions): ServiceBehaviour<null> {
  return {
    initialState: () => null,
    async handle(ctx, message) {
      if (!isDelivery(message)) return;
      if (customersDown((id) => ctx.isFaultOn(id), 'events')) return ctx.crash('the Customer service went down');
      await consume(ctx, message, options);
    },
    recover: (ctx) => resumeTopics(ctx, [TICKETS_TOPIC]),
  };
}
