/** The two-phase-commit lab: Bank A and Bank B (Postgres each) and a coordinator (SQLite). */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { bank } from './bank.ts';
import bankSql from './bank.sql?raw';
import { coordinator, type Protocol } from './coordinator.ts';
import coordinatorSql from './coordinator.sql?raw';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import type { TwoPhaseCommit } from './messages.ts';
import { measures } from './measures.ts';

const POSTGRES_SETTINGS = ['max_prepared_transactions=10'];

const bankDatabase = (seedRow: string) => ({ kind: 'postgres' as const, settings: POSTGRES_SETTINGS, setupSql: `${bankSql}\n${seedRow}` });

export function twoPhaseCommitLab(protocol: Protocol = 'two-phase'): LabDefinition {
  return defineLab<TwoPhaseCommit>({
    id: 'two-phase-commit',
    title: 'Two-phase commit between two banks',
    services: {
      coordinator: coordinator(protocol, { kind: 'sqlite', setupSql: coordinatorSql }),
      'bank-a': bank(
        'bank-a',
        'Bank A',
        'Holds Alice’s account (Postgres)',
        bankDatabase("INSERT INTO accounts VALUES ('alice', 'Alice', 100);"),
      ),
      'bank-b': bank('bank-b', 'Bank B', 'Holds Bob’s account (Postgres)', bankDatabase("INSERT INTO accounts VALUES ('bob', 'Bob', 50);")),
    },
    faults,
    invariants,
    measures,
    actions: [
      {
        id: 'transfer-30',
        label: 'Transfer 30 from Alice to Bob',
        service: 'coordinator',
        message: { type: 'transfer', from: 'alice', to: 'bob', amount: 30 },
      },
      {
        id: 'transfer-80',
        label: 'Transfer 80 from Alice to Bob',
        service: 'coordinator',
        message: { type: 'transfer', from: 'alice', to: 'bob', amount: 80 },
      },
    ],
    exercises,
  });
}

export default twoPhaseCommitLab();
