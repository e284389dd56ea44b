/** Terms of the Part VI chapter "Backups across services: RPO and RTO". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'rpo',
    term: 'Recovery point objective (RPO)',
    definition:
      'The most recent stretch of committed data a business agrees it may lose when it has to restore: zero, a minute, an hour. It is set by how often copies leave the box (dumps, shipped log), not by how good the backup tool is.',
    seeAlso: ['rto', 'log-shipping', 'point-in-time-recovery'],
  },
  {
    slug: 'rto',
    term: 'Recovery time objective (RTO)',
    definition:
      'How long a service may stay unusable while it is restored: fetching the backup, loading it, replaying the log, checking and repairing. Larger dumps and longer logs to replay both push it up.',
    seeAlso: ['rpo', 'restore-drill'],
  },
  {
    slug: 'point-in-time-recovery',
    term: 'Point-in-time recovery',
    definition:
      'Restoring a database to a chosen moment, such as just before a bad statement: load a base backup taken earlier, then replay the archived log of changes up to that moment and stop. In Postgres, a base backup plus the WAL archive (pgBackRest, Barman, or a managed service) does it.',
    seeAlso: ['log-shipping', 'write-ahead-log', 'rpo'],
  },
  {
    slug: 'log-shipping',
    term: 'Log shipping',
    definition:
      'Copying a database’s change log off its machine continuously or in short batches, so that a restore can replay the changes made after the last full backup. What has not been shipped when the machine is lost is lost with it.',
    seeAlso: ['point-in-time-recovery', 'write-ahead-log'],
  },
  {
    slug: 'restore-drill',
    term: 'Restore drill',
    definition:
      'Restoring a backup on purpose, on a schedule, into a scratch place, and checking what comes back against what should. A backup nobody has restored is a hope: drills find the empty, truncated or unreadable copies before an incident does, and time the restore.',
    seeAlso: ['rto'],
  },
  {
    slug: 'reconciliation',
    term: 'Reconciliation',
    definition:
      'A job that compares the records two services keep about the same things, counts where they disagree, and repairs the difference by a rule both sides accept, such as recreating an order from the payment that names it. It finds damage no single database can see.',
    seeAlso: ['eventual-consistency', 'rpo'],
  },
];
