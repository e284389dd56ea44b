import { describe, expect, it } from 'vitest';
import type { ActionDefinition } from '../../labs/sim/types.ts';
import { groupActions } from './action-groups.ts';

const act = (label: string): ActionDefinition => ({ id: label, label, service: 's', message: { type: 'x' } });
const shape = (labels: string[]) =>
  groupActions(labels.map(act)).map((e) => (e.kind === 'group' ? { [e.subject]: e.items.map((i) => i.text) } : e.item.text));

describe('groupActions', () => {
  it('groups two or more neighbours that share a subject, and keeps every action in its order', () => {
    expect(
      shape(['Run the workload', 'Shard key: customer (hashed)', 'Shard key: region (ranges)', 'Hashing: ring', 'Add a shard']),
    ).toEqual(['Run the workload', { 'Shard key': ['customer (hashed)', 'region (ranges)'] }, 'Hashing: ring', 'Add a shard']);
  });

  it('leaves a lone "Subject: option", labels without a subject, and non-neighbours as they are', () => {
    expect(shape(['Fill: versioned set', 'Play the race', 'Fill: plain'])).toEqual(['Fill: versioned set', 'Play the race', 'Fill: plain']);
    expect(shape(['Transfer 30 from Alice to Bob', 'Transfer 500'])).toEqual(['Transfer 30 from Alice to Bob', 'Transfer 500']);
  });

  it('does not take a time of day or a long sentence for a subject', () => {
    expect(shape(['Restore at 10:00', 'Restore at 10:30'])).toEqual(['Restore at 10:00', 'Restore at 10:30']);
  });
});
