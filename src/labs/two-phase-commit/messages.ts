/** What the coordinator and the banks say to each other, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

export type BankName = 'bank-a' | 'bank-b';
export const BANKS: readonly BankName[] = ['bank-a', 'bank-b'];

export type Decision = 'commit' | 'abort';

export type TransferRequest = {
  readonly type: 'transfer';
  readonly from: string;
  readonly to: string;
  readonly amount: number;
};

/** Asks a bank to apply `delta` to `account` inside a prepared transaction named `gid`. */
export type Prepare = {
  readonly type: 'prepare';
  readonly gid: string;
  readonly account: string;
  readonly delta: number;
  /** Set on the copy a slow bank hands back to itself once it gets round to it. */
  readonly late?: boolean;
};

export type Vote = {
  readonly type: 'vote';
  readonly gid: string;
  readonly bank: BankName;
  readonly vote: 'yes' | 'no';
  readonly reason?: string;
};

export type Outcome = {
  readonly type: 'commit' | 'rollback';
  readonly gid: string;
};

export type Ack = {
  readonly type: 'ack';
  readonly gid: string;
  readonly bank: BankName;
};

/** The coordinator's own reminders to itself. */
export type VoteTimeout = { readonly type: 'vote-timeout'; readonly gid: string };
/** `attempt` counts resends of one decision, for the backoff between them. */
export type Resend = { readonly type: 'resend'; readonly gid: string; readonly attempt: number };

export type FaultId =
  'bank-b-votes-no' | 'coordinator-crash-after-prepare' | 'coordinator-crash-after-decision' | 'bank-b-slow' | 'partition-bank-b';

/** What a bank records for the lock-hold measure: when it took a transfer's locks and when it let them go. */
export type BankFact =
  | { readonly kind: 'prepared'; readonly gid: string }
  | { readonly kind: 'finished'; readonly gid: string; readonly outcome: 'commit' | 'rollback' };

export interface TwoPhaseCommit extends LabTypes {
  readonly inbox: {
    readonly coordinator: TransferRequest | Vote | Ack | VoteTimeout | Resend;
    readonly 'bank-a': Prepare | Outcome;
    readonly 'bank-b': Prepare | Outcome;
  };
  readonly faults: FaultId;
  readonly facts: BankFact;
}

/** Quotes a value as a SQL string literal; the statements are shown to the reader as they ran. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
