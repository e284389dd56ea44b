import { describe, expect, it } from 'vitest';
import { planReplay } from './replay-plan.ts';

const received = (lsn: number, receivedAt: number) => ({ lsn, receivedAt });

describe('which entries a follower replays now', () => {
  it('replays the run without a gap that is due, and says when the next entry will be', () => {
    const waiting = [received(3, 0), received(4, 50), received(5, 400)];
    expect(planReplay('in-order', 2, waiting, 200, 150)).toEqual({ lsns: [3, 4], nextDueAt: 550 });
  });

  it('stops at a gap and waits for the leader to ship the missing entry', () => {
    expect(planReplay('in-order', 2, [received(4, 0), received(5, 0)], 1_000, 150)).toEqual({ lsns: [] });
  });

  it('broken on purpose: as-received replays past the gap, out of log order', () => {
    expect(planReplay('as-received', 2, [received(3, 300), received(4, 0)], 200, 150)).toEqual({ lsns: [4], nextDueAt: 450 });
  });
});
