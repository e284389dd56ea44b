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
import {
  DEAD_LETTER_TOPIC,
  type BrokerInbox,
  type BrokerLabTypes,
  type DeadLetter,
  type Deliveries,
  type Publication,
} from './broker-protocol.ts';
import { brokerService } from './broker.ts';
import { defineLab, type ServiceSpec } from './define-lab.ts';
import { hiddenRuns } from '../sim/hidden-run.ts';
import { sqlInt, sqlText, transaction } from './service-sql.ts';
import { Simulation } from '../sim/simulation.ts';

type NumberEvent = { readonly type: 'number'; readonly value: string };

interface BrokerTest extends BrokerLabTypes {
  readonly inbox: {
    readonly broker: BrokerInbox;
    readonly producer: { readonly type: 'emit'; readonly values: readonly string[] };
    readonly consumer: Deliveries<NumberEvent>;
  };
  readonly faults: 'crash' | 'mute' | 'fail' | 'duplicate';
  readonly facts: never;
  readonly topics: { readonly numbers: NumberEvent; readonly 'dead-letters': DeadLetter };
}

/** How the test consumer misbehaves, switched by faults so that every run stays a pure function of its inputs. */
const consumer: ServiceSpec<BrokerTest, 'consumer', null> = {
  label: 'Consumer',
  role: '',
  database: { kind: 'sqlite', setupSql: `${BROKER_CLIENT_SCHEMA}\nCREATE TABLE seen (seq INTEGER, value TEXT, attempt INTEGER);` },
  initialState: () => null,
  on: {
    async number(ctx, delivery) {
      if (await alreadyProcessed(ctx, delivery.topic, delivery.seq)) return ack(ctx, delivery);
      if (ctx.isFaultOn('crash')) return ctx.crash('told to');
      if (ctx.isFaultOn('mute') && delivery.attempt === 1) return; // its answer is lost
      if (ctx.isFaultOn('fail')) {
        if (delivery.attempt < 3) return nack(ctx, delivery, 'cannot');
        await ctx.sql(
          transaction([positionSql(delivery.topic, delivery.seq), outboxSql(deadLetter(delivery, ctx.name, 'cannot'), ctx.now)]),
        );
        await flushOutbox(ctx);
        return ack(ctx, delivery);
      }
      await ctx.sql(
        transaction([
          `INSERT INTO seen (seq, value, attempt) VALUES (${sqlInt(delivery.seq)}, ${sqlText(delivery.event.value)}, ${sqlInt(delivery.attempt)})`,
          positionSql(delivery.topic, delivery.seq),
        ]),
      );
      ack(ctx, delivery);
    },
  },
  recover: (ctx) => resumeTopics(ctx, ['numbers']),
};

const producer: ServiceSpec<BrokerTest, 'producer', null> = {
  label: 'Producer',
  role: '',
  database: { kind: 'sqlite', setupSql: BROKER_CLIENT_SCHEMA },
  initialState: () => null,
  on: {
    async emit(ctx, message) {
      const records = message.values.map((value): Publication<BrokerTest> => ({
        topic: 'numbers',
        key: value,
        event: { type: 'number', value },
      }));
      await ctx.sql(transaction(records.map((record) => outboxSql(record, ctx.now))));
      await flushOutbox(ctx);
    },
  },
};

const fault = (id: string) => ({ label: id, description: id });

const lab = defineLab<BrokerTest>({
  id: 'broker-test',
  title: 'broker',
  services: {
    broker: brokerService<BrokerTest>({
      label: 'Broker',
      role: '',
      subscriptions: { numbers: ['consumer'] },
      ackTimeoutMs: 100,
      retryDelayMs: 50,
      maxUnanswered: 3,
      duplicateFault: 'duplicate',
    }),
    producer,
    consumer,
  },
  faults: { crash: fault('crash'), mute: fault('mute'), fail: fault('fail'), duplicate: fault('duplicate') },
  invariants: [],
  actions: [
    { id: 'emit', label: 'emit', service: 'producer', message: { type: 'emit', values: ['a', 'b', 'c'] } },
    { id: 'redrive', label: 'redrive', service: 'broker', message: { type: 'redrive' } },
  ],
  exercises: [],
});

// What the compiler refuses: each line below is an error that the broker's types exist to catch.
export function refusedAtCompileTime() {
  brokerService<BrokerTest>({
    label: '',
    role: '',
    // @ts-expect-error -- the producer has no handler for the topic's events
    subscriptions: { numbers: ['producer'] },
    ackTimeoutMs: 1,
    retryDelayMs: 1,
    maxUnanswered: 1,
  });
  // @ts-expect-error -- an event the topic does not carry
  const wrongEvent: Publication<BrokerTest> = { topic: 'numbers', key: 'a', event: { type: 'emit', values: [] } };
  return wrongEvent;
}

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
