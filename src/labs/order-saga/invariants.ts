/**
 * What must hold in the order-saga lab, computed from the services' real databases.
 *
 * Three are safety rules: they hold at every instant, in flight or not, so a breach is broken at once.
 * Two are about the end: while sagas are in flight they may be pending; once all is quiet they must hold.
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { InvariantResult } from '../sim/types.ts';
import { gatherFacts, net, stateOf, type SagaFacts } from './facts.ts';
import type { Mode, OrderSaga } from './messages.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function eventually(quiet: boolean, holds: boolean, summary: string, rows: Record<string, unknown>[]): InvariantResult {
  if (holds) return { status: 'holds', summary };
  return quiet ? { status: 'broken', summary, rows } : { status: 'pending', summary: `${summary} Sagas are still in flight.`, rows };
}

const stockConserved: InvariantSpec<OrderSaga> = {
  id: 'stock-conserved',
  label: 'Stock is conserved (available + held = initial, per item)',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'inventory'),
      `SELECT i.sku, i.initial, i.available, coalesce(sum(r.qty), 0) AS held FROM items i
LEFT JOIN reservations r ON r.sku = i.sku AND r.status = 'held' GROUP BY i.sku, i.initial, i.available ORDER BY i.sku`,
    );
    const off = rows.filter((r) => Number(r['available']) + Number(r['held']) !== Number(r['initial']));
    if (off.length === 0)
      return {
        status: 'holds',
        summary: rows.map((r) => `${String(r['sku'])}: ${Number(r['available'])} + ${Number(r['held'])}`).join('; '),
      };
    return { status: 'broken', summary: `${plural(off.length, 'item')} no longer add up to the stock it started with.`, rows: off };
  },
};

const moneyConserved: InvariantSpec<OrderSaga> = {
  id: 'money-conserved',
  label: 'Money is conserved (charges − refunds = total of completed orders)',
  async check(dbs, quiet) {
    const facts = await gatherFacts(dbs);
    const kept = facts.reduce((sum, f) => sum + net(f), 0);
    const owed = facts.reduce((sum, f) => sum + (f.status === 'completed' ? f.amount : 0), 0);
    const rows = facts
      .filter((f) => net(f) !== (f.status === 'completed' ? f.amount : 0))
      .map((f) => ({ order: f.id, status: f.status, amount: f.amount, charged: f.charged, refunded: f.refunded }));
    return eventually(quiet, kept === owed && rows.length === 0, `Payments keeps ${kept}; completed orders total ${owed}.`, rows);
  },
};

function outcomes(facts: readonly SagaFacts[], mode: Mode): string | undefined {
  const mine = facts.filter((f) => f.mode === mode);
  if (mine.length === 0) return undefined;
  const count = (state: string) => mine.filter((f) => stateOf(f) === state).length;
  const parked = mine.filter((f) => f.deadLetters > 0).length;
  const unfinished = count('unfinished');
  const stuck = parked > 0 ? ` (${parked} waiting in the dead-letter topic)` : '';
  return `${mode}: ${count('completed')} completed, ${count('compensated')} compensated, ${unfinished} unfinished${stuck}`;
}

/** Doubles as the lab's scoreboard: how many sagas completed, were compensated, or wait in the dead-letter topic. */
const sagasFinish: InvariantSpec<OrderSaga> = {
  id: 'sagas-finish',
  label: 'Every saga ends completed or fully compensated',
  async check(dbs, quiet) {
    const facts = await gatherFacts(dbs);
    if (facts.length === 0) return { status: 'holds', summary: 'No saga has started yet.' };
    const summary = `${[outcomes(facts, 'orchestrated'), outcomes(facts, 'choreographed')].filter(Boolean).join('; ')}.`;
    const rows = facts
      .filter((f) => stateOf(f) === 'unfinished')
      .map((f) => ({
        order: f.id,
        status: f.status,
        held: f.held,
        net_paid: net(f),
        parcels: f.shipped,
        ...(f.logged !== undefined ? { log: f.logged ?? 'open' } : {}),
        dead_letters: f.deadLetters,
      }));
    return eventually(quiet, rows.length === 0, summary, rows);
  },
};

const noShipmentWithoutPayment: InvariantSpec<OrderSaga> = {
  id: 'no-shipment-without-payment',
  label: 'No order is shipped without payment',
  async check(dbs) {
    const facts = await gatherFacts(dbs);
    const rows = facts
      .filter((f) => f.shipped > 0 && net(f) < f.amount)
      .map((f) => ({ order: f.id, parcels: f.shipped, amount: f.amount, net_paid: net(f) }));
    if (rows.length === 0)
      return { status: 'holds', summary: `${plural(facts.filter((f) => f.shipped > 0).length, 'order')} shipped, each paid.` };
    return { status: 'broken', summary: `${plural(rows.length, 'order')} shipped without being paid for.`, rows };
  },
};

/**
 * Undoing newest first means the state is always one the forward path could have reached: nothing is
 * still paid for once its stock is released, and no stock is still held once its order is cancelled.
 */
const undoNewestFirst: InvariantSpec<OrderSaga> = {
  id: 'undo-newest-first',
  label: 'Undo runs newest first: no payment kept for released stock, no stock held for a cancelled order',
  async check(dbs) {
    const facts = await gatherFacts(dbs);
    const rows = facts
      .filter((f) => (net(f) > 0 && f.held === 0) || (f.held > 0 && f.status === 'cancelled'))
      .map((f) => ({ order: f.id, status: f.status, held: f.held, net_paid: net(f) }));
    if (rows.length === 0) return { status: 'holds', summary: 'Every order’s effects are a prefix of create, reserve, charge, ship.' };
    return { status: 'broken', summary: `${plural(rows.length, 'order')} had an earlier step undone before a later one.`, rows };
  },
};

export const invariants: readonly InvariantSpec<OrderSaga>[] = [
  stockConserved,
  moneyConserved,
  sagasFinish,
  noShipmentWithoutPayment,
  undoNewestFirst,
];

/** The invariants that must hold at every instant, not only once all is quiet. */
export const SAFETY_INVARIANTS: readonly string[] = [stockConserved.id, noShipmentWithoutPayment.id, undoNewestFirst.id];
