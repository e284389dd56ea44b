/** What must hold in the two-phase-commit lab, computed from the banks' real databases. */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { BANKS, type TwoPhaseCommit } from './messages.ts';

export const TOTAL_MONEY = 150;

const moneyConserved: InvariantSpec<TwoPhaseCommit> = {
  id: 'money-conserved',
  label: `Money is conserved (Alice + Bob = ${TOTAL_MONEY})`,
  async check(dbs, quiet) {
    const rows = [];
    let total = 0;
    for (const bank of BANKS) {
      const [row] = await select(requireDb(dbs, bank), 'SELECT coalesce(sum(balance), 0)::int AS balance FROM accounts');
      const balance = Number(row?.['balance'] ?? 0);
      total += balance;
      rows.push({ bank, balance });
    }
    if (total === TOTAL_MONEY) return { status: 'holds', summary: `Committed balances add up to ${total}.` };
    const summary = `Committed balances add up to ${total}, not ${TOTAL_MONEY}.`;
    return quiet ? { status: 'broken', summary, rows } : { status: 'pending', summary: `${summary} A transfer is still in flight.`, rows };
  },
};

const allOrNothing: InvariantSpec<TwoPhaseCommit> = {
  id: 'all-or-nothing',
  label: 'Each transfer lands on both banks or on neither',
  async check(dbs, quiet) {
    const a = new Set((await select(requireDb(dbs, 'bank-a'), 'SELECT gid FROM ledger')).map((r) => String(r['gid'])));
    const b = new Set((await select(requireDb(dbs, 'bank-b'), 'SELECT gid FROM ledger')).map((r) => String(r['gid'])));
    const rows = [
      ...[...a].filter((gid) => !b.has(gid)).map((gid) => ({ gid, committed_on: 'bank-a only' })),
      ...[...b].filter((gid) => !a.has(gid)).map((gid) => ({ gid, committed_on: 'bank-b only' })),
    ].sort((x, y) => x.gid.localeCompare(y.gid));
    if (rows.length === 0) return { status: 'holds', summary: `${a.size} transfer${a.size === 1 ? '' : 's'} committed on both banks.` };
    const summary = `${rows.length} transfer${rows.length === 1 ? ' is' : 's are'} committed on one bank only.`;
    return quiet ? { status: 'broken', summary, rows } : { status: 'pending', summary, rows };
  },
};

const nothingInDoubt: InvariantSpec<TwoPhaseCommit> = {
  id: 'nothing-in-doubt',
  label: 'No transaction is left in doubt once all is quiet',
  async check(dbs, quiet) {
    const rows = [];
    for (const bank of BANKS) {
      for (const row of await select(requireDb(dbs, bank), 'SELECT gid FROM pg_prepared_xacts ORDER BY gid')) {
        rows.push({ bank, gid: row['gid'] });
      }
    }
    if (rows.length === 0) return { status: 'holds', summary: 'No prepared transaction is waiting.' };
    const summary = `${rows.length} prepared transaction${rows.length === 1 ? '' : 's'} holding locks.`;
    return quiet
      ? {
          status: 'broken',
          summary: `${summary} Nothing will resolve ${rows.length === 1 ? 'it' : 'them'}: the coordinator must come back.`,
          rows,
        }
      : { status: 'pending', summary, rows };
  },
};

export const invariants: readonly InvariantSpec<TwoPhaseCommit>[] = [moneyConserved, allOrNothing, nothingInDoubt];
