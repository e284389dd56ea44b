/** The faults a reader can inject. The ticket service's four act on the reader's next change. */
import type { Faults } from '../kit/define-lab.ts';
import type { OutboxRelay } from './messages.ts';
import { GONE_AGENT, HOLD_MS, POLL_INTERVAL_MS, RARE_POLL_INTERVAL_MS } from './settings.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const faults: Faults<OutboxRelay> = {
  'crash-after-commit': {
    label: 'Crash after commit',
    description:
      'The ticket service commits the change and dies before it publishes on the commit-then-publish channel. The outbox row and the log record are committed with the change.',
    service: 'tickets',
  },
  'crash-before-commit': {
    label: 'Crash before commit',
    description:
      'The ticket service publishes on the publish-then-commit channel and dies before its transaction: the change never happens, but it was announced.',
    service: 'tickets',
  },
  'refuse-commit': {
    label: 'Commit refused',
    description: `The change assigns the ticket to ${GONE_AGENT}, who has left: the foreign key fails and Postgres refuses the transaction, after the publish-then-commit channel has announced it.`,
    service: 'tickets',
  },
  'hold-transaction': {
    label: 'Hold the transaction',
    description: `The change is prepared (PREPARE TRANSACTION) and committed ${ms(HOLD_MS)} later. It took its sequence number now; changes that take higher numbers commit first.`,
    service: 'tickets',
  },
  'relay-crash': {
    label: 'Relay crashes after publishing',
    description:
      'Each poll that finds something, the relay publishes it and dies before it marks the outbox rows or saves its offsets; its supervisor restarts it and it publishes them again.',
    service: 'relay',
  },
  'rare-polls': {
    label: `Rare polls: every ${ms(RARE_POLL_INTERVAL_MS)}`,
    description: `The relay polls every ${ms(RARE_POLL_INTERVAL_MS)} instead of every ${ms(POLL_INTERVAL_MS)}: fewer queries on the ticket database, later events.`,
    service: 'relay',
  },
};
