/**
 * The account aggregate: its state is a left fold over its events, and a command is decided on that state.
 * Pure functions; the service loads the events and appends what `decide` returns.
 */
import type { AccountEvent } from './event-shapes.ts';
import type { Command } from './messages.ts';

export interface Account {
  readonly stream: string;
  /** The version of the last event folded in: a command decided on this state appends version + 1. */
  readonly version: number;
  readonly open: boolean;
  readonly balanceCents: number;
  /** How far below zero the balance may go. */
  readonly overdraftCents: number;
}

export const emptyAccount = (stream: string): Account => ({ stream, version: 0, open: false, balanceCents: 0, overdraftCents: 0 });

/** One event's effect on the state, ignoring versions (the caller checks them). */
export function evolve(state: Account, event: AccountEvent, version: number): Account {
  switch (event.type) {
    case 'opened':
      return { ...state, version, open: true };
    case 'deposited':
      return { ...state, version, balanceCents: state.balanceCents + event.cents };
    case 'withdrawn':
      return { ...state, version, balanceCents: state.balanceCents - event.cents };
    case 'overdraft-limit-set':
      return { ...state, version, overdraftCents: event.cents };
  }
}

/** A fold that meets an event out of turn stops: a gap or a repeat means it is not folding this stream's history. */
export class OutOfTurn extends Error {}

export function apply(state: Account, event: AccountEvent, version: number): Account {
  if (version !== state.version + 1) throw new OutOfTurn(`${state.stream}: expected version ${state.version + 1}, read ${version}`);
  return evolve(state, event, version);
}

export type Decision = { readonly ok: true; readonly events: readonly AccountEvent[] } | { readonly ok: false; readonly reason: string };

const euros = (cents: number) => (cents / 100).toFixed(2);

/** The business rules: an account opens once; money moves only on an open account; no withdrawal beyond the overdraft. */
export function decide(state: Account, command: Command): Decision {
  switch (command.kind) {
    case 'open':
      if (state.open) return { ok: false, reason: 'already open' };
      return {
        ok: true,
        events: [{ type: 'opened' }, ...(command.cents > 0 ? [{ type: 'deposited', cents: command.cents } as const] : [])],
      };
    case 'deposit':
      if (!state.open) return { ok: false, reason: 'no such account' };
      return { ok: true, events: [{ type: 'deposited', cents: command.cents }] };
    case 'withdraw':
      if (!state.open) return { ok: false, reason: 'no such account' };
      if (state.balanceCents - command.cents < -state.overdraftCents)
        return { ok: false, reason: `insufficient funds: balance ${euros(state.balanceCents)}, asked ${euros(command.cents)}` };
      return { ok: true, events: [{ type: 'withdrawn', cents: command.cents }] };
  }
}

/** A snapshot's JSON: the state without the stream, which is the row's key. */
export function snapshotJson(state: Account): string {
  return JSON.stringify({ open: state.open, balance_cents: state.balanceCents, overdraft_cents: state.overdraftCents });
}

export function fromSnapshot(stream: string, version: number, json: string): Account {
  const s = JSON.parse(json) as { open: boolean; balance_cents: number; overdraft_cents: number };
  return { stream, version, open: s.open, balanceCents: s.balance_cents, overdraftCents: s.overdraft_cents };
}
