import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../labs/sim/types.ts';
import { arrowsInWindow, filterTimeline, layoutTimeline, messageLabel, timelineColumns, visibleRows } from './timeline-layout.ts';

const prepare = { type: 'prepare', gid: 'tx-1', account: 'alice', delta: -30 };

describe('timeline layout', () => {
  it('draws an arrow from the row a message was sent in to the row it arrived in', () => {
    const trace: TraceEntry[] = [
      { type: 'deliver', step: 1, at: 0, id: 1, from: 'reader', to: 'coordinator', message: { type: 'transfer', amount: 30 } },
      { type: 'send', step: 1, at: 0, id: 2, from: 'coordinator', to: 'bank-a', message: prepare, deliverAt: 12 },
      { type: 'send', step: 1, at: 0, id: 3, from: 'coordinator', to: 'bank-b', message: prepare, deliverAt: 11 },
      { type: 'deliver', step: 2, at: 11, id: 3, from: 'coordinator', to: 'bank-b', message: prepare },
      { type: 'drop', step: 3, at: 12, id: 2, from: 'coordinator', to: 'bank-a', message: prepare, reason: 'network partition' },
      { type: 'crash', step: 3, at: 12, service: 'coordinator', reason: 'fault' },
    ];
    const layout = layoutTimeline(['coordinator', 'bank-a', 'bank-b'], trace);
    expect(layout.lanes).toEqual(['reader', 'coordinator', 'bank-a', 'bank-b']);
    expect(layout.arrows).toEqual([
      { id: 1, from: 'reader', to: 'coordinator', fromRow: 0, toRow: 0, label: 'transfer 30' },
      { id: 3, from: 'coordinator', to: 'bank-b', fromRow: 0, toRow: 1, label: 'prepare tx-1 alice -30' },
      { id: 2, from: 'coordinator', to: 'bank-a', fromRow: 0, toRow: 2, label: 'prepare tx-1 alice -30', lost: 'network partition' },
    ]);
    expect(layout.marks).toEqual([{ lane: 'coordinator', row: 3, kind: 'crash', text: 'crash', step: 3 }]);
    expect(layout.lines[3]).toBe('12 ms · coordinator CRASHES: fault');
    expect(layout.steps).toEqual([1, 2, 3, 3]);
    expect(layout.short).toEqual([
      'coordinator ← transfer 30',
      'bank-b ← prepare tx-1 alice -30',
      '✕ prepare tx-1 alice -30 to bank-a lost',
      'coordinator crashes',
    ]);
    expect(layout.involved[1]).toEqual(['coordinator', 'bank-b']);
  });

  it('filters by service, keeping the lanes the service talked to and the arrows that reach it', () => {
    const trace: TraceEntry[] = [
      { type: 'deliver', step: 1, at: 0, id: 1, from: 'reader', to: 'coordinator', message: { type: 'transfer' } },
      { type: 'send', step: 1, at: 0, id: 2, from: 'coordinator', to: 'bank-a', message: prepare, deliverAt: 12 },
      { type: 'send', step: 1, at: 0, id: 3, from: 'coordinator', to: 'bank-b', message: prepare, deliverAt: 11 },
      { type: 'deliver', step: 2, at: 11, id: 3, from: 'coordinator', to: 'bank-b', message: prepare },
      { type: 'deliver', step: 3, at: 12, id: 2, from: 'coordinator', to: 'bank-a', message: prepare },
      { type: 'note', step: 3, at: 12, service: 'bank-a', text: 'prepared' },
    ];
    const layout = layoutTimeline(['coordinator', 'bank-a', 'bank-b'], trace);
    const bankA = filterTimeline(layout, new Set(['bank-a']));
    expect(bankA.lanes).toEqual(['coordinator', 'bank-a']);
    expect(bankA.lines).toEqual(['12 ms · bank-a receives prepare tx-1 alice -30 from coordinator', '12 ms · bank-a: prepared']);
    expect(bankA.steps).toEqual([3, 3]);
    // Sent in a row that is filtered out: the arrow starts at the first row kept.
    expect(bankA.arrows).toEqual([expect.objectContaining({ id: 2, fromRow: 0, toRow: 0 })]);
    expect(bankA.marks).toEqual([expect.objectContaining({ lane: 'bank-a', row: 1 })]);
  });

  it('draws only a window of a long run: the rows on screen and the arrows that cross them', () => {
    expect(visibleRows(0, 260, 26, 5000)).toEqual([0, 18]);
    expect(visibleRows(26 * 1000, 260, 26, 5000)).toEqual([992, 1018]);
    expect(visibleRows(26 * 4990, 260, 26, 5000)).toEqual([4982, 5000]);
    const arrow = (fromRow: number, toRow: number) => ({ id: fromRow, from: 'a', to: 'b', fromRow, toRow, label: '' });
    expect(arrowsInWindow([arrow(0, 2), arrow(5, 40), arrow(50, 60)], 10, 20)).toEqual([arrow(5, 40)]);
  });

  it('gives lanes what is left after the texts, never less than a readable width', () => {
    expect(timelineColumns(900, 4)).toEqual({ text: 360, lane: 135 });
    expect(timelineColumns(330, 4)).toEqual({ text: 150, lane: 84 });
    expect(timelineColumns(1400, 3)).toEqual({ text: 360, lane: 170 });
  });

  it('keeps labels short', () => {
    expect(messageLabel({ type: 'vote', gid: 'tx-12', bank: 'bank-b', vote: 'no', reason: 'refused (injected fault)' })).toHaveLength(28);
  });
});
