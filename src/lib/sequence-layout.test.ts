import { describe, expect, it } from 'vitest';
import { DIAGRAMS } from '../components/sequence/diagrams.ts';
import { COLUMN_WIDTH, PHONE_WIDTH, describeSteps, labelsOf, layoutSequence, type Box, type SequenceScript } from './sequence-layout.ts';

function overlaps(a: Box, b: Box) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const WIDTHS = [PHONE_WIDTH, COLUMN_WIDTH, 2000];
const scripts: readonly [string, SequenceScript][] = [
  ...Object.entries(DIAGRAMS),
  [
    'made up',
    {
      participants: [
        { id: 'a', label: 'A rather long participant name' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'Another long one' },
      ],
      steps: [
        { kind: 'message', from: 'a', to: 'c', label: 'a message with a long label that crosses everything' },
        { kind: 'action', at: ['a', 'b', 'c'], label: 'SOMETHING EACH DOES' },
        { kind: 'crash', at: 'c', label: 'crashes at the right-hand edge' },
        { kind: 'note', label: 'a band across' },
        { kind: 'message', from: 'c', to: 'a', label: 'back', reply: true },
      ],
    },
  ],
];

describe.each(scripts)('the sequence layout of %s', (_name, script) => {
  it.each(WIDTHS)('keeps every label apart and inside the drawing (%i px)', (maxWidth) => {
    const layout = layoutSequence(script, maxWidth);
    expect(layout.width).toBeLessThanOrEqual(maxWidth);
    const labels = labelsOf(layout);
    for (const [i, a] of labels.entries()) {
      expect(a.box.x, a.text).toBeGreaterThanOrEqual(0);
      expect(a.box.x + a.box.width, a.text).toBeLessThanOrEqual(layout.width);
      expect(a.box.y + a.box.height, a.text).toBeLessThanOrEqual(layout.height);
      for (const b of labels.slice(i + 1)) expect(overlaps(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
    }
  });

  it.each(WIDTHS)('runs no arrow through a label (%i px)', (maxWidth) => {
    const layout = layoutSequence(script, maxWidth);
    for (const arrow of layout.steps) {
      if (arrow.kind !== 'message') continue;
      const line = { x: Math.min(arrow.x1, arrow.x2), y: arrow.y - 1, width: Math.abs(arrow.x2 - arrow.x1), height: 2 };
      for (const l of labelsOf(layout)) expect(overlaps(line, l.box), l.text).toBe(false);
    }
  });

  it('draws every step, in order, with arrows between the lifelines of the participants it names', () => {
    const layout = layoutSequence(script, PHONE_WIDTH);
    expect([...new Set(layout.steps.map((s) => s.index))]).toEqual(script.steps.map((_, i) => i));
    const xOf = new Map(layout.participants.map((p) => [p.id, p.x]));
    for (const placed of layout.steps) {
      const step = script.steps[placed.index];
      if (placed.kind === 'message' && step?.kind === 'message') {
        expect([placed.x1, placed.x2]).toEqual([xOf.get(step.from), xOf.get(step.to)]);
      }
    }
    expect(describeSteps(script)).toHaveLength(script.steps.length);
  });

  it('puts every message label between its arrow’s ends when there is room', () => {
    const wide = layoutSequence(script, 2000);
    expect(wide.roomy).toBe(true);
    for (const placed of wide.steps) {
      if (placed.kind !== 'message') continue;
      expect(placed.label.box.x).toBeGreaterThanOrEqual(Math.min(placed.x1, placed.x2));
      expect(placed.label.box.x + placed.label.box.width).toBeLessThanOrEqual(Math.max(placed.x1, placed.x2));
    }
  });
});

describe('a script the layout refuses', () => {
  it('names a participant that does not exist', () => {
    const script: SequenceScript = {
      participants: [{ id: 'a', label: 'A' }],
      steps: [{ kind: 'message', from: 'a', to: 'ghost', label: 'hello' }],
    };
    expect(() => layoutSequence(script, COLUMN_WIDTH)).toThrow(/ghost/);
  });

  it('sends a message to its own sender', () => {
    const script: SequenceScript = {
      participants: [{ id: 'a', label: 'A' }],
      steps: [{ kind: 'message', from: 'a', to: 'a', label: 'hi' }],
    };
    expect(() => layoutSequence(script, PHONE_WIDTH)).toThrow(/action/);
  });
});
