import { describe, expect, it } from 'vitest';
import type { FaultDefinition, TraceEntry } from '../../labs/sim/types.ts';
import { hubOf, layoutMap, linkSegment, linkState, linksOf, messagesInFlight, serviceState, type MapNode } from './service-map-layout.ts';

const services = (names: readonly string[]) =>
  names.map((name) => ({ name, label: name, database: { kind: 'postgres' as const, setupSql: '' } }));

const partition: FaultDefinition = {
  id: 'partition-bank-b',
  label: 'Partition',
  description: '',
  service: 'bank-b',
  network: { kind: 'partition', between: ['coordinator', 'bank-b'] },
};
const slowBank: FaultDefinition = { id: 'bank-b-slow', label: 'Slow', description: '', service: 'bank-b' };
const twoPhase = { services: services(['coordinator', 'bank-a', 'bank-b']), faults: [partition, slowBank] };

const apart = (p: MapNode, q: MapNode) => p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;

describe('service map layout', () => {
  it('draws the first service on top and the others below it, left then right', () => {
    const layout = layoutMap(twoPhase.services, 600);
    const [coordinator, bankA, bankB] = layout.nodes;
    expect(coordinator?.name).toBe('coordinator');
    expect(coordinator && bankA && coordinator.y < bankA.y).toBe(true);
    expect(bankA && bankB && bankA.x < bankB.x).toBe(true);
  });

  it('never overlaps two services and stays inside its box, from 2 to 12 services, on a phone or a laptop', () => {
    for (const width of [330, 520, 900]) {
      for (let n = 2; n <= 12; n++) {
        const names = Array.from({ length: n }, (_, i) => `s${i}`);
        for (const hub of [undefined, 's0']) {
          const layout = layoutMap(services(names), width, hub);
          expect(layout.nodes).toHaveLength(n);
          for (const p of layout.nodes) {
            expect(p.x).toBeGreaterThanOrEqual(0);
            expect(p.x + p.w).toBeLessThanOrEqual(width);
            expect(p.y).toBeGreaterThanOrEqual(0);
            expect(p.y + p.h).toBeLessThanOrEqual(layout.height);
            for (const q of layout.nodes) if (p !== q) expect(apart(p, q), `${width} px, ${n} services, ${p.name}/${q.name}`).toBe(true);
          }
        }
      }
    }
  });

  it('puts a service linked to three or more others in the middle', () => {
    const broker = (to: string): FaultDefinition => ({
      id: `partition-${to}`,
      label: '',
      description: '',
      network: { kind: 'partition', between: ['broker', to] },
    });
    const lab = {
      services: services(['orders', 'payments', 'shipping', 'broker']),
      faults: ['orders', 'payments', 'shipping'].map(broker),
    };
    expect(hubOf(lab)).toBe('broker');
    expect(hubOf(twoPhase)).toBeUndefined();
    const layout = layoutMap(lab.services, 600, 'broker');
    const middle = layout.nodes.find((n) => n.name === 'broker');
    expect(middle && middle.x + middle.w / 2).toBe(300);
  });

  it('links the services that exchanged messages and those a network fault is declared between', () => {
    const trace: TraceEntry[] = [
      { type: 'send', step: 1, at: 0, id: 1, from: 'coordinator', to: 'bank-a', message: { type: 'prepare' }, deliverAt: 10 },
      { type: 'send', step: 2, at: 10, id: 2, from: 'bank-a', to: 'coordinator', message: { type: 'vote' }, deliverAt: 20 },
      { type: 'deliver', step: 1, at: 0, id: 3, from: 'reader', to: 'coordinator', message: { type: 'transfer' } },
    ];
    expect(linksOf(twoPhase, trace)).toEqual([
      { a: 'coordinator', b: 'bank-b', key: 'bank-b~coordinator' },
      { a: 'coordinator', b: 'bank-a', key: 'bank-a~coordinator' },
    ]);
  });

  it('tells a partitioned link and a slow service, with the faults a reader may set on each', () => {
    const [link] = linksOf(twoPhase, []);
    if (!link) throw new Error('no link');
    expect(linkState(twoPhase, link, [])).toMatchObject({ partitioned: false, on: [], faults: [partition] });
    expect(linkState(twoPhase, link, ['partition-bank-b'])).toMatchObject({ partitioned: true, on: [partition] });
    // The partition belongs to the link, not to the service it names.
    expect(serviceState(twoPhase, 'bank-b', { crashed: [], faultsOn: ['bank-b-slow'] })).toMatchObject({
      faults: [slowBank],
      slow: true,
      crashed: false,
    });
    expect(serviceState(twoPhase, 'coordinator', { crashed: ['coordinator'], faultsOn: [] }).crashed).toBe(true);
  });

  it('places a message in flight along its link by the share of its travel time that has passed', () => {
    const layout = layoutMap(services(['a', 'b']), 400);
    const trace: TraceEntry[] = [{ type: 'send', step: 1, at: 0, id: 7, from: 'a', to: 'b', message: { type: 'ping' }, deliverAt: 20 }];
    const pending = [
      { at: 20, from: 'a', to: 'b', type: 'ping' },
      { at: 20, from: 'timer', to: 'a', type: 'retry' },
    ];
    const segment = linkSegment(layout, 'a', 'b');
    const [start] = messagesInFlight(layout, pending, trace, 0);
    const [half] = messagesInFlight(layout, pending, trace, 10);
    expect(messagesInFlight(layout, pending, trace, 10)).toHaveLength(1);
    expect(start).toMatchObject({ key: '7-0', x: segment?.x1, y: segment?.y1 });
    expect(half?.x).toBeCloseTo(((segment?.x1 ?? 0) + (segment?.x2 ?? 0)) / 2);
  });
});
