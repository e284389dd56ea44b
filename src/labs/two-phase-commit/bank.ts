/**
 * A bank: a participant in two-phase commit. All it knows is its own database; it prepares, commits or
 * rolls back when the coordinator says so.
 */
import type { ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { SLOW_BANK_DELAY_MS } from './faults.ts';
import { literal, type Ack, type BankName, type Outcome, type Prepare, type Vote } from './messages.ts';

/** Postgres: "prepared transaction with identifier … does not exist". A repeated decision finds it gone. */
const NO_SUCH_PREPARED = '42704';

export type BankMessage = Prepare | Outcome;

export function bank(name: BankName): ServiceBehaviour<null> {
  const voteNoFault = name === 'bank-b' ? 'bank-b-votes-no' : undefined;
  const slowFault = name === 'bank-b' ? 'bank-b-slow' : undefined;

  async function prepare(ctx: ServiceContext<null>, message: Prepare) {
    if (slowFault && ctx.isFaultOn(slowFault) && !message.late) {
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
    if (voteNoFault && ctx.isFaultOn(voteNoFault)) {
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
    const updated = result.results[2]?.affectedRows ?? 0;
    if (updated === 0) {
      await ctx.sql(`ROLLBACK PREPARED ${literal(message.gid)}`);
      ctx.send('coordinator', vote('no', `no account ${message.account}`));
      return;
    }
    ctx.send('coordinator', vote('yes'));
  }

  async function finish(ctx: ServiceContext<null>, message: Outcome) {
    const verb = message.type === 'commit' ? 'COMMIT PREPARED' : 'ROLLBACK PREPARED';
    const result = await ctx.sql(`${verb} ${literal(message.gid)}`);
    if (!result.ok && result.error.code === NO_SUCH_PREPARED && message.type === 'rollback') {
      await ctx.sql(`INSERT INTO refused (gid) VALUES (${literal(message.gid)}) ON CONFLICT DO NOTHING`);
    }
    // Gone already means this decision was applied before (the coordinator resends until it hears back),
    // or, for a rollback, that this bank never prepared. Either way the outcome stands: acknowledge it.
    if (result.ok || result.error.code === NO_SUCH_PREPARED) {
      const ack: Ack = { type: 'ack', gid: message.gid, bank: name };
      ctx.send('coordinator', ack);
    }
  }

  return {
    initialState: () => null,
    async handle(ctx, message) {
      const m = message as unknown as BankMessage;
      if (m.type === 'prepare') await prepare(ctx, m);
      else await finish(ctx, m);
    },
  };
}
