/**
 * The backups lab: orders and payments each own a Postgres database; a broker keeps order events for a while;
 * a vault off their boxes takes dumps on a schedule and, when asked, ships the orders change log. The reader
 * damages orders, restores it (from a dump, or to a point in time with the log), and meets what a restore of one
 * service does to the others: payments for orders that no longer exist, repaired by reconciliation or replay.
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { broker } from './broker.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { Backups } from './messages.ts';
import { orders, SOUND, type OrdersVariant } from './orders.ts';
import { payments } from './payments.ts';
import { DUMP_INTERVALS_MIN, SHIP_PERIODS_S } from './settings.ts';
import { shop } from './shop.ts';
import { vault } from './vault.ts';

const schedule: ActionSpec<Backups>[] = [
  ...DUMP_INTERVALS_MIN.map((minutes): ActionSpec<Backups> => ({
    id: `dump-every-${minutes}`,
    label: `Dump every ${minutes} min`,
    service: 'vault',
    message: { type: 'set-dump-interval', minutes },
  })),
  ...SHIP_PERIODS_S.map((everySeconds): ActionSpec<Backups> => ({
    id: `ship-every-${everySeconds}`,
    label: everySeconds === 0 ? 'Log shipping off' : `Ship the log every ${everySeconds} s`,
    service: 'vault',
    message: { type: 'set-shipping', everySeconds },
  })),
];

export function backupsLab(variant: OrdersVariant = SOUND): LabDefinition {
  return defineLab<Backups>({
    id: 'backups',
    title: 'Backups across services: restore one, and count what disagrees',
    services: { shop, orders: orders(variant), payments, broker, vault },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'open-shop', label: 'Open the shop for the day', service: 'shop', message: { type: 'open-shop' } },
      ...schedule,
      { id: 'bad-update', label: 'Bad UPDATE without WHERE', service: 'orders', message: { type: 'damage', damage: 'bad-update' } },
      { id: 'drop-table', label: 'DROP TABLE orders', service: 'orders', message: { type: 'damage', damage: 'drop-table' } },
      { id: 'restore-dump', label: 'Restore orders from the last dump', service: 'orders', message: { type: 'restore', mode: 'dump' } },
      {
        id: 'restore-pitr',
        label: 'Restore orders to just before the damage (dump + log)',
        service: 'orders',
        message: { type: 'restore', mode: 'pitr' },
      },
      { id: 'run-drill', label: 'Run a restore drill', service: 'vault', message: { type: 'run-drill' } },
      { id: 'cross-check', label: 'Cross-service check', service: 'orders', message: { type: 'cross-check' } },
      { id: 'reconcile', label: 'Repair: reconcile from payments', service: 'orders', message: { type: 'repair', repair: 'reconcile' } },
      { id: 'replay', label: 'Repair: replay the broker’s topic', service: 'orders', message: { type: 'repair', repair: 'replay' } },
      { id: 'close-shop', label: 'Close the shop early', service: 'shop', message: { type: 'close-shop' } },
    ],
    exercises,
  });
}

export default backupsLab();
