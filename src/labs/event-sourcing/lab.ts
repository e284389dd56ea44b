/**
 * The event-sourcing lab: accounts stored as streams of events in Postgres, with snapshots, optimistic
 * concurrency on (stream, version), and projections in SQLite rebuilt by replaying the log.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { accounts, type AccountsOptions } from './accounts.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { EventSourcing } from './messages.ts';
import { projector } from './projector.ts';
import { BUSY_EVENTS, HISTORY_EVENTS, OPENING_CENTS, RUSH_COMMANDS, RUSH_WINDOW_MS } from './settings.ts';
import { tellers } from './tellers.ts';

const DEFAULTS: AccountsOptions = { fold: 'checked', optimistic: true, timing: 'measured' };

export function eventSourcingLab(options: Partial<AccountsOptions> = {}): LabDefinition {
  const o = { ...DEFAULTS, ...options };
  return defineLab<EventSourcing>({
    id: 'event-sourcing',
    title: 'Event sourcing: accounts as streams of events',
    services: { tellers, accounts: accounts(o), projector: projector(o.timing === 'measured') },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'load-history',
        label: `Load a day of history (${HISTORY_EVENTS.toLocaleString('en')} events)`,
        service: 'accounts',
        message: { type: 'load-history' },
      },
      {
        id: 'deposit-alice',
        label: 'Alice deposits 50.00',
        service: 'tellers',
        message: { type: 'send', stream: 'acc-alice', kind: 'deposit', cents: 5_000 },
      },
      {
        id: 'withdraw-alice',
        label: 'Alice withdraws 80.00',
        service: 'tellers',
        message: { type: 'send', stream: 'acc-alice', kind: 'withdraw', cents: 8_000 },
      },
      {
        id: 'open-dave',
        label: `Open Dave’s account with ${(OPENING_CENTS / 100).toFixed(2)}`,
        service: 'tellers',
        message: { type: 'send', stream: 'acc-dave', kind: 'open', cents: OPENING_CENTS },
      },
      { id: 'race', label: 'Two tellers withdraw 80.00 from Dave at once', service: 'tellers', message: { type: 'race' } },
      {
        id: 'rush',
        label: `Rush: ${RUSH_COMMANDS} commands on two accounts in ${(RUSH_WINDOW_MS / 1000).toLocaleString('en')} s`,
        service: 'tellers',
        message: { type: 'rush' },
      },
      {
        id: 'load-busy-account',
        label: `Load a busy account (${BUSY_EVENTS.toLocaleString('en')} events)`,
        service: 'accounts',
        message: { type: 'load-busy-account' },
      },
      { id: 'time-replays', label: 'Time replays, with and without snapshots', service: 'accounts', message: { type: 'time-replays' } },
      { id: 'add-daily-totals', label: 'Add a new projection: daily totals', service: 'projector', message: { type: 'add-daily-totals' } },
      { id: 'replay-summary', label: 'Replay the summary into v2 and switch', service: 'projector', message: { type: 'replay-summary' } },
    ],
    exercises,
  });
}

export default eventSourcingLab();
