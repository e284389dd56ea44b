/** What the help desk asks of every ticket service, and what pattern 2's services say to each other. */
import type { Message } from '../sim/types.ts';

export interface OpenTicket extends Message {
  readonly type: 'open-ticket';
  readonly ticketId: string;
  readonly customerId: string;
}

export interface CloseTicket extends Message {
  readonly type: 'close-ticket';
  readonly ticketId: string;
}

/** Pattern 2's call: "ticket T of customer C is (not) open, as of version v". Idempotent by version. */
export interface SetTicketState extends Message {
  readonly type: 'set-ticket-state';
  readonly ticketId: string;
  readonly customerId: string;
  readonly open: boolean;
  readonly version: number;
  readonly attempt: number;
}

export interface TicketStateSet extends Message {
  readonly type: 'ticket-state-set';
  readonly ticketId: string;
  readonly version: number;
}

/** Pattern 3's events on the `tickets` topic. */
export interface TicketEvent extends Message {
  readonly type: 'ticket-opened' | 'ticket-closed';
  readonly ticketId: string;
  readonly customerId: string;
}

export function isOpenTicket(m: Message): m is OpenTicket {
  return m.type === 'open-ticket' && typeof m['ticketId'] === 'string' && typeof m['customerId'] === 'string';
}

export function isCloseTicket(m: Message): m is CloseTicket {
  return m.type === 'close-ticket' && typeof m['ticketId'] === 'string';
}
