/** What the services of the event-sourcing lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { Account } from './account.ts';
import type { AccountEvent } from './event-shapes.ts';

export type CommandKind = 'open' | 'deposit' | 'withdraw';

/** A command to one account: what a teller asks the account service to do. */
export interface Command {
  readonly id: string;
  readonly stream: string;
  readonly kind: CommandKind;
  readonly cents: number;
}

/** An event as the store holds it: `data` is the JSON the writing release produced, in its own shape. */
export interface StoredEvent {
  readonly position: number;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  /** 1: the old release's shape; 2: the current one. */
  readonly schema: number;
  readonly recordedAt: string;
}

// To the account service (the event store's owner).
export type HandleCommand = { readonly type: 'command'; readonly command: Command; readonly attempt: number };
/** The risk check has passed: append what was decided on `expected`, the version the command was decided on. */
export type RiskCleared = {
  readonly type: 'risk-cleared';
  readonly expected: number;
  readonly command: Command;
  readonly attempt: number;
  /** The state the command was decided on, and what it decided: the events to append. */
  readonly before: Account;
  readonly events: readonly AccountEvent[];
};
export type LoadHistory = { readonly type: 'load-history' };
export type LoadBusyAccount = { readonly type: 'load-busy-account' };
export type TimeReplays = { readonly type: 'time-replays' };
export type Fetch = { readonly type: 'fetch'; readonly after: number; readonly fetchId: number };

// To the projector (SQLite).
export type Appended = { readonly type: 'appended'; readonly position: number };
export type Batch = {
  readonly type: 'batch';
  /** First, so that the timeline shows it: "positions 1–250", "nothing new". */
  readonly holds: string;
  readonly fetchId: number;
  /** The position the batch follows: it is of use only to a projection whose checkpoint is there or later. */
  readonly after: number;
  readonly events: readonly StoredEvent[];
  /** The newest position in the store when the batch was read. */
  readonly head: number;
};
export type AddDailyTotals = { readonly type: 'add-daily-totals' };
export type ReplaySummary = { readonly type: 'replay-summary' };
export type RestartProjector = { readonly type: 'restart-projector'; readonly run: number };

// To the tellers.
export type Send = { readonly type: 'send'; readonly stream: string; readonly kind: CommandKind; readonly cents: number };
export type Race = { readonly type: 'race' };
export type Rush = { readonly type: 'rush' };
export type Later = { readonly type: 'later'; readonly command: Command };
export type Outcome = { readonly type: 'outcome'; readonly commandId: string; readonly text: string };

export type FaultId = 'old-release' | 'slow-risk-check' | 'projector-crash';

/** What the services record for the measures. */
export type EsFact =
  | { readonly kind: 'decided'; readonly commandId: string; readonly stream: string; readonly onVersion: number; readonly attempt: number }
  | { readonly kind: 'rejected'; readonly commandId: string; readonly stream: string; readonly reason: string }
  | {
      readonly kind: 'appended';
      readonly commandId: string;
      readonly stream: string;
      /** The versions the command's events took: first and last. */
      readonly firstVersion: number;
      readonly version: number;
      readonly position: number;
      readonly attempt: number;
    }
  | {
      readonly kind: 'conflict';
      readonly commandId: string;
      readonly stream: string;
      readonly expected: number;
      readonly code: string;
      readonly attempt: number;
    }
  | { readonly kind: 'gave-up'; readonly commandId: string; readonly stream: string }
  | { readonly kind: 'loaded'; readonly stream: string; readonly fromSnapshot: number; readonly eventsRead: number }
  | { readonly kind: 'history-loaded'; readonly events: number; readonly snapshots: number; readonly head: number }
  | {
      readonly kind: 'replay-timed';
      readonly stream: string;
      readonly length: number;
      readonly fullRead: number;
      readonly fullMs: number;
      readonly snapshotRead: number;
      readonly snapshotMs: number;
      readonly same: boolean;
    }
  | {
      readonly kind: 'storage';
      readonly events: number;
      readonly accounts: number;
      readonly snapshots: number;
      readonly eventsBytes: number;
      readonly snapshotsBytes: number;
      readonly stateBytes: number;
    }
  | {
      readonly kind: 'projected';
      readonly projection: string;
      readonly from: number;
      readonly to: number;
      readonly events: number;
      readonly engineMs: number;
    }
  | { readonly kind: 'projection-started'; readonly projection: string; readonly head: number }
  | { readonly kind: 'switched'; readonly from: string; readonly to: string }
  | { readonly kind: 'projector-crashed' };

export interface EventSourcing extends LabTypes {
  readonly inbox: {
    readonly tellers: Send | Race | Rush | Later | Outcome;
    readonly accounts: HandleCommand | RiskCleared | LoadHistory | LoadBusyAccount | TimeReplays | Fetch;
    readonly projector: Appended | Batch | AddDailyTotals | ReplaySummary | RestartProjector;
  };
  readonly faults: FaultId;
  readonly facts: EsFact;
}
