/** What the services of the personal-data lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

/**
 * The two ways the lab keeps a customer's contact details outside the customer service, side by side in every
 * run: `clear` copies hold the email and phone as they are; `sealed` copies hold them encrypted with the
 * customer's own key, which only the key service keeps.
 */
export const SCHEMES = ['clear', 'sealed'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const SCHEME_LABEL: Readonly<Record<Scheme, string>> = {
  clear: 'Delete every copy',
  sealed: 'Crypto-shredding: destroy the key',
};

/**
 * Every place a customer's contact details can end up. `campaign-export` is the copy a team adds without
 * telling anyone (the `undeclared-copy` fault): no catalog lists it.
 */
export const COPIES = ['source', 'event-log', 'backup', 'orders', 'analytics', 'campaign-export'] as const;
export type CopyName = (typeof COPIES)[number];

export interface Contact {
  readonly email: string;
  readonly phone: string;
}

// To the customer service.
export type RunWorkload = { readonly type: 'run-workload' };
export type SignUp = { readonly type: 'sign-up' };
export type TakeBackup = { readonly type: 'take-backup' };
/** The reader's "erase": the next customer who asks to be forgotten. */
export type EraseNext = { readonly type: 'erase-next' };
export type RetryErasure = { readonly type: 'retry-erasure'; readonly customerId: string; readonly attempt: number };
export type Probe = { readonly type: 'probe' };
/** The key service's answer to `seal`: the contact details encrypted with the customer's key, as hex. */
export type Sealed = { readonly type: 'sealed'; readonly customerId: string; readonly sealed: Contact };
/** A copy's owner (or the key service) confirms it has done what an erasure asked of it. */
export type Erased = { readonly type: 'erased'; readonly customerId: string; readonly task: string; readonly rows: number };

// To the key service.
export type Seal = { readonly type: 'seal'; readonly customerId: string; readonly clear: Contact };
export type DestroyKey = { readonly type: 'destroy-key'; readonly customerId: string };

// To the services that keep a copy.
export type Registered = {
  readonly type: 'customer-registered';
  readonly customerId: string;
  readonly region: string;
  readonly clear: Contact;
  readonly sealed: Contact;
};
/** Erase this customer from these tables: the catalog's entries for the receiving service. */
export type Erase = { readonly type: 'erase'; readonly customerId: string; readonly tables: readonly string[] };

export type FaultId = 'analytics-down' | 'analytics-slow' | 'undeclared-copy';

export type ProbeOutcome = 'read' | 'denied' | 'missing';

/** What the services record for the measures. */
export type PersonalFact =
  /** A copy of one customer's contact details, in one scheme, was written (`holds`) or removed. */
  | { readonly kind: 'copy'; readonly customerId: string; readonly copy: CopyName; readonly scheme: Scheme; readonly holds: boolean }
  | { readonly kind: 'key'; readonly customerId: string; readonly present: boolean }
  | { readonly kind: 'erasure-requested'; readonly customerId: string }
  | { readonly kind: 'erasure-complete'; readonly customerId: string }
  /** Postgres refused to scrub an immutable copy (the event log, a backup). */
  | { readonly kind: 'scrub-refused'; readonly customerId: string; readonly copy: CopyName; readonly error: string }
  /** One probe as one role: could it read this column, and how many rows. */
  | {
      readonly kind: 'probe';
      readonly role: string;
      readonly relation: string;
      readonly column: string;
      readonly outcome: ProbeOutcome;
      readonly rows: number;
      readonly code: string;
    };

export interface PersonalData extends LabTypes {
  readonly inbox: {
    readonly customers: RunWorkload | SignUp | TakeBackup | EraseNext | RetryErasure | Probe | Sealed | Erased;
    readonly keys: Seal | DestroyKey;
    readonly orders: Registered | Erase;
    readonly analytics: Registered | Erase;
  };
  readonly faults: FaultId;
  readonly facts: PersonalFact;
}
