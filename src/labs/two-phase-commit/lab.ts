/** The two-phase-commit lab: Bank A and Bank B (Postgres each) and a coordinator (SQLite). */
import type { LabDefinition } from '../sim/types.ts';
import { bank } from './bank.ts';
import bankSql from './bank.sql?raw';
import { coordinator, type Protocol } from './coordinator.ts';
import coordinatorSql from './coordinator.sql?raw';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';

const POSTGRES_SETTINGS = ['max_prepared_transactions=10'];

const accountTables = [
  { title: 'accounts', sql: 'SELECT id, owner, balance FROM accounts ORDER BY id' },
  { title: 'ledger', sql: 'SELECT gid, account, amount FROM ledger ORDER BY gid' },
  { title: 'pg_prepared_xacts', sql: 'SELECT gid, owner, database FROM pg_prepared_xacts ORDER BY gid' },
];

export function twoPhaseCommitLab(protocol: Protocol = 'two-phase'): LabDefinition {
  return {
    id: 'two-phase-commit',
    title: 'Two-phase commit between two banks',
    services: [
      {
        name: 'coordinator',
        label: 'Coordinator',
        role: 'Runs two-phase commit; logs decisions in SQLite',
        database: { kind: 'sqlite', setupSql: coordinatorSql },
        tables: [{ title: 'tx_log', sql: 'SELECT gid, amount, state, decision FROM tx_log ORDER BY rowid' }],
      },
      {
        name: 'bank-a',
        label: 'Bank A',
        role: 'Holds Alice’s account (Postgres)',
        database: {
          kind: 'postgres',
          settings: POSTGRES_SETTINGS,
          setupSql: `${bankSql}\nINSERT INTO accounts VALUES ('alice', 'Alice', 100);`,
        },
        tables: accountTables,
      },
      {
        name: 'bank-b',
        label: 'Bank B',
        role: 'Holds Bob’s account (Postgres)',
        database: {
          kind: 'postgres',
          settings: POSTGRES_SETTINGS,
          setupSql: `${bankSql}\nINSERT INTO accounts VALUES ('bob', 'Bob', 50);`,
        },
        tables: accountTables,
      },
    ],
    behaviours: { coordinator: coordinator(protocol), 'bank-a': bank('bank-a'), 'bank-b': bank('bank-b') },
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
    network: { latencyMs: 10, jitterMs: 5 },
    statementLimitMs: 10_000,
    exercises,
  };
}

export default twoPhaseCommitLab();
