/**
 * A bank: a participant in two-phase commit. All it knows is its own database; it prepares, commits or
 * rolls back when the coordinator says so.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { TableView } from '../sim/types.ts';
import { SLOW_BANK_DELAY_MS } from './faults.ts';
import { literal, type BankName, type Outcome, type Prepare, type TwoPhaseCommit, type Vote } from './messages.ts';

/** Postgres: "prepared transaction with identifier … does not exist". A repeated decision finds it gone. */
const NO_SUCH_PREPARED = '42704';

type Ctx = LabContext<TwoPhaseCommit, BankName, null>;

const tables: readonly TableView[] = [
  { title: 'accounts', sql: 'SELECT id, owner, balance FROM accounts ORDER BY id' },
  { title: 'ledger', sql: 'SELECT gid, account, amount FROM ledger ORDER BY gid' },
  { title: 'pg_prepared_xacts', sql: 'SELECT gid, owner, database FROM pg_prepared_xacts ORDER BY gid' },
];

export function bank(
  name: BankName,
  label: string,
  role: string,
  database: ServiceDatabaseSpec,
): ServiceSpec<TwoPhaseCommit, BankName, null> {
  // Only Bank B has faults of its own; Bank A is the one left holding locks because of them.
  const isB = name === 'bank-b';

  async function prepare(ctx: Ctx, message: Prepare) {
    if (isB && ctx.isFaultOn('bank-b-slow') && !message.late) {
      ctx.note(`busy: will prepare ${message.gid} in ${SLOW_BANK_DELAY_MS} ms`);
      ctx.setTimer(SLOW_BANK_DELAY_MS, { ...message, late: true });
      return;
    }
    const vote = (v: 'yes' | 'no', reason?: string): Vote => ({
      type: 'vote',
      gid: message.gid,
      bank: name,
      vote: v,
      ...(reason ? { reason } : {}),
    });
    if (isB && ctx.isFaultOn('bank-b-votes-no')) {
      ctx.send('coordinator', vote('no', 'refused (injected fault)'));
      return;
    }
    const refused = await ctx.sql(`SELECT 1 FROM refused WHERE gid = ${literal(message.gid)}`);
    if (refused.ok && (refused.results[0]?.rows.length ?? 0) > 0) {
      ctx.send('coordinator', vote('no', 'already rolled back'));
      return;
    }
    // NOWAIT: a bank must not queue behind an in-doubt transaction's row lock. It votes no instead,
    // which is how a reader sees blocking spread to every later transfer that touches the same row.
    const result = await ctx.sql(
      [
        'BEGIN;',
        `SELECT balance FROM accounts WHERE id = ${literal(message.account)} FOR UPDATE NOWAIT;`,
        `UPDATE accounts SET balance = balance + ${message.delta} WHERE id = ${literal(message.account)};`,
        `INSERT INTO ledger (gid, account, amount) VALUES (${literal(message.gid)}, ${literal(message.account)}, ${message.delta});`,
        `PREPARE TRANSACTION ${literal(message.gid)};`,
      ].join('\n'),
    );
    if (!result.ok) {
      ctx.send('coordinator', vote('no', `${result.error.code}: ${result.error.message}`));
      return;
    }
    ctx.fact({ kind: 'prepared', gid: message.gid });
    const updated = result.results[2]?.affectedRows ?? 0;
    if (updated === 0) {
      await finish(ctx, { type: 'rollback', gid: message.gid }, false);
      ctx.send('coordinator', vote('no', `no account ${message.account}`));
      return;
    }
    ctx.send('coordinator', vote('yes'));
  }

  async function finish(ctx: Ctx, message: Outcome, acknowledge = true) {
    const verb = message.type === 'commit' ? 'COMMIT PREPARED' : 'ROLLBACK PREPARED';
    const result = await ctx.sql(`${verb} ${literal(message.gid)}`);
    if (result.ok) ctx.fact({ kind: 'finished', gid: message.gid, outcome: message.type });
    if (!result.ok && result.error.code === NO_SUCH_PREPARED && message.type === 'rollback') {
      await ctx.sql(`INSERT INTO refused (gid) VALUES (${literal(message.gid)}) ON CONFLICT DO NOTHING`);
    }
    // Gone already means this decision was applied before (the coordinator resends until it hears back),
    // or, for a rollback, that this bank never prepared. Either way the outcome stands: acknowledge it.
    if (acknowledge && (result.ok || result.error.code === NO_SUCH_PREPARED)) {
      ctx.send('coordinator', { type: 'ack', gid: message.gid, bank: name });
    }
  }

  return {
    label,
    role,
    database,
    tables,
    initialState: () => null,
    on: { prepare, commit: (ctx, m) => finish(ctx, m), rollback: (ctx, m) => finish(ctx, m) },
  };
}
