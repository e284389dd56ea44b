import { describe, expect, it } from 'vitest';
import { openNodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import {
  DEFAULT_NETWORK,
  DEFAULT_STATEMENT_LIMIT_MS,
  defineLab,
  factsOf,
  type LabContext,
  type LabTypes,
  type ServiceSpec,
} from './define-lab.ts';

type Ping = { readonly type: 'ping'; readonly n: number };
type Pong = { readonly type: 'pong'; readonly n: number };

interface PingPong extends LabTypes {
  readonly inbox: { readonly pinger: Pong; readonly ponger: Ping };
  readonly faults: 'ponger-mute';
  readonly facts: { readonly kind: 'answered'; readonly n: number };
}

const ponger: ServiceSpec<PingPong, 'ponger', { seen: number }> = {
  label: 'Ponger',
  role: 'Answers pings and counts them in Postgres',
  database: { kind: 'postgres', setupSql: 'CREATE TABLE pings (n int PRIMARY KEY);' },
  tables: [{ title: 'pings', sql: 'SELECT n FROM pings ORDER BY n' }],
  initialState: () => ({ seen: 0 }),
  on: {
    async ping(ctx, message) {
      ctx.state.seen++;
      if (ctx.isFaultOn('ponger-mute')) return;
      await ctx.sql(`INSERT INTO pings VALUES (${message.n})`);
      ctx.send('pinger', { type: 'pong', n: message.n });
      ctx.fact({ kind: 'answered', n: message.n });
    },
  },
};

const pinger: ServiceSpec<PingPong, 'pinger', null> = {
  label: 'Pinger',
  role: 'Sends pings',
  initialState: () => null,
  on: { pong: (ctx, message) => ctx.note(`pong ${message.n}`) },
};

const lab = defineLab<PingPong>({
  id: 'ping-pong',
  title: 'Ping pong',
  services: { pinger, ponger },
  faults: { 'ponger-mute': { label: 'Ponger is mute', description: 'It hears pings and answers none.', service: 'ponger' } },
  invariants: [],
  measures: [{ id: 'answers', label: 'Answers', measure: (facts) => ({ summary: `${facts.length} answered`, rows: [] }) }],
  actions: [{ id: 'ping-1', label: 'Ping 1', service: 'ponger', message: { type: 'ping', n: 1 } }],
  exercises: [],
});

// What the compiler refuses: each line below is an error that the typed layer exists to catch.
export function refusedAtCompileTime(ctx: LabContext<PingPong, 'ponger', { seen: number }>) {
  // @ts-expect-error -- a misspelt fault id
  ctx.isFaultOn('ponger-mut');
  // @ts-expect-error -- a service that does not exist
  ctx.send('pinegr', { type: 'pong', n: 1 });
  // @ts-expect-error -- a message the receiver does not accept
  ctx.send('pinger', { type: 'ping', n: 1 });
  // @ts-expect-error -- a fact of the wrong shape
  ctx.fact({ kind: 'answered', n: 'one' });
}

describe('defineLab', () => {
  it('compiles to a lab definition with the declared order and the shared defaults', () => {
    expect(lab.services.map((s) => s.name)).toEqual(['pinger', 'ponger']);
    expect(lab.services[0]?.tables).toEqual([]);
    expect(lab.faults.map((f) => f.id)).toEqual(['ponger-mute']);
    expect(lab.network).toEqual(DEFAULT_NETWORK);
    expect(lab.statementLimitMs).toBe(DEFAULT_STATEMENT_LIMIT_MS);
  });

  it('routes each message to its handler and records facts for measures', async () => {
    const node = await openNodeLab(lab);
    try {
      const sim = new Simulation({ lab, seed: 1, databases: node.databases });
      await sim.apply({ kind: 'action', actionId: 'ping-1' });
      await sim.runUntilQuiet();
      expect(factsOf(sim.trace).map((f) => f.fact)).toEqual([{ kind: 'answered', n: 1 }]);
      expect(sim.trace.some((e) => e.type === 'note' && e.text === 'pong 1')).toBe(true);
      expect(lab.measures?.[0]?.measure(sim.trace).summary).toBe('1 answered');
    } finally {
      await node.close();
    }
  });

  it('fails loudly on a message with no handler', async () => {
    const behaviour = lab.behaviours['pinger'];
    const ctx = {} as Parameters<NonNullable<typeof behaviour>['handle']>[0];
    await expect(behaviour?.handle(ctx, { type: 'ping' }, 'reader')).rejects.toThrow('pinger has no handler for "ping"');
  });
});
