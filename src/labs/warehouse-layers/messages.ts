/** What the services of the warehouse-layers lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { Plan } from './settings.ts';

/** One row of the operational change log, as shipped to the warehouse's bronze layer. */
export interface ChangeEvent {
  readonly seq: number;
  readonly entity: 'customer' | 'ticket';
  readonly entityId: number;
  /** The row as it stood after the change, as JSON text. */
  readonly payload: string;
  /** When it happened in the world: a plan's effective time, a ticket's opening time. */
  readonly happenedAt: number;
  /** When the operational service committed it. */
  readonly recordedAt: number;
}

/** Tickets per plan: a report, or the operational truth. */
export type PlanCounts = Readonly<Record<Plan, number>>;

/** The kinds of bad ticket the bad-records fault sends. */
export type BadKind = 'no-customer' | 'unknown-customer' | 'clock-ahead';

/** How the runner orders the models: by their declared dependencies, or by name as a folder listing would. */
export type RunOrder = 'dependencies' | 'alphabetical';

export interface WarehouseLab extends LabTypes {
  readonly inbox: {
    desk:
      | { readonly type: 'run-month' }
      | { readonly type: 'open-next'; readonly customerId: number }
      | { readonly type: 'change-plan'; readonly customerId: number };
    ops:
      | { readonly type: 'initial-snapshot' }
      | { readonly type: 'open-ticket'; readonly ticketId: number; readonly customerId: number | null; readonly openedAt: number }
      | { readonly type: 'change-plan'; readonly customerId: number }
      | { readonly type: 'ship-late'; readonly events: readonly ChangeEvent[] }
      | { readonly type: 'truth'; readonly run: number; readonly asOf: number };
    warehouse:
      | { readonly type: 'schedule-runs'; readonly from: number }
      | { readonly type: 'load'; readonly holds: string; readonly events: readonly ChangeEvent[] }
      | { readonly type: 'run-models' }
      | { readonly type: 'compare-layouts' }
      | { readonly type: 'truth-is'; readonly run: number; readonly truth: PlanCounts };
  };
  readonly faults: 'duplicate-delivery' | 'late-events' | 'bad-records' | 'models-out-of-order';
  readonly facts: WarehouseFact;
}

export type WarehouseFact =
  /** A model run: the order it ran the models in, how far it got, and what bronze held. */
  | {
      readonly kind: 'run';
      readonly run: number;
      readonly at: number;
      readonly order: readonly string[];
      readonly failed: string | null;
      readonly bronzeRows: number;
      readonly distinctEvents: number;
    }
  | { readonly kind: 'model'; readonly run: number; readonly position: number; readonly model: string; readonly rows: number }
  | { readonly kind: 'test'; readonly run: number; readonly test: string; readonly failing: number }
  | {
      readonly kind: 'report';
      readonly run: number;
      readonly at: number;
      readonly truth: PlanCounts;
      readonly type1: PlanCounts;
      readonly type2: PlanCounts;
    }
  /** One-column aggregate over the same tickets stored as wide rows and as one table per column: pages and bytes. */
  | {
      readonly kind: 'layout';
      readonly rows: number;
      readonly rowPages: number;
      readonly columnPages: number;
      readonly rowBytes: number;
      readonly planColumnBytes: number;
      readonly allColumnsBytes: number;
    }
  | { readonly kind: 'bad-ticket'; readonly ticketId: number; readonly bad: BadKind }
  | { readonly kind: 'plan-changed'; readonly customerId: number; readonly from: Plan; readonly to: Plan; readonly at: number };
