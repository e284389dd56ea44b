/**
 * The ticket workload, planned up front from the kernel's seeded draws: which request goes out when, and
 * for which ticket. A ticket is assigned only a few requests after it was opened, and closed only a few
 * after it was assigned, so every request finds its ticket in the state it expects.
 */
import type { OpKind, Priority } from './messages.ts';
import { CUSTOMERS, WORKLOAD_GAP_JITTER_MS, WORKLOAD_GAP_MS } from './settings.ts';

export interface PlannedRequest {
  /** Virtual ms after the workload starts. */
  readonly offsetMs: number;
  readonly op: OpKind;
  readonly ticketId: number;
  readonly customerId?: number;
  readonly priority?: Priority;
  readonly expertId?: number;
}

/**
 * A ticket the planner may still assign or close: the request index (in the workload being planned) at which
 * it reached its state, and the lab time from which another request may touch it. The second matters when
 * the reader starts a workload while an earlier one is still sending: a ticket that workload has planned to
 * open must not be assigned before it exists, or the two monoliths could see the requests in different orders.
 */
export interface PooledTicket {
  readonly id: number;
  since: number;
  readyAtMs: number;
}

export interface TicketPools {
  nextId: number;
  readonly open: PooledTicket[];
  readonly assigned: PooledTicket[];
}

/** The seed's open and assigned tickets, so the first workload has work to assign and close too. */
export function initialPools(firstId: number): TicketPools {
  return {
    nextId: firstId,
    open: [102, 104].map((id) => ({ id, since: -10, readyAtMs: 0 })),
    assigned: [101, 103, 106, 108].map((id) => ({ id, since: -10, readyAtMs: 0 })),
  };
}

/** Requests between a ticket changing state and the next request that may touch it. */
const SETTLE = 3;
/** The same margin in lab time, for requests of two workloads that overlap: far above the network's jitter. */
const SETTLE_MS = SETTLE * WORKLOAD_GAP_MS;
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'normal', 'high'];

function take(pool: PooledTicket[], index: number, atMs: number, draw: () => number): PooledTicket | undefined {
  const ready = pool.filter((t) => t.since <= index - SETTLE && t.readyAtMs <= atMs);
  const chosen = ready[Math.floor(draw() * ready.length)];
  if (chosen) pool.splice(pool.indexOf(chosen), 1);
  return chosen;
}

/**
 * Plans `count` requests for a workload starting at lab time `startMs`, moving tickets through `pools` (which
 * it updates for the next workload).
 */
export function planWorkload(count: number, pools: TicketPools, startMs: number, draw: () => number): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0) offset += WORKLOAD_GAP_MS + Math.floor(draw() * WORKLOAD_GAP_JITTER_MS);
    const r = draw();
    const atMs = startMs + offset;
    const toAssign = r >= 0.45 && r < 0.75 ? take(pools.open, i, atMs, draw) : undefined;
    const toClose = r >= 0.75 ? take(pools.assigned, i, atMs, draw) : undefined;
    if (toAssign) {
      const expertId = 1 + Math.floor(draw() * 4);
      pools.assigned.push({ id: toAssign.id, since: i, readyAtMs: atMs + SETTLE_MS });
      plan.push({ offsetMs: offset, op: 'assign', ticketId: toAssign.id, expertId });
    } else if (toClose) {
      plan.push({ offsetMs: offset, op: 'close', ticketId: toClose.id });
    } else {
      const id = pools.nextId++;
      const customerId = 1 + Math.floor(draw() * CUSTOMERS);
      const priority = PRIORITIES[Math.floor(draw() * PRIORITIES.length)] ?? 'normal';
      pools.open.push({ id, since: i, readyAtMs: atMs + SETTLE_MS });
      plan.push({ offsetMs: offset, op: 'open', ticketId: id, customerId, priority });
    }
  }
  // A later workload counts its own requests from 0; what this one left behind is ready once its time has come.
  for (const t of [...pools.open, ...pools.assigned]) t.since = -SETTLE;
  return plan;
}
