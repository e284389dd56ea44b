import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from './simulation.ts';
import type { LabDefinition, NetworkFault, TraceEntry } from './types.ts';

/** A two-service echo lab: `a` sends five numbered pings to `b`, which records each in its own database. */
function echoLab(network?: NetworkFault): LabDefinition {
  const table = { kind: 'sqlite' as const, setupSql: 'CREATE TABLE got (n INTEGER NOT NULL);' };
  return {
    id: 'echo',
    title: 'Echo',
    services: [
      { name: 'a', label: 'A', role: 'sends', database: table, tables: [] },
      { name: 'b', label: 'B', role: 'receives', database: table, tables: [] },
    ],
    behaviours: {
      a: {
        initialState: () => null,
        handle(ctx) {
          for (let n = 1; n <= 5; n++) ctx.send('b', { type: 'ping', n });
          return Promise.resolve();
        },
      },
      b: {
        initialState: () => null,
        async handle(ctx, message) {
          await ctx.sql(`INSERT INTO got (n) VALUES (${Number(message['n'])})`);
        },
      },
    },
    faults: network ? [{ id: 'net', label: 'network fault', description: 'under test', network }] : [],
    invariants: [],
    actions: [{ id: 'go', label: 'Go', service: 'a', message: { type: 'go' } }],
    network: { latencyMs: 10, jitterMs: 1 },
    exercises: [],
  };
}

let env: NodeLab;
beforeAll(async () => {
  env = await openNodeLab(echoLab());
});
afterAll(() => env.close());

async function run(network: NetworkFault | undefined, seed = 1) {
  await env.reset();
  const sim = new Simulation({ lab: echoLab(network), seed, databases: env.databases });
  if (network) await sim.apply({ kind: 'fault', faultId: 'net', on: true });
  await sim.apply({ kind: 'action', actionId: 'go' });
  await sim.runUntilQuiet();
  const delivered = sim.trace.flatMap((e: TraceEntry) => (e.type === 'deliver' && e.to === 'b' ? [Number(e.message['n'])] : []));
  return { sim, delivered };
}

describe('the simulated network', () => {
  it('delivers every message once, after its latency, when nothing is wrong', async () => {
    const { sim, delivered } = await run(undefined);
    expect([...delivered].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(sim.now).toBeGreaterThanOrEqual(10);
  });

  it('loses everything across a partition', async () => {
    const { sim, delivered } = await run({ kind: 'partition', between: ['a', 'b'] });
    expect(delivered).toEqual([]);
    expect(sim.trace.filter((e) => e.type === 'drop')).toHaveLength(5);
  });

  it('drops messages with the given probability, drawn from the seed', async () => {
    const { delivered } = await run({ kind: 'drop', between: ['a', 'b'], probability: 0.5 });
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(5);
    const again = await run({ kind: 'drop', between: ['a', 'b'], probability: 0.5 });
    expect(again.delivered).toEqual(delivered);
  });

  it('delivers every message twice when duplicating', async () => {
    const { delivered } = await run({ kind: 'duplicate', between: ['a', 'b'] });
    expect([...delivered].sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('adds the delay to every message', async () => {
    const { sim } = await run({ kind: 'delay', between: ['a', 'b'], delayMs: 500 });
    expect(sim.now).toBeGreaterThanOrEqual(510);
  });

  it('reorders messages with a large jitter, the same way for the same seed', async () => {
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6])
      orders.add((await run({ kind: 'reorder', between: ['a', 'b'], jitterMs: 200 }, seed)).delivered.join(','));
    expect([...orders].some((order) => order !== '1,2,3,4,5')).toBe(true);
    const first = await run({ kind: 'reorder', between: ['a', 'b'], jitterMs: 200 }, 3);
    const second = await run({ kind: 'reorder', between: ['a', 'b'], jitterMs: 200 }, 3);
    expect(second.sim.hash()).toBe(first.sim.hash());
  });
});

describe('a service without a database', () => {
  it('opens no database for it, and its handlers reach data only by sending messages', async () => {
    const base = echoLab();
    const [sender, receiver] = base.services;
    if (!sender || !receiver) throw new Error('echo lab has two services');
    const { database: _unused, ...appServer } = sender;
    const lab: LabDefinition = { ...base, services: [appServer, receiver] };
    const local = await openNodeLab(lab);
    try {
      expect([...local.databases.keys()]).toEqual(['b']);
      const sim = new Simulation({ lab, seed: 1, databases: local.databases });
      await sim.apply({ kind: 'action', actionId: 'go' });
      await sim.runUntilQuiet();
      const got = await local.databases.get('b')?.query('SELECT count(*) AS n FROM got');
      expect(got?.ok && got.results[0]?.rows[0]?.[0]).toBe(5);
      await expect(Promise.resolve().then(() => sim.database('a'))).rejects.toThrow(/no database for service a/);
    } finally {
      await local.close();
    }
  });
});
