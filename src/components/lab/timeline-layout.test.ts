import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../labs/sim/types.ts';
import { layoutTimeline, messageLabel } from './timeline-layout.ts';

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
  });

  it('keeps labels short', () => {
    expect(messageLabel({ type: 'vote', gid: 'tx-12', bank: 'bank-b', vote: 'no', reason: 'refused (injected fault)' })).toHaveLength(28);
  });
});
