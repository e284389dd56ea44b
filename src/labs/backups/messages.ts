/** What the services of the backups lab say to each other, what they record, and the lab's types in one place. */
import type { LabTypes } from '../kit/define-lab.ts';
import type { DumpInterval, ShipPeriod } from './settings.ts';

export type Pay = 'card' | 'invoice';

/** An order as the orders table holds it, and as its event carries it. */
export interface OrderRow {
  readonly id: string;
  readonly customer: string;
  readonly address: string | null;
  readonly total_cents: number;
  readonly pay: Pay;
  readonly placed_at: number;
  readonly recovered_from: string | null;
}

/** One entry of the orders change log (the trigger-written table the shipper copies off the box). */
export interface ChangeEntry {
  readonly seq: number;
  readonly at: number;
  readonly op: string;
  readonly order_id: string;
  /** The row after the change, as JSON text; null for a delete. */
  readonly row_data: string | null;
}

/** A payment as the payments service keeps it. */
export interface PaymentRow {
  readonly id: string;
  readonly order_id: string;
  readonly customer: string;
  readonly amount_cents: number;
  readonly paid_at: number;
}

/** What a restore starts from: a dump (its lines, one row each) and the shipped log entries to replay after it. */
export interface Backup {
  readonly dumpId: number | null;
  readonly takenAt: number;
  readonly uptoSeq: number;
  readonly lines: readonly string[];
  readonly log: readonly ChangeEntry[];
}

export type RestoreMode = 'dump' | 'pitr';
export type Damage = 'bad-update' | 'drop-table';
export type Repair = 'reconcile' | 'replay';
export type Service = 'orders' | 'payments';

// To the shop.
export type OpenShop = { readonly type: 'open-shop' };
export type NextOrder = { readonly type: 'next-order' };
export type CloseShop = { readonly type: 'close-shop' };

// To the orders service.
export type Place = { readonly type: 'place'; readonly order: OrderRow };
export type DoDamage = { readonly type: 'damage'; readonly damage: Damage };
export type TakeDump = { readonly type: 'take-dump'; readonly dumpId: number };
export type ShipLog = { readonly type: 'ship-log'; readonly after: number };
export type Restore = { readonly type: 'restore'; readonly mode: RestoreMode };
export type BackupFound = { readonly type: 'backup'; readonly holds: string; readonly mode: RestoreMode; readonly backup: Backup };
export type Drill = {
  readonly type: 'drill';
  readonly holds: string;
  readonly dumpId: number;
  readonly uptoSeq: number;
  readonly lines: readonly string[];
};
export type CrossCheck = { readonly type: 'cross-check' };
export type StartRepair = { readonly type: 'repair'; readonly repair: Repair };
export type PaymentsList = {
  readonly type: 'payments';
  readonly holds: string;
  readonly purpose: 'check' | 'reconcile';
  readonly rows: readonly PaymentRow[];
};
export type Replayed = {
  readonly type: 'replayed';
  readonly holds: string;
  readonly fromAt: number;
  /** When the oldest event the topic still keeps was published; null when it keeps none. */
  readonly oldestKept: number | null;
  readonly events: readonly string[];
};

// To the payments service.
export type OrderEvent = { readonly type: 'order-placed'; readonly order: OrderRow };
export type ListPayments = { readonly type: 'list-payments'; readonly purpose: 'check' | 'reconcile' };
export type VoidPayments = { readonly type: 'void-payments'; readonly ids: readonly string[] };

// To the broker.
export type Publish = { readonly type: 'publish'; readonly order: OrderRow };
export type ReplayFrom = { readonly type: 'replay-from'; readonly fromAt: number };

// To the vault (the backup store and its jobs).
export type StartSchedule = { readonly type: 'start-schedule' };
export type StopSchedule = { readonly type: 'stop-schedule' };
export type DumpTick = { readonly type: 'dump-tick' };
export type ShipTick = { readonly type: 'ship-tick' };
export type DumpTaken = {
  readonly type: 'dump-taken';
  readonly holds: string;
  readonly service: Service;
  readonly dumpId: number;
  readonly uptoSeq: number;
  readonly lines: readonly string[];
};
export type DumpFailed = { readonly type: 'dump-failed'; readonly service: Service; readonly dumpId: number; readonly error: string };
export type LogShipped = { readonly type: 'log-shipped'; readonly holds: string; readonly entries: readonly ChangeEntry[] };
export type SetDumpInterval = { readonly type: 'set-dump-interval'; readonly minutes: DumpInterval };
export type SetShipping = { readonly type: 'set-shipping'; readonly everySeconds: ShipPeriod };
export type FetchBackup = { readonly type: 'fetch-backup'; readonly mode: RestoreMode; readonly beforeSeq: number | null };
export type RunDrill = { readonly type: 'run-drill' };
export type DrillResult = { readonly type: 'drill-result'; readonly dumpId: number; readonly restored: number; readonly expected: number };

export type FaultId = 'dump-fails-silently' | 'shipping-paused';

/** What the services record for the measures. */
export type BackupsFact =
  | { readonly kind: 'placed'; readonly id: string; readonly total: number; readonly pay: Pay }
  | { readonly kind: 'refused'; readonly id: string; readonly error: string }
  | { readonly kind: 'damaged'; readonly damage: Damage; readonly lastGoodSeq: number }
  | {
      readonly kind: 'dumped';
      readonly service: Service;
      readonly dumpId: number;
      readonly rows: number;
      readonly stored: number;
      readonly bytes: number;
    }
  | { readonly kind: 'shipped'; readonly entries: number; readonly bytes: number; readonly uptoSeq: number }
  | {
      readonly kind: 'restored';
      readonly mode: RestoreMode;
      readonly dumpTakenAt: number;
      readonly replayed: number;
      readonly bytes: number;
      readonly transferMs: number;
      /** Every order the restored table holds, with its total: what the measures compare with what was committed. */
      readonly rows: readonly (readonly [string, number])[];
    }
  | { readonly kind: 'drilled'; readonly dumpId: number; readonly restored: number; readonly expected: number }
  | { readonly kind: 'cross-checked'; readonly payments: number; readonly orphans: number }
  | {
      readonly kind: 'repaired';
      readonly repair: Repair;
      readonly recreated: number;
      readonly withoutAddress: number;
      readonly voided: number;
    };

export interface Backups extends LabTypes {
  readonly inbox: {
    readonly shop: OpenShop | NextOrder | CloseShop;
    readonly orders:
      Place | DoDamage | TakeDump | ShipLog | Restore | BackupFound | Drill | CrossCheck | StartRepair | PaymentsList | Replayed;
    readonly payments: OrderEvent | ListPayments | VoidPayments | TakeDump;
    readonly broker: Publish | ReplayFrom;
    readonly vault:
      | StartSchedule
      | StopSchedule
      | DumpTick
      | ShipTick
      | DumpTaken
      | DumpFailed
      | LogShipped
      | SetDumpInterval
      | SetShipping
      | FetchBackup
      | RunDrill
      | DrillResult;
  };
  readonly faults: FaultId;
  readonly facts: BackupsFact;
}
