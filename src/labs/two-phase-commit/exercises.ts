/** The chapter's exercises, each checked against the lab's real databases. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseContext, ExerciseDefinition } from '../check/types.ts';

async function preparedOn(ctx: ExerciseContext, bank: string): Promise<Set<string>> {
  const rows = await select(requireDb(ctx.databases, bank), 'SELECT gid FROM pg_prepared_xacts');
  return new Set(rows.map((r) => String(r['gid'])));
}

async function strandedGids(ctx: ExerciseContext): Promise<string[]> {
  const a = await preparedOn(ctx, 'bank-a');
  const b = await preparedOn(ctx, 'bank-b');
  return [...a].filter((gid) => b.has(gid)).sort();
}

const strandATransfer: ExerciseDefinition = {
  id: 'strand-a-transfer',
  title: 'Strand a transfer',
  async check(ctx) {
    const shared = await strandedGids(ctx);
    if (!ctx.crashed.has('coordinator')) {
      return { passed: false, message: 'The coordinator is running. It has to be down while the banks wait for it.' };
    }
    if (shared.length === 0) {
      return {
        passed: false,
        message:
          'The coordinator is down, but no transfer is prepared on both banks. Which fault stops it between the votes and the decision?',
      };
    }
    return { passed: true, message: `Both banks hold ${shared.join(', ')} prepared, and the coordinator that would decide it is down.` };
  },
};

const proveTheLock: ExerciseDefinition = {
  id: 'prove-the-lock',
  title: 'Prove that Alice’s row is locked',
  answer: { kind: 'sql', service: 'bank-a', placeholder: "SELECT … FROM accounts WHERE id = 'alice' …" },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a statement to run on Bank A.' };
    if ((await preparedOn(ctx, 'bank-a')).size === 0) {
      return {
        passed: false,
        message: 'Bank A holds no prepared transaction right now, so there is no lock to find. Strand a transfer first.',
      };
    }
    const result = await ctx.run('bank-a', sql);
    if (result.ok)
      return {
        passed: false,
        message: 'Your statement succeeded, so it did not run into the lock. Ask for the row lock, and refuse to wait.',
      };
    if (result.error.code !== '55P03') {
      return {
        passed: false,
        message: `Postgres answered ${result.error.code}: ${result.error.message}. The lock shows itself as 55P03 (lock_not_available).`,
      };
    }
    if (!/\balice\b/i.test(sql)) return { passed: false, message: 'That hit a lock, but the question is about Alice’s row: name it.' };
    return {
      passed: true,
      message: `Postgres refused at once: ${result.error.message} (55P03). The prepared transaction holds Alice’s row.`,
    };
  },
};

const resolveByHand: ExerciseDefinition = {
  id: 'resolve-by-hand',
  title: 'Resolve the in-doubt transfer by hand',
  async check(ctx) {
    if (!ctx.crashed.has('coordinator')) {
      return { passed: false, message: 'The coordinator is running, so it resolves transfers itself. Do this one while it is still down.' };
    }
    const log = await select(
      requireDb(ctx.databases, 'coordinator'),
      "SELECT gid, decision FROM tx_log WHERE state <> 'done' ORDER BY gid",
    );
    if (log.length === 0) return { passed: false, message: 'The coordinator’s log has no unfinished transfer. Strand one first.' };
    const problems: string[] = [];
    for (const bank of ['bank-a', 'bank-b']) {
      const prepared = await preparedOn(ctx, bank);
      const ledger = new Set((await select(requireDb(ctx.databases, bank), 'SELECT gid FROM ledger')).map((r) => String(r['gid'])));
      for (const entry of log) {
        const gid = String(entry['gid']);
        if (prepared.has(gid)) {
          problems.push(`${bank} still holds ${gid} prepared`);
          continue;
        }
        const wanted = entry['decision'] === 'commit';
        if (ledger.has(gid) !== wanted) {
          problems.push(
            `${gid} is ${ledger.has(gid) ? 'committed' : 'rolled back'} on ${bank}, but the log says ${wanted ? 'commit' : 'no decision, so abort'}`,
          );
        }
      }
    }
    if (problems.length > 0) return { passed: false, message: `Not yet: ${problems.join('; ')}.` };
    return { passed: true, message: 'Both banks match the coordinator’s log and no lock is left. You acted as the recovery process.' };
  },
};

const gidNumber = (gid: string) => Number(gid.replace(/^tx-/, ''));

/**
 * A transfer Bank A refused because another transfer's prepared transaction held Alice's row. Bank A
 * leaves a trace of exactly that: it never prepared the transfer, so the rollback that followed found
 * nothing and Bank A noted the gid in `refused`. A "votes no" on Bank B or a partition leaves no such
 * row (Bank A had prepared), and an overdraft does, so the check also asks whether Alice's balance
 * allowed the transfer.
 */
const refusedByALock: ExerciseDefinition = {
  id: 'refused-by-a-lock',
  title: 'Get a transfer refused by a lock, not by a rule',
  async check(ctx) {
    const log = await select(requireDb(ctx.databases, 'coordinator'), 'SELECT gid, amount, decision FROM tx_log ORDER BY rowid');
    const aborted = log.filter((r) => r['decision'] === 'abort');
    if (aborted.length === 0) {
      return {
        passed: false,
        message: `The coordinator’s log holds ${log.length} transfer${log.length === 1 ? '' : 's'} and none was aborted. Start a second transfer while the first is still prepared.`,
      };
    }
    const bankA = requireDb(ctx.databases, 'bank-a');
    const refused = new Set((await select(bankA, 'SELECT gid FROM refused')).map((r) => String(r['gid'])));
    const [alice] = await select(bankA, "SELECT balance FROM accounts WHERE id = 'alice'");
    const ledger = await select(bankA, "SELECT gid, amount FROM ledger WHERE account = 'alice'");
    const initial = Number(alice?.['balance'] ?? 0) - ledger.reduce((sum, r) => sum + Number(r['amount']), 0);
    const balanceBefore = (gid: string) =>
      initial + ledger.filter((r) => gidNumber(String(r['gid'])) < gidNumber(gid)).reduce((sum, r) => sum + Number(r['amount']), 0);
    const notes: string[] = [];
    for (const row of aborted) {
      const gid = String(row['gid']);
      const amount = Number(row['amount']);
      const had = balanceBefore(gid);
      if (!refused.has(gid)) notes.push(`${gid} was prepared on Bank A and rolled back: the no came from elsewhere`);
      else if (amount > had) notes.push(`${gid} asked for ${amount} when Alice had ${had}: her balance rule refused it`);
      else {
        return {
          passed: true,
          message: `Bank A refused ${gid} (${amount}) although Alice had ${had}, enough for it: another transfer’s prepared transaction held her row, and NOWAIT answered 55P03. The Measured panel shows how long such a hold lasts.`,
        };
      }
    }
    return { passed: false, message: `Not a lock yet: ${notes.join('; ')}.` };
  },
};

export const exercises: readonly ExerciseDefinition[] = [strandATransfer, proveTheLock, resolveByHand, refusedByALock];
