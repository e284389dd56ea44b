/** What must hold in the report-contention lab, computed from the three databases. */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { ANALYTICS, MONOLITH_A, MONOLITH_B, type ReportContention } from './messages.ts';
import { FIRST_NEW_TICKET_ID } from './settings.ts';

interface StatusCount {
  readonly status: string;
  readonly tickets: number;
  readonly idSum: number;
}

async function monolithStatuses(db: Database): Promise<StatusCount[]> {
  const rows = await select(
    db,
    'SELECT status, count(*)::int AS tickets, coalesce(sum(id), 0)::bigint AS id_sum FROM tickets GROUP BY status ORDER BY status',
  );
  return rows.map((r) => ({ status: String(r['status']), tickets: Number(r['tickets']), idSum: Number(r['id_sum']) }));
}

export async function storeStatuses(db: Database): Promise<StatusCount[]> {
  const rows = await select(
    db,
    'SELECT status, count(*) AS tickets, coalesce(sum(ticket_id), 0) AS id_sum FROM ticket_facts GROUP BY status ORDER BY status',
  );
  return rows.map((r) => ({ status: String(r['status']), tickets: Number(r['tickets']), idSum: Number(r['id_sum']) }));
}

/** Status by status, where two databases disagree; empty when they hold the same tickets. */
function differences(left: readonly StatusCount[], right: readonly StatusCount[], names: readonly [string, string]) {
  const statuses = [...new Set([...left, ...right].map((s) => s.status))].sort();
  return statuses.flatMap((status) => {
    const l = left.find((s) => s.status === status);
    const r = right.find((s) => s.status === status);
    if (l?.tickets === r?.tickets && l?.idSum === r?.idSum) return [];
    return [{ status, [names[0]]: l?.tickets ?? 0, [names[1]]: r?.tickets ?? 0 }];
  });
}

const count = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;

/**
 * Both monoliths get every operational request at the same moment. The report makes A slower, never
 * different: once the lab is quiet, both hold the same tickets in the same states.
 */
const operationalWritesKept: InvariantSpec<ReportContention> = {
  id: 'operational-writes-kept',
  label: 'No operational write is lost: both monoliths hold the same tickets',
  async check(dbs, quiet) {
    const a = await monolithStatuses(requireDb(dbs, MONOLITH_A));
    const b = await monolithStatuses(requireDb(dbs, MONOLITH_B));
    const rows = differences(a, b, [MONOLITH_A, MONOLITH_B]);
    const total = a.reduce((n, s) => n + s.tickets, 0);
    if (rows.length === 0) return { status: 'holds', summary: `Both monoliths hold the same ${count(total, 'ticket')}.` };
    const summary = `The monoliths disagree on ${count(rows.length, 'status')}.`;
    return quiet ? { status: 'broken', summary, rows } : { status: 'pending', summary: `${summary} Requests are still in flight.`, rows };
  },
};

/** The store may lag behind; it may never invent. Checked at every step, in flight or not. */
const noPhantomTickets: InvariantSpec<ReportContention> = {
  id: 'no-phantom-tickets',
  label: 'The analytics store never shows a ticket monolith B does not have',
  async check(dbs) {
    const store = requireDb(dbs, ANALYTICS);
    const monolith = requireDb(dbs, MONOLITH_B);
    const newIds = (
      await select(store, `SELECT ticket_id FROM ticket_facts WHERE ticket_id >= ${FIRST_NEW_TICKET_ID} ORDER BY ticket_id`)
    ).map((r) => Number(r['ticket_id']));
    const known =
      newIds.length === 0
        ? new Set<number>()
        : new Set((await select(monolith, `SELECT id FROM tickets WHERE id IN (${newIds.join(', ')})`)).map((r) => Number(r['id'])));
    // The history is too long to compare id by id at every step; its count and id sum must match instead.
    const older = 'count(*) AS tickets, coalesce(sum(ticket_id), 0) AS id_sum';
    const [storeOld] = await select(store, `SELECT ${older} FROM ticket_facts WHERE ticket_id < ${FIRST_NEW_TICKET_ID}`);
    const [monolithOld] = await select(
      monolith,
      `SELECT count(*)::int AS tickets, coalesce(sum(id), 0)::bigint AS id_sum FROM tickets WHERE id < ${FIRST_NEW_TICKET_ID}`,
    );
    const rows = newIds.filter((id) => !known.has(id)).map((id) => ({ ticket_id: id, problem: 'not in monolith B' }));
    if (
      Number(storeOld?.['tickets']) !== Number(monolithOld?.['tickets']) ||
      Number(storeOld?.['id_sum']) !== Number(monolithOld?.['id_sum'])
    ) {
      rows.push({
        ticket_id: 0,
        problem: `history differs: ${Number(storeOld?.['tickets'])} tickets in the store, ${Number(monolithOld?.['tickets'])} in monolith B`,
      });
    }
    if (rows.length === 0) {
      return {
        status: 'holds',
        summary: `Every ticket in the store is in monolith B (${count(newIds.length, 'new ticket')} copied so far).`,
      };
    }
    return { status: 'broken', summary: `The store shows ${count(rows.length, 'ticket')} that monolith B does not have.`, rows };
  },
};

/**
 * After a copy pass that has looked at every change, the store matches the monolith exactly. Until the job
 * has caught up, the gap is expected: that is staleness, and the invariant says how far behind it is.
 */
const storeMatchesAfterCopy: InvariantSpec<ReportContention> = {
  id: 'store-matches-after-copy',
  label: 'Once the copy job has caught up, the analytics store matches monolith B',
  async check(dbs) {
    const store = requireDb(dbs, ANALYTICS);
    const monolith = requireDb(dbs, MONOLITH_B);
    const [head] = await select(monolith, 'SELECT coalesce(max(change_seq), 0)::int AS head FROM tickets');
    const [state] = await select(store, 'SELECT checked_seq FROM etl_state');
    const behind = Number(head?.['head'] ?? 0) - Number(state?.['checked_seq'] ?? 0);
    if (behind > 0) {
      return {
        status: 'pending',
        summary: `The copy job has not looked at the last ${count(behind, 'change')} yet: the store is stale, as expected between passes.`,
      };
    }
    const rows = differences(await storeStatuses(store), await monolithStatuses(monolith), [ANALYTICS, MONOLITH_B]);
    if (rows.length === 0)
      return {
        status: 'holds',
        summary: 'The copy job has seen every change, and the store counts the same tickets per status as monolith B.',
      };
    return {
      status: 'broken',
      summary: `The copy job has seen every change, yet the store differs from monolith B on ${count(rows.length, 'status')}.`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<ReportContention>[] = [operationalWritesKept, noPhantomTickets, storeMatchesAfterCopy];
