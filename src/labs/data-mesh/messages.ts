/** What the services of the data-mesh lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';

export type DomainName = 'support' | 'billing';
export const DOMAINS: readonly DomainName[] = ['support', 'billing'];

/** A producer's change to a product it already serves (see changes.ts). */
export type ChangeId = 'support-rename' | 'billing-retype';

/** One version of a product as the catalog holds it. */
export interface CatalogEntry {
  readonly domain: DomainName;
  readonly table: string;
  readonly product: string;
  readonly version: number;
  readonly owner: string;
  readonly sloMs: number;
  /** Virtual time of the last publish; null when it has never been published. */
  readonly publishedAt: number | null;
}

/** A product column the federated policy flags: personal by its name, and not of the masking type. */
export interface PolicyFinding {
  readonly domain: DomainName;
  readonly table: string;
  readonly column: string;
  readonly type: string;
}

/** A column a served version promises and no longer has as promised. */
export interface ContractBreach {
  readonly table: string;
  readonly column: string;
  readonly promised: string;
  readonly actual: string | null;
}

/** One of marketing's queries, as the consumer sends it. */
export interface ConsumerQuery {
  readonly id: string;
  readonly product: string;
  readonly sql: string;
}

/** What a probe as the consumer role found for one relation. */
export interface ProbeRow {
  readonly relation: string;
  readonly kind: 'internal' | 'product';
  readonly outcome: 'read' | 'denied';
  readonly code: string;
}

export type MeshFact =
  | {
      readonly kind: 'consumer-query';
      readonly domain: DomainName;
      readonly query: string;
      readonly ok: boolean;
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly kind: 'change';
      readonly domain: DomainName;
      readonly change: ChangeId;
      readonly contractTests: boolean;
      /** applied: the served version changed; refused: the contract test rolled it back; v2: published beside v1. */
      readonly outcome: 'applied' | 'refused-published-v2';
      readonly breaches: number;
    }
  | { readonly kind: 'published'; readonly domain: DomainName; readonly products: number }
  | {
      readonly kind: 'freshness';
      readonly domain: DomainName;
      readonly table: string;
      readonly stalenessMs: number;
      readonly sloMs: number;
    }
  | { readonly kind: 'policy'; readonly domain: DomainName; readonly findings: readonly PolicyFinding[] }
  | { readonly kind: 'probe'; readonly domain: DomainName; readonly rows: readonly ProbeRow[] };

export interface MeshLab extends LabTypes {
  readonly inbox: {
    customers: { readonly type: 'run' } | { readonly type: 'open-ticket' } | { readonly type: 'issue-invoice' };
    support: DomainInbox;
    billing: DomainInbox;
    platform:
      | { readonly type: 'run-until'; readonly until: number }
      | { readonly type: 'check' }
      | { readonly type: 'contract-tests'; readonly on: boolean }
      | { readonly type: 'probe' }
      | {
          readonly type: 'catalog';
          readonly domain: DomainName;
          readonly entries: readonly CatalogEntry[];
          readonly findings: readonly PolicyFinding[];
        }
      | { readonly type: 'probed'; readonly domain: DomainName; readonly rows: readonly ProbeRow[] };
    marketing:
      | { readonly type: 'run-until'; readonly until: number }
      | { readonly type: 'consume' }
      | {
          readonly type: 'answer';
          readonly domain: DomainName;
          readonly query: string;
          readonly rows: readonly Readonly<Record<string, string | number | null>>[];
          readonly error: { readonly code: string; readonly message: string } | null;
        };
  };
  readonly faults: 'billing-stalled' | 'unmasked-email' | 'grant-leak';
  readonly facts: MeshFact;
}

export type DomainInbox =
  | { readonly type: 'run-until'; readonly until: number }
  | { readonly type: 'publish' }
  | { readonly type: 'open-ticket'; readonly ticketId: number; readonly customerId: number; readonly subject: string }
  | { readonly type: 'issue-invoice'; readonly invoiceId: number; readonly customerId: number; readonly amountCents: number }
  | { readonly type: 'change'; readonly change: ChangeId }
  | { readonly type: 'contract-tests'; readonly on: boolean }
  | { readonly type: 'inspect' }
  | { readonly type: 'probe' }
  | { readonly type: 'query'; readonly query: ConsumerQuery };
