/** What the coordinator and the banks say to each other. */
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

/** Quotes a value as a SQL string literal; the statements are shown to the reader as they ran. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
