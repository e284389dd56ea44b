/** The order, the topics, and what travels on them. */
import type { ServiceName } from '../sim/types.ts';

export type Card = 'good' | 'expired';
export type Region = 'mainland' | 'islands';

/** What a customer asks for. The shop fixes the price, so the amount is not the customer's to choose. */
export type OrderRequest = {
  readonly sku: string;
  readonly qty: number;
  readonly card: Card;
  readonly region: Region;
};

/** An order as every service sees it: each event carries it whole, so no service has to ask another. */
export type OrderData = OrderRequest & { readonly orderId: string; readonly amount: number };

export const PRICES: Readonly<Record<string, number>> = { kettle: 30, lamp: 45 };
export const INITIAL_STOCK: Readonly<Record<string, number>> = { kettle: 20, lamp: 12 };

export function priced(orderId: string, request: OrderRequest): OrderData {
  return { ...request, orderId, amount: request.qty * (PRICES[request.sku] ?? 0) };
}

/** Orchestrated order ids start with `orch-`, choreographed ones with `chor-`, so both modes share the tables. */
export type Mode = 'orchestrated' | 'choreographed';
export const ID_PREFIX: Readonly<Record<Mode, string>> = { orchestrated: 'orch-', choreographed: 'chor-' };

export function modeOf(orderId: string): Mode {
  return orderId.startsWith(ID_PREFIX.orchestrated) ? 'orchestrated' : 'choreographed';
}

/**
 * Variants of the protocol. The defaults are the correct saga; the others are broken on purpose so the
 * tests can show that the invariants catch them.
 */
export interface SagaVariant {
  /** `before-commit`: a service announces its outcome before its local transaction commits. */
  readonly publish: 'after-commit' | 'before-commit';
  /** `oldest-first`: compensations run in the order the steps ran, instead of newest first. */
  readonly undoOrder: 'newest-first' | 'oldest-first';
}

export const CORRECT: SagaVariant = { publish: 'after-commit', undoOrder: 'newest-first' };

export type Participant = 'orders' | 'inventory' | 'payments' | 'shipping';
export const PARTICIPANTS: readonly Participant[] = ['orders', 'inventory', 'payments', 'shipping'];

/** Orchestrated mode: commands to each participant, replies to the orchestrator. */
export const commandTopic = (service: Participant) => `${service}-commands`;
export const REPLY_TOPIC = 'saga-replies';
/** Choreographed mode: each participant announces what it did on its own topic. */
export const eventTopic = (service: Participant) => `${service}-events`;

/** A command from the orchestrator: run `type` (a step or its compensation) for one order. */
export type Command = {
  readonly type: string;
  readonly step: string;
  readonly kind: 'do' | 'undo';
  readonly order: OrderData;
};

export type Outcome = 'done' | 'failed';

export type Reply = {
  readonly type: 'reply';
  readonly step: string;
  readonly kind: 'do' | 'undo';
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly order: OrderData;
};

/** A domain event in choreographed mode, e.g. `stock-reserved`. */
export type SagaEvent = {
  readonly type: string;
  readonly order: OrderData;
  readonly reason?: string;
};

export const ORCHESTRATOR: ServiceName = 'orchestrator';
