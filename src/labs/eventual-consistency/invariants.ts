/**
 * What must hold. Each pattern's counts must equal its real open tickets once the lab is quiet (pending
 * while work is in flight or a crashed service must come back first), and no count may ever run ahead of
 * the tickets that exist, which is what counting an event twice looks like.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { InvariantResult } from '../sim/types.ts';
import type { EventualConsistency } from './messages.ts';
import { PATTERNS, type Pattern, type PatternId } from './patterns.ts';

export interface CountRow {
  readonly customer: string;
  readonly stored: number;
  readonly open: number;
  readonly created: number;
}

/** Invariants pass the lab's typed map, exercises the kernel's: the names below are the lab's own. */
type Dbs = ReadonlyMap<string, Database>;

const TICKETS_TABLE: Readonly<Record<PatternId, string>> = { sync: 'tickets.tickets', request: 'tickets', events: 'tickets' };
const CUSTOMERS_TABLE: Readonly<Record<PatternId, string>> = { sync: 'customers.customers', request: 'customers', events: 'customers' };

/** Per customer: the count the customer side stores, and the truth on the ticket side. */
export async function countRows(dbs: Dbs, p: Pattern): Promise<CountRow[]> {
  const tickets = await select(
    requireDb(dbs, p.tickets),
    `SELECT customer_id, count(*) FILTER (WHERE status = 'open') AS open, count(*) AS created FROM ${TICKETS_TABLE[p.id]} GROUP BY customer_id`,
  );
  const byCustomer = new Map(tickets.map((r) => [String(r['customer_id']), r]));
  const stored = await select(requireDb(dbs, p.customers), `SELECT id, open_tickets FROM ${CUSTOMERS_TABLE[p.id]} ORDER BY id`);
  return stored.map((r) => {
    const truth = byCustomer.get(String(r['id']));
    return {
      customer: String(r['id']),
      stored: Number(r['open_tickets']),
      open: Number(truth?.['open'] ?? 0),
      created: Number(truth?.['created'] ?? 0),
    };
  });
}

/** Why a quiet lab may still be waiting: work that only a restart will move, read from the databases. */
async function waitingOnRestart(dbs: Dbs, p: Pattern): Promise<string | undefined> {
  if (p.id === 'events') {
    const [paused] = await select(requireDb(dbs, 'broker'), 'SELECT count(*) AS n FROM broker_subscriptions WHERE paused = 1');
    if (Number(paused?.['n']) > 0) return 'the broker waits for the Customer service to come back and resume';
    const [unsent] = await select(requireDb(dbs, p.tickets), 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    if (Number(unsent?.['n']) > 0) return 'the outbox holds events the crashed ticket service has not published';
  }
  if (p.id === 'request') {
    const [waiting] = await select(requireDb(dbs, p.tickets), "SELECT count(*) AS n FROM customer_calls WHERE state = 'waiting'");
    if (Number(waiting?.['n']) > 0) return 'calls are waiting in the crashed ticket service';
  }
  return undefined;
}

const show = (r: CountRow) => `${r.customer} ${r.stored} (should be ${r.open})`;

async function converges(dbs: Dbs, p: Pattern, quiet: boolean): Promise<InvariantResult> {
  const rows = await countRows(dbs, p);
  const wrong = rows.filter((r) => r.stored !== r.open);
  const total = rows.reduce((n, r) => n + r.open, 0);
  if (wrong.length === 0) return { status: 'holds', summary: `Every count matches the ${total} open tickets.` };
  const detail = wrong.map(show).join(', ');
  if (!quiet) return { status: 'pending', summary: `Not yet: ${detail}; work is still in flight.`, rows: wrong.map((r) => ({ ...r })) };
  const waiting = await waitingOnRestart(dbs, p);
  if (waiting) return { status: 'pending', summary: `Not yet: ${detail}; ${waiting}.`, rows: wrong.map((r) => ({ ...r })) };
  return { status: 'broken', summary: `The lab is quiet and the counts are wrong: ${detail}.`, rows: wrong.map((r) => ({ ...r })) };
}

export const CONVERGE_ID: Readonly<Record<PatternId, string>> = {
  sync: 'sync-counts-converge',
  request: 'request-counts-converge',
  events: 'event-counts-converge',
};

export const NO_DOUBLE_COUNT = 'no-double-counting';

export const invariants: readonly InvariantSpec<EventualConsistency>[] = [
  ...PATTERNS.map((p): InvariantSpec<EventualConsistency> => ({
    id: CONVERGE_ID[p.id],
    label: `${p.label}: counts equal the open tickets once quiet`,
    check: (dbs, quiet) => converges(dbs, p, quiet),
  })),
  {
    id: NO_DOUBLE_COUNT,
    label: 'No count is ever above the tickets that exist, nor below zero',
    async check(dbs) {
      const bad: Record<string, string | number>[] = [];
      for (const p of PATTERNS)
        for (const r of await countRows(dbs, p))
          if (r.stored > r.created || r.stored < 0)
            bad.push({ pattern: p.label, customer: r.customer, count: r.stored, tickets: r.created });
      if (bad.length === 0) return { status: 'holds', summary: 'No customer is counted for more tickets than they have.' };
      const list = bad.map(
        (b) => `${String(b['pattern'])}: ${String(b['customer'])} counted ${String(b['count'])} of ${String(b['tickets'])}`,
      );
      return { status: 'broken', summary: `Counted twice: ${list.join('; ')}.`, rows: bad };
    },
  },
];
