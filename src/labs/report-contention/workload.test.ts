import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialPools, planWorkload, type PlannedRequest } from './workload.ts';
import { FIRST_NEW_TICKET_ID } from './settings.ts';

/** Seeded draws, as the kernel gives them. */
function draws(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Each request with its lab time, in the order the monoliths may receive them. */
const timed = (plan: readonly PlannedRequest[], startMs: number) => plan.map((r) => ({ ...r, atMs: startMs + r.offsetMs }));

/** The tightest gap, in lab ms, between a request and the earlier request that put its ticket in the state it expects. */
function tightestGap(requests: readonly (PlannedRequest & { atMs: number })[]) {
  const changedAt = new Map<number, number>();
  let tightest = Infinity;
  for (const r of [...requests].sort((a, b) => a.atMs - b.atMs)) {
    const before = changedAt.get(r.ticketId);
    if (r.op === 'open') expect(before, `ticket ${r.ticketId} opened twice`).toBeUndefined();
    else if (before !== undefined) tightest = Math.min(tightest, r.atMs - before);
    changedAt.set(r.ticketId, r.atMs);
  }
  return tightest;
}

describe('the workload planner', () => {
  it('never touches a ticket of an overlapping workload before that workload has sent its request', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 1, maxLength: 4 }), (seed, gaps) => {
        const pools = initialPools(FIRST_NEW_TICKET_ID);
        const draw = draws(seed);
        let startMs = 0;
        const requests = gaps.flatMap((gap) => {
          startMs += gap;
          return timed(planWorkload(40, pools, startMs, draw), startMs);
        });
        // Three requests' worth of lab time: far more than the network's jitter can reorder.
        expect(tightestGap(requests)).toBeGreaterThanOrEqual(45);
      }),
    );
  });
});
