/**
 * Pattern 2, orchestrated and request-based. The Ticket service acts as the orchestrator: it stores a new
 * ticket as `pending`, calls the Customer service, and opens the ticket once the call is answered.
 *
 * The choice when the Customer service does not answer: three tries with a doubling timeout, then the
 * ticket is refused, because this pattern promises the reader that an open ticket is always counted. A call
 * that timed out may still have been applied (the answer, not the call, may be what got lost), so refusing
 * also owes a compensating call, "this ticket is not open", which the service retries until it is answered.
 * Closing a ticket is never refused; its call is retried the same way.
 */
import type { QueryResult } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import customersSql from './customers.sql?raw';
import { customersDown } from './faults.ts';
import { recordCount, recordTicket } from './facts.ts';
import type { CallTimeout, EventualConsistency, SetTicketState, TicketStateSet } from './messages.ts';
import rqCustomersSql from './rq-customers.sql?raw';
import rqTicketsSql from './rq-tickets.sql?raw';
import { CALL_TIMEOUT_MS, CREATE_TRIES, MAX_RETRY_WAIT_MS } from './settings.ts';
import { countsView, customerRows, ticketsView } from './views.ts';

type Ctx = LabContext<EventualConsistency, 'rq-tickets', null>;

interface Call {
  readonly ticketId: string;
  readonly customerId: string;
  readonly version: number;
  readonly open: boolean;
  readonly attempts: number;
}

function timeoutFor(attempt: number): number {
  return Math.min(MAX_RETRY_WAIT_MS, CALL_TIMEOUT_MS * 2 ** (attempt - 1));
}

function send(ctx: Ctx, call: Call) {
  const message: SetTicketState = {
    type: 'set-ticket-state',
    ticketId: call.ticketId,
    customerId: call.customerId,
    open: call.open,
    version: call.version,
    attempt: call.attempts,
  };
  if (call.attempts > 1) ctx.fact({ kind: 'call-retried', ticket: call.ticketId, version: call.version, attempt: call.attempts });
  ctx.send('rq-customers', message);
  const timer: CallTimeout = { type: 'call-timeout', ticketId: call.ticketId, version: call.version, attempt: call.attempts };
  ctx.setTimer(timeoutFor(call.attempts), timer, { retry: true });
}

function callSql(call: Call): string {
  return `INSERT INTO customer_calls (ticket_id, version, customer_id, open, attempts, state) VALUES (${sqlText(call.ticketId)}, ${sqlInt(call.version)}, ${sqlText(call.customerId)}, ${call.open ? 'true' : 'false'}, 1, 'waiting')`;
}

async function waitingCall(ctx: Ctx, ticketId: string, version: number): Promise<Call | undefined> {
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT customer_id, open, attempts FROM customer_calls WHERE ticket_id = ${sqlText(ticketId)} AND version = ${sqlInt(version)} AND state = 'waiting'`,
    ),
  );
  if (!row) return undefined;
  return { ticketId, version, customerId: String(row['customer_id']), open: row['open'] === true, attempts: Number(row['attempts']) };
}

async function openTicket(ctx: Ctx, ticketId: string, customerId: string) {
  ctx.fact({ kind: 'requested', ticket: ticketId, customer: customerId });
  const call: Call = { ticketId, customerId, version: 1, open: true, attempts: 1 };
  const result = await ctx.sql(
    transaction([
      `INSERT INTO tickets (id, customer_id, status, requested_at) VALUES (${sqlText(ticketId)}, ${sqlText(customerId)}, 'pending', ${sqlInt(ctx.now)})`,
      callSql(call),
    ]),
  );
  if (result.ok) send(ctx, call);
}

async function closeTicket(ctx: Ctx, ticketId: string) {
  const [row] = rowsOf(
    await ctx.sql(
      `SELECT t.customer_id, (SELECT max(version) FROM customer_calls c WHERE c.ticket_id = t.id) AS version FROM tickets t WHERE t.id = ${sqlText(ticketId)} AND t.status = 'open'`,
    ),
  );
  if (!row) {
    ctx.note(`${ticketId} is not open here, so there is nothing to close`);
    return;
  }
  const call: Call = { ticketId, customerId: String(row['customer_id']), version: Number(row['version']) + 1, open: false, attempts: 1 };
  const result = await ctx.sql(
    transaction([`UPDATE tickets SET status = 'closed', closed_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(ticketId)}`, callSql(call)]),
  );
  if (!result.ok) return;
  recordTicket(ctx, ticketId, call.customerId, 'closed');
  send(ctx, call);
}

async function onAnswer(ctx: Ctx, answer: TicketStateSet) {
  const call = await waitingCall(ctx, answer.ticketId, answer.version);
  if (!call) return;
  const statements = [
    `UPDATE customer_calls SET state = 'answered' WHERE ticket_id = ${sqlText(call.ticketId)} AND version = ${sqlInt(call.version)}`,
  ];
  const opens = call.version === 1;
  if (opens)
    statements.push(
      `UPDATE tickets SET status = 'open', decided_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(call.ticketId)} AND status = 'pending'`,
    );
  const result = await ctx.sql(transaction(statements));
  if (result.ok && opens) recordTicket(ctx, call.ticketId, call.customerId, 'open');
}

async function onTimeout(ctx: Ctx, timer: CallTimeout) {
  const call = await waitingCall(ctx, timer.ticketId, timer.version);
  if (call?.attempts !== timer.attempt) return;
  if (call.version === 1 && call.attempts >= CREATE_TRIES) return refuse(ctx, call);
  const again = { ...call, attempts: call.attempts + 1 };
  await ctx.sql(
    `UPDATE customer_calls SET attempts = ${sqlInt(again.attempts)} WHERE ticket_id = ${sqlText(call.ticketId)} AND version = ${sqlInt(call.version)}`,
  );
  send(ctx, again);
}

/** No answer after every try: refuse the ticket, and owe the Customer service a call that undoes the first. */
async function refuse(ctx: Ctx, call: Call) {
  const undo: Call = { ...call, version: 2, open: false, attempts: 1 };
  const result = await ctx.sql(
    transaction([
      `UPDATE tickets SET status = 'refused', decided_at = ${sqlInt(ctx.now)} WHERE id = ${sqlText(call.ticketId)} AND status = 'pending'`,
      `UPDATE customer_calls SET state = 'given up' WHERE ticket_id = ${sqlText(call.ticketId)} AND version = 1`,
      callSql(undo),
    ]),
  );
  if (!result.ok) return;
  recordTicket(ctx, call.ticketId, call.customerId, 'refused');
  send(ctx, undo);
}

/** After a restart: every call still waiting is sent again, and its timer set again. */
async function resumeCalls(ctx: Ctx) {
  const waiting = rowsOf(
    await ctx.sql(`SELECT ticket_id, version FROM customer_calls WHERE state = 'waiting' ORDER BY ticket_id, version`),
  );
  for (const row of waiting) {
    const call = await waitingCall(ctx, String(row['ticket_id']), Number(row['version']));
    if (call) send(ctx, call);
  }
}

export const requestTickets: ServiceSpec<EventualConsistency, 'rq-tickets', null> = {
  label: '2 · Ticket service, orchestrating (Postgres)',
  role: 'Pattern 2: stores the ticket, calls the Customer service, refuses the ticket if no answer comes',
  database: { kind: 'postgres', setupSql: rqTicketsSql },
  tables: [
    ticketsView('tickets'),
    {
      title: 'customer_calls still waiting',
      sql: "SELECT ticket_id, version, open, attempts FROM customer_calls WHERE state = 'waiting' ORDER BY ticket_id, version",
    },
  ],
  initialState: () => null,
  on: {
    'open-ticket': (ctx, { ticketId, customerId }) => openTicket(ctx, ticketId, customerId),
    'close-ticket': (ctx, { ticketId }) => closeTicket(ctx, ticketId),
    'ticket-state-set': onAnswer,
    'call-timeout': onTimeout,
  },
  recover: resumeCalls,
};

/** A customer's count as stored now (handlers run to completion, so nothing changed it since the commit). */
export async function countOf(ctx: { readonly sql: (text: string) => Promise<QueryResult> }, customerId: string): Promise<number> {
  const [row] = rowsOf(await ctx.sql(`SELECT open_tickets FROM customers WHERE id = ${sqlText(customerId)}`));
  return Number(row?.['open_tickets'] ?? 0);
}

/** The Customer service: applies a call if it is newer than what it has, and answers either way. */
async function setState(ctx: LabContext<EventualConsistency, 'rq-customers', null>, call: SetTicketState) {
  const [known] = rowsOf(await ctx.sql(`SELECT open, version FROM ticket_states WHERE ticket_id = ${sqlText(call.ticketId)}`));
  const answer: TicketStateSet = { type: 'ticket-state-set', ticketId: call.ticketId, version: call.version };
  if (Number(known?.['version'] ?? 0) >= call.version) {
    ctx.send('rq-tickets', answer);
    return;
  }
  const wasOpen = known ? Number(known['open']) : 0;
  const delta = (call.open ? 1 : 0) - wasOpen;
  const result = await ctx.sql(
    transaction([
      `INSERT INTO ticket_states (ticket_id, customer_id, open, version) VALUES (${sqlText(call.ticketId)}, ${sqlText(call.customerId)}, ${call.open ? 1 : 0}, ${sqlInt(call.version)})
ON CONFLICT (ticket_id) DO UPDATE SET open = excluded.open, version = excluded.version`,
      `UPDATE customers SET open_tickets = open_tickets + ${sqlInt(delta)} WHERE id = ${sqlText(call.customerId)}`,
    ]),
  );
  if (!result.ok) return;
  if (delta !== 0) recordCount(ctx, call.customerId, await countOf(ctx, call.customerId), `${call.ticketId} v${call.version}`);
  ctx.send('rq-tickets', answer);
}

export const requestCustomers: ServiceSpec<EventualConsistency, 'rq-customers', null> = {
  label: '2 · Customer service (SQLite)',
  role: 'Pattern 2: answers calls; a call newer than what it knows changes the count',
  database: { kind: 'sqlite', setupSql: `${customersSql}\n${rqCustomersSql}\nINSERT INTO customers (id, name) VALUES ${customerRows};` },
  tables: [countsView],
  initialState: () => null,
  on: {
    async 'set-ticket-state'(ctx, call) {
      if (customersDown((id) => ctx.isFaultOn(id), 'request')) return ctx.crash('the Customer service went down');
      await setState(ctx, call);
    },
  },
};
