import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { backlogFigures, followFigures, readFigures } from './figures.ts';
import { verdicts } from './freshness.ts';
import { cqrsLab } from './lab.ts';
import type { CqrsFact } from './messages.ts';
import { eventOf, eventsSql } from './orders.ts';
import { VERSIONED_UPSERT } from './projection.ts';
import { hasOvertaking, unrulyStream } from './unruly-stream.ts';
import { propertyRuns } from '../check/property-runs.ts';

const lab = cqrsLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const on = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: true });
const off = (faultId: string): ReaderInput => ({ kind: 'fault', faultId, on: false });

async function run(inputs: readonly ReaderInput[], seed = 1, definition: LabDefinition = lab) {
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const input of inputs) await sim.apply(input);
  await sim.runUntilQuiet(50_000);
  return sim;
}

const facts = (sim: Simulation) => factsOf<CqrsFact>(sim.trace);
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const ALL_HOLD = Object.fromEntries(lab.invariants.map((i) => [i.id, 'holds']));
const rows = (service: string, sql: string) => select(requireDb(env.databases, service), sql);
const notes = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'note' ? [`${e.service}: ${e.text}`] : []));
const afterWrite = (sim: Simulation) => verdicts(facts(sim)).filter((v) => v.purpose === 'after-write');

describe('the write side and the projection', () => {
  it('commits the order, its lines, its payment and its change event in one transaction, and projects one flat row', async () => {
    const sim = await run([action('place')]);
    expect(await rows('orders', 'SELECT id, status, version FROM orders')).toEqual([{ id: 'Y-1', status: 'confirmed', version: 2 }]);
    expect(await rows('orders', 'SELECT position, order_id, version, type FROM outbox ORDER BY position')).toEqual([
      { position: 1, order_id: 'Y-1', version: 1, type: 'order-placed' },
      { position: 2, order_id: 'Y-1', version: 2, type: 'order-confirmed' },
    ]);
    expect(await rows('read-model', 'SELECT order_id, status, items, total_cents, version, position FROM my_orders')).toEqual([
      { order_id: 'Y-1', status: 'confirmed', items: '2 × teapot', total_cents: 4900, version: 2, position: 2 },
    ]);
    expect(await rows('read-model', 'SELECT position FROM projector_checkpoint')).toEqual([{ position: 2 }]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('serves the read right after ordering before the projection caught up: the order is missing, and the page says so', async () => {
    const sim = await run([action('place')]);
    expect(notes(sim)).toContain('customer: My orders after placing Y-1: Y-1 is not there (0 orders shown)');
    expect(afterWrite(sim).map((v) => [v.freshness, v.missing])).toEqual([['stale', ['Y-1']]]);
  });

  it('keeps its checkpoint in the read store, so a crashed projector resumes where its last commit left off', async () => {
    const sim = new Simulation({ lab, seed: 2, databases: env.databases });
    await sim.apply(action('place'));
    await sim.runUntilQuiet();
    await sim.apply(on('projector-crash'));
    await sim.apply(action('place'));
    for (let i = 0; i < 40; i++) await sim.step();
    expect(notes(sim).some((n) => n.includes('projector crashed'))).toBe(true);
    expect(await rows('read-model', 'SELECT position FROM projector_checkpoint')).toEqual([{ position: 2 }]);
    // Reads go on being served, from the read model as the crash left it.
    await sim.apply(action('open-my-orders'));
    for (let i = 0; i < 10; i++) await sim.step();
    expect(notes(sim)).toContain('customer: My orders: 1 order');
    await sim.apply(off('projector-crash'));
    await sim.runUntilQuiet();
    expect(notes(sim)).toContain('read-model: projector restarted: it resumes after position 2, where its last commit left the checkpoint');
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('is stuck on a poison event, then dead-letters it; the order’s next event repairs its row', async () => {
    const sim = await run([on('poison-event'), action('place')]);
    expect(await rows('read-model', 'SELECT position, order_id, error FROM dead_letters')).toEqual([
      { position: 1, order_id: 'Y-1', error: 'NOT NULL constraint failed: my_orders.total_cents' },
    ]);
    expect(backlogFigures(facts(sim))).toMatchObject({ failedBatches: 3, deadLettered: 1 });
    expect(await rows('read-model', 'SELECT order_id, status, total_cents FROM my_orders')).toEqual([
      { order_id: 'Y-1', status: 'confirmed', total_cents: 4900 },
    ]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('rebuilds the read model from the first event and measures how long it took', async () => {
    const sim = await run([action('rush')]);
    const before = await rows('read-model', 'SELECT order_id, status, version FROM my_orders ORDER BY order_id');
    await sim.apply(action('rebuild'));
    await sim.runUntilQuiet();
    expect(await rows('read-model', 'SELECT order_id, status, version FROM my_orders ORDER BY order_id')).toEqual(before);
    const [rebuild] = backlogFigures(facts(sim)).rebuilds;
    expect(rebuild?.events).toBe(120);
    // Six full batches of twenty at 8 ms an event, plus the round trips.
    expect(rebuild?.tookMs).toBeGreaterThan(6 * 160);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });
});

describe('the fixes, on the same order', () => {
  it('read-your-writes reads the write side, fresh, at the cost of queries on it', async () => {
    const sim = await run([action('fix-read-your-writes'), action('place')]);
    expect(afterWrite(sim).map((v) => [v.freshness, v.source])).toEqual([['fresh', 'write-side']]);
    expect(readFigures(facts(sim))[0]?.writeSideReads).toBeGreaterThan(0);
  });

  it('a version token holds the read until the projection reaches it, or gives up after 500 ms', async () => {
    const sim = await run([action('fix-version-token'), action('place')]);
    expect(afterWrite(sim).map((v) => v.freshness)).toEqual(['fresh']);
    expect(notes(sim)).toContain('read-model: read 1 waits: its token is position 1, the projection is at 0');
    await env.reset();
    const slow = new Simulation({ lab, seed: 1, databases: env.databases });
    for (const input of [on('projector-slow'), action('fix-version-token'), action('rush')]) await slow.apply(input);
    while (slow.now < 400) await slow.step();
    await slow.apply(action('place'));
    await slow.runUntilQuiet(50_000);
    expect(readFigures(facts(slow))[0]?.timeouts).toBeGreaterThan(0);
    expect(notes(slow).some((n) => n.includes('gave up waiting for position'))).toBe(true);
  });

  it('optimistic UI shows a declined order as confirmed and takes it back, and the time it was wrong is measured', async () => {
    const sim = await run([action('fix-optimistic'), action('place-declined')]);
    expect(afterWrite(sim).map((v) => v.freshness)).toEqual(['guessed']);
    const [takeBack] = followFigures(facts(sim)).takeBacks;
    expect(takeBack?.orderId).toBe('Y-1');
    expect(takeBack?.shownMs).toBeGreaterThan(300);
  });

  it('push replaces polling: the read model tells the page instead of being asked', async () => {
    const polled = followFigures(facts(await run([action('place')])));
    await env.reset();
    const pushed = followFigures(facts(await run([action('follow-push'), action('place')])));
    expect(polled.polls).toBeGreaterThan(0);
    expect(pushed).toMatchObject({ polls: 0, finalUnseen: 0 });
    expect(pushed.pushes).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('gives the same trace hash for the same seed and inputs', async () => {
    const inputs = [action('fix-version-token'), action('run-workload'), on('reorder-batches')];
    const first = (await run(inputs, 11)).hash();
    await env.reset();
    expect((await run(inputs, 11)).hash()).toBe(first);
    await env.reset();
    expect((await run(inputs, 12)).hash()).not.toBe(first);
  });
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('catch-the-lag passes only while one of your orders is behind in the read model', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect((await exercises.check('catch-the-lag', sim)).passed).toBe(false);
    await sim.apply(action('place'));
    for (let i = 0; i < 3; i++) await sim.step();
    expect(await exercises.check('catch-the-lag', sim)).toMatchObject({ passed: true });
    await sim.runUntilQuiet();
    expect((await exercises.check('catch-the-lag', sim)).passed).toBe(false);
  });

  it('poison-dead-lettered passes once the event is set aside and every order is visible', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await sim.apply(on('poison-event'));
    await sim.apply(action('place'));
    expect((await exercises.check('poison-dead-lettered', sim)).passed).toBe(false);
    await sim.runUntilQuiet();
    expect(await exercises.check('poison-dead-lettered', sim)).toMatchObject({ passed: true });
  });

  it('write-the-upsert accepts the versioned upsert on hidden streams and refuses last-writer-wins and insert-only', async () => {
    const sim = await run([action('place')]);
    const check = (answer: string) => exercises.check('write-the-upsert', sim, answer);
    expect(await check(VERSIONED_UPSERT)).toMatchObject({ passed: true });
    const lastWriterWins = VERSIONED_UPSERT.replace(/\nWHERE excluded\.version > my_orders\.version/, '');
    const refused = await check(lastWriterWins);
    expect(refused.passed).toBe(false);
    expect(refused.message).toMatch(/wrote \S+ from v\d to v\d/);
    const insertOnly =
      'INSERT OR IGNORE INTO my_orders SELECT order_id, customer_id, status, items, total_cents, placed_at, version, position FROM incoming';
    expect((await check(insertOnly)).message).toContain('unlike the write side');
  }, 120_000);

  it('the hidden streams really repeat batches and deliver old versions late', async () => {
    await run([action('run-workload')], 3);
    const events = (await rows('orders', eventsSql(0, 10_000))).map(eventOf);
    const stream = unrulyStream(events, 0xc0a1);
    expect(stream.flat().length).toBeGreaterThan(events.length);
    expect(hasOvertaking(stream)).toBe(true);
  });
});

/** Random reader schedules: orders, reads, fixes, rush hour, rebuilds, and every fault on and off. */
const ACTIONS = lab.actions.filter((a) => a.id !== 'run-workload').map((a) => a.id);
const FAULTS = lab.faults.map((f) => f.id);
const schedule = (faultIds: readonly string[]) =>
  fc.array(
    fc.record({
      after: fc.nat({ max: 30 }),
      input: fc.oneof(
        fc.constantFrom(...ACTIONS).map(action),
        fc.record({ faultId: fc.constantFrom(...faultIds), on: fc.boolean() }).map((f): ReaderInput => ({ kind: 'fault', ...f })),
      ),
    }),
    { minLength: 2, maxLength: 10 },
  );

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  for (const fault of FAULTS) await sim.apply(off(fault));
  await sim.runUntilQuiet(50_000);
  return { quiet: sim.quiet, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  it('hold once the faults stop: the read model converges, every order is visible, nothing is applied twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule(FAULTS), async (seed, plan) => {
        const { quiet, invariants } = await runSchedule(lab, seed, plan);
        expect(quiet).toBe(true);
        expect(statuses(invariants)).toEqual(ALL_HOLD);
      }),
      { numRuns: propertyRuns(40) },
    );
  }, 600_000);

  it('catch a projector without a version check under duplicated and reordered batches', async () => {
    const broken = cqrsLab('naive');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule(['duplicate-batches', 'reorder-batches']), async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, [
          { after: 0, input: on('duplicate-batches') },
          { after: 0, input: on('reorder-batches') },
          ...plan,
        ]);
        return [...invariants.values()].every((r) => r.status === 'holds');
      }),
      { numRuns: propertyRuns(40) },
    );
    expect(outcome.failed).toBe(true);
  }, 600_000);
});
