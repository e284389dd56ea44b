import type { Faults } from '../kit/define-lab.ts';
import type { TwoPhaseCommit } from './messages.ts';

export const SLOW_BANK_DELAY_MS = 1200;

export const faults: Faults<TwoPhaseCommit> = {
  'bank-b-votes-no': {
    label: 'Bank B votes no',
    description: 'Bank B refuses to prepare any transfer, so every transfer must be rolled back on Bank A too.',
    service: 'bank-b',
  },
  'coordinator-crash-after-prepare': {
    label: 'Coordinator crashes after both banks prepared',
    description:
      'The coordinator dies once both votes are in, before it writes a decision. Both banks are left holding a prepared transaction and its locks.',
    service: 'coordinator',
  },
  'coordinator-crash-after-decision': {
    label: 'Coordinator crashes after logging commit',
    description: 'The coordinator writes "commit" to its log and dies before telling the banks. Its recovery must finish the commit.',
    service: 'coordinator',
  },
  'bank-b-slow': {
    label: 'Bank B is slow',
    description: `Bank B takes ${SLOW_BANK_DELAY_MS.toLocaleString('en')} ms of virtual time to prepare, and Bank A holds its locks all that time.`,
    service: 'bank-b',
  },
  'partition-bank-b': {
    label: 'Network partition around Bank B',
    description: 'Every message between the coordinator and Bank B is lost until the partition heals.',
    service: 'bank-b',
    network: { kind: 'partition', between: ['coordinator', 'bank-b'] },
  },
};
