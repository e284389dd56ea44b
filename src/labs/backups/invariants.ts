/**
 * What must hold, read from the databases. A payment naming an order that does not exist is wrong the moment
 * it is there (nothing in flight will bring the order back); so is a receipt whose payment was deleted, and a
 * restore that loaded anything but what the vault held.
 */
import type { InvariantSpec } from '../kit/define-lab.ts';
import { auditLastRestore, orphanPayments, receiptsWithoutPayment } from './audit.ts';
import type { Backups } from './messages.ts';

const list = (ids: readonly string[]) => `${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ` and ${ids.length - 6} more` : ''}`;

const paymentsHaveOrders: InvariantSpec<Backups> = {
  id: 'payments-have-orders',
  label: 'Every payment belongs to an order that exists',
  async check(dbs) {
    const orphans = await orphanPayments(dbs);
    if (orphans.length === 0) return { status: 'holds', summary: 'Every payment names an order the orders database holds.' };
    return {
      status: 'broken',
      summary: `${orphans.length} payment${orphans.length === 1 ? ' names an order' : 's name orders'} that orders does not hold: ${list(orphans)}.`,
      rows: orphans.slice(0, 20).map((order) => ({ order })),
    };
  },
};

const receiptsHavePayments: InvariantSpec<Backups> = {
  id: 'receipts-have-payments',
  label: 'Every charge the card provider confirmed still has its payment',
  async check(dbs) {
    const lost = await receiptsWithoutPayment(dbs);
    if (lost.length === 0) return { status: 'holds', summary: 'Every receipt has its payment.' };
    return {
      status: 'broken',
      summary: `${lost.length} charge${lost.length === 1 ? ' was' : 's were'} taken and no payment records ${lost.length === 1 ? 'it' : 'them'} any more: ${list(lost)}.`,
      rows: lost.slice(0, 20).map((payment) => ({ payment })),
    };
  },
};

const restoreEqualsBackup: InvariantSpec<Backups> = {
  id: 'restore-equals-backup',
  label: 'The last restore loaded exactly the vault’s dump plus the log entries it says it replayed',
  async check(dbs) {
    const audit = await auditLastRestore(dbs);
    if (audit === null) return { status: 'holds', summary: 'Nothing has been restored yet.' };
    if (audit.wrong.length === 0)
      return {
        status: 'holds',
        summary: `Restore ${audit.restoreId}: ${audit.expected === 1 ? 'its one row equals' : `all ${audit.expected} rows equal`} the vault’s copy.`,
      };
    return {
      status: 'broken',
      summary: `Restore ${audit.restoreId}: ${audit.wrong.length} row${audit.wrong.length === 1 ? ' differs' : 's differ'} from what the vault holds: ${list(audit.wrong)}.`,
      rows: audit.wrong.slice(0, 20).map((order) => ({ order })),
    };
  },
};

export const invariants: readonly InvariantSpec<Backups>[] = [paymentsHaveOrders, receiptsHavePayments, restoreEqualsBackup];
