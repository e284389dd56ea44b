import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireDb, select } from '../check/select.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import {
  BROKER_CLIENT_SCHEMA,
  ack,
  alreadyProcessed,
  deadLetter,
  flushOutbox,
  nack,
  outboxSql,
  positionSql,
  resumeTopics,
} from './broker-client.ts';
import { DEAD_LETTER_TOPIC, isDelivery } from './broker-protocol.ts';
import { brokerSchema } from './broker-schema.ts';
import { broker } from './broker.ts';
import { hiddenRuns } from '../sim/hidden-run.ts';
import { sqlInt, sqlText, transaction } from './service-sql.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceBehaviour } from '../sim/types.ts';

/** How the test consumer misbehaves, switched by faults so that every run stays a pure function of its inputs. */
const consumer: ServiceBehaviour<null> = {
  initialState: () => null,
  async handle(ctx, message) {
    if (!isDelivery(message)) return;
    if (await alreadyProcessed(ctx, message.topic, message.seq)) return ack(ctx, message);
    if (ctx.isFaultOn('crash')) return ctx.crash('told to');
    if (ctx.isFaultOn('mute') && message.attempt === 1) return; // its answer is lost
    if (ctx.isFaultOn('fail')) {
      if (message.attempt < 3) return nack(ctx, message, 'cannot');
      await ctx.sql(transaction([positionSql(message.topic, message.seq), outboxSql(deadLetter(message, ctx.name, 'cannot'), ctx.now)]));
      await flushOutbox(ctx);
      return ack(ctx, message);
    }
    const value = String(message.event['value']);
    await ctx.sql(
      transaction([
        `INSERT INTO seen (seq, value, attempt) VALUES (${sqlInt(message.seq)}, ${sqlText(value)}, ${sqlInt(message.attempt)})`,
        positionSql(message.topic, message.seq),
      ]),
    );
    ack(ctx, message);
  },
  recover: (ctx) => resumeTopics(ctx, ['numbers']),
};

const producer: ServiceBehaviour<null> = {
  initialState: () => null,
  async handle(ctx, message) {
    if (message.type !== 'emit') return;
    const values = (message['values'] as string[]).map((value) =>
      outboxSql({ topic: 'numbers', key: value, event: { type: 'number', value } }, ctx.now),
    );
    await ctx.sql(transaction(values));
    await flushOutbox(ctx);
  },
};

const options = {
  subscriptions: { numbers: ['consumer'] },
  ackTimeoutMs: 100,
  retryDelayMs: 50,
  maxUnanswered: 3,
  duplicateFault: 'duplicate',
};
const fault = (id: string) => ({ id, label: id, description: id });

const lab: LabDefinition = {
  id: 'broker-test',
  title: 'broker',
  services: [
    { name: 'broker', label: 'Broker', role: '', database: { kind: 'sqlite', setupSql: brokerSchema(options) }, tables: [] },
    { name: 'producer', label: 'Producer', role: '', database: { kind: 'sqlite', setupSql: BROKER_CLIENT_SCHEMA }, tables: [] },
    {
      name: 'consumer',
      label: 'Consumer',
      role: '',
      database: { kind: 'sqlite', setupSql: `${BROKER_CLIENT_SCHEMA}\nCREATE TABLE seen (seq INTEGER, value TEXT, attempt INTEGER);` },
      tables: [],
    },
  ],
  behaviours: { broker: broker(options), producer, consumer },
  faults: ['crash', 'mute', 'fail', 'duplicate'].map(fault),
  invariants: [],
  actions: [
    { id: 'emit', label: 'emit', service: 'producer', message: { type: 'emit', values: ['a', 'b', 'c'] } },
    { id: 'redrive', label: 'redrive', service: 'broker', message: { type: 'redrive' } },
  ],
  network: { latencyMs: 10, jitterMs: 5 },
  exercises: [],
};

let env: NodeLab;
beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const sim = (seed = 1) => new Simulation({ lab, seed, databases: env.databases });
const seen = async () => select(requireDb(env.databases, 'consumer'), 'SELECT seq, value, attempt FROM seen ORDER BY rowid');
const position = async () => (await select(requireDb(env.databases, 'consumer'), 'SELECT last_seq FROM consumer_offsets'))[0]?.['last_seq'];

describe('the broker', () => {
  it('delivers a topic in order, one record at a time, and the consumer keeps its own position', async () => {
    const s = sim();
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    expect(await seen()).toEqual([
      { seq: 1, value: 'a', attempt: 1 },
      { seq: 2, value: 'b', attempt: 1 },
      { seq: 3, value: 'c', attempt: 1 },
    ]);
    expect(await position()).toBe(3);
    const delivered = s.trace.flatMap((e) => (e.type === 'deliver' && e.to === 'consumer' ? [e.message['seq']] : []));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('delivers again, until acknowledged, a record whose answer was lost', async () => {
    const s = sim();
    await s.apply({ kind: 'fault', faultId: 'mute', on: true });
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    expect((await seen()).map((r) => r['attempt'])).toEqual([2, 2, 2]);
  });

  it('stores every record twice while the duplicate fault is on', async () => {
    const s = sim();
    await s.apply({ kind: 'fault', faultId: 'duplicate', on: true });
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    expect((await seen()).map((r) => r['value'])).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });

  it('takes a record the consumer gave up on into the dead-letter topic, and redrives it to that consumer only', async () => {
    const s = sim();
    await s.apply({ kind: 'fault', faultId: 'fail', on: true });
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    const dead = await select(
      requireDb(env.databases, 'broker'),
      `SELECT seq, key FROM broker_log WHERE topic = '${DEAD_LETTER_TOPIC}' ORDER BY seq`,
    );
    expect(dead.map((r) => r['key'])).toEqual(['a', 'b', 'c']);
    expect(await seen()).toEqual([]);

    await s.apply({ kind: 'fault', faultId: 'fail', on: false });
    await s.apply({ kind: 'action', actionId: 'redrive' });
    await s.runUntilQuiet();
    expect((await seen()).map((r) => [r['seq'], r['value']])).toEqual([
      [4, 'a'],
      [5, 'b'],
      [6, 'c'],
    ]);
    const redriven = await select(
      requireDb(env.databases, 'broker'),
      "SELECT only_for FROM broker_log WHERE topic = 'numbers' AND seq > 3",
    );
    expect(redriven.map((r) => r['only_for'])).toEqual(['consumer', 'consumer', 'consumer']);
  });

  it('stops delivering to a consumer that went silent, and resumes from the position it stored', async () => {
    const s = sim();
    await s.apply({ kind: 'action', actionId: 'emit' });
    while ((await seen()).length === 0) await s.step();
    await s.apply({ kind: 'fault', faultId: 'crash', on: true });
    await s.runUntilQuiet();
    expect(s.quiet).toBe(true);
    expect(s.crashed.has('consumer')).toBe(true);
    expect(await seen()).toHaveLength(1);
    const paused = await select(requireDb(env.databases, 'broker'), 'SELECT paused FROM broker_subscriptions');
    expect(paused).toEqual([{ paused: 1 }]);

    await s.apply({ kind: 'fault', faultId: 'crash', on: false });
    await s.apply({ kind: 'restart', service: 'consumer' });
    await s.runUntilQuiet();
    expect((await seen()).map((r) => r['value'])).toEqual(['a', 'b', 'c']);
  });

  it('is deterministic: the same seed and inputs give the same trace hash', async () => {
    const run = async (seed: number) => {
      await env.reset();
      const s = sim(seed);
      await s.apply({ kind: 'fault', faultId: 'mute', on: true });
      await s.apply({ kind: 'action', actionId: 'emit' });
      await s.runUntilQuiet();
      return s.hash();
    };
    expect(await run(5)).toBe(await run(5));
    expect(await run(5)).not.toBe(await run(6));
  });
});

describe('a hidden run', () => {
  it('runs a scenario from the first state and puts the reader’s databases back afterwards', async () => {
    const s = sim();
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    await s.apply({ kind: 'action', actionId: 'emit' });
    await s.runUntilQuiet();
    expect(await seen()).toHaveLength(6);

    const hidden = hiddenRuns({ lab, databases: env.databases });
    const emitOnce = [{ step: 0, input: { kind: 'action', actionId: 'emit' } } as const];
    const inspect = async (run: Simulation) => ({ rows: (await seen()).length, quiet: run.quiet });
    expect(await hidden.run(9, emitOnce, inspect)).toEqual({ rows: 3, quiet: true });
    // A second run starts from the first state too, not from where the first run left off.
    expect(await hidden.run(10, emitOnce, inspect)).toEqual({ rows: 3, quiet: true });
    expect(await seen()).toHaveLength(6);
  });
});
