import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { ReaderInput } from '../sim/types.ts';
import { audit } from './audit.ts';
import { SAFE_EXTRACT, SEQ_EXTRACT } from './capture-sql.ts';
import { drawInterleaving, playInterleaving, type Op } from './interleavings.ts';
import { outboxLab } from './lab.ts';
import type { FaultId, OutboxFact, Pipeline } from './messages.ts';
import { standardRun } from './standard-run.ts';

const lab = outboxLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: FaultId, on: boolean): ReaderInput => ({ kind: 'fault', faultId, on });
const facts = (sim: Simulation) => factsOf<OutboxFact>(sim.trace);
const tickets = () => requireDb(env.databases, 'tickets');
const notes = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'note' ? [`${e.service}: ${e.text}`] : []));
const SAFE: readonly Pipeline[] = ['outbox', 'safe-copier', 'wal'];
const CLEAN = { lost: [], phantom: [], doubled: [] };

describe('the workload, six pipelines side by side', () => {
  it('loses a change after a crash, announces two that never happened, and skips a held one; the outbox, the safe copier and the WAL do not', async () => {
    const sim = await standardRun(lab, env.databases, false);
    expect(sim.quiet).toBe(true);
    const audits = Object.fromEntries(await audit(env.databases));
    expect(audits['commit-then-publish']).toEqual({ ...CLEAN, lost: ['T-2@v2'] });
    expect(audits['publish-then-commit']).toEqual({ ...CLEAN, phantom: ['T-6@v2', 'T-8@v2'] });
    expect(audits['seq-copier']).toEqual({ ...CLEAN, lost: ['T-4 v2'] });
    for (const pipeline of SAFE) expect(audits[pipeline]).toEqual(CLEAN);
    // The relay crashed once after publishing: the events came again and the inbox absorbed them.
    expect(facts(sim).filter((f) => f.fact.kind === 'received' && f.fact.duplicate).length).toBeGreaterThanOrEqual(4);
  });

  it('the log-based relay publishes in commit order, the held transaction last', async () => {
    const sim = await standardRun(lab, env.databases, false);
    const committed = facts(sim).flatMap((f) => (f.fact.kind === 'committed' ? [f.fact.event.eventId] : []));
    // What the relay published; the network may still swap two events sent in the same poll.
    const fromWal = facts(sim).flatMap((f) => (f.fact.kind === 'published' && f.fact.pipeline === 'wal' ? [f.fact.eventId] : []));
    expect([...new Set(fromWal)]).toEqual(committed);
    expect(committed.at(-1)).toBe('T-4@v2');
    expect(notes(sim)).toContain('tickets: T-4@v2 (assigned to ana) is prepared and held for 700 ms: other changes commit meanwhile');
  });

  it('keeps the whole workload well inside one WAL segment, so the lab never checkpoints away what the relay has not read', async () => {
    await standardRun(lab, env.databases, false);
    const [row] = await select(tickets(), 'SELECT pg_current_wal_insert_lsn() - origin_lsn AS bytes FROM wal_slot');
    expect(Number(row?.['bytes'])).toBeLessThan(256 * 1024);
  });

  it('a segment switch and a checkpoint before the relay reads remove its WAL: the change is lost to that pipeline alone', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    await sim.apply(action('next-change'));
    await sim.runUntilQuiet();
    await sim.apply(action('next-change'));
    while (!facts(sim).some((f) => f.fact.kind === 'committed' && f.fact.event.eventId === 'R-2@v1')) await sim.step();
    const checkpoint = await sim.apply({ kind: 'sql', service: 'tickets', sql: 'SELECT pg_switch_wal(); CHECKPOINT;' });
    expect(checkpoint?.ok).toBe(true);
    await sim.runUntilQuiet();
    expect(facts(sim).some((f) => f.fact.kind === 'wal-gone')).toBe(true);
    const audits = await audit(env.databases);
    expect(audits.get('wal')?.lost).toEqual(['R-2@v1']);
    expect(audits.get('outbox')).toEqual(CLEAN);
  });

  it('a consumer without its inbox check notifies a duplicate twice, and the invariant catches it', async () => {
    const naive = outboxLab('naive');
    const sim = new Simulation({ lab: naive, seed: 1, databases: env.databases });
    for (const input of [fault('relay-crash', true), action('next-change'), action('next-change')]) await sim.apply(input);
    while (!facts(sim).some((f) => f.fact.kind === 'crashed' && f.fact.service === 'relay')) await sim.step();
    await sim.apply(fault('relay-crash', false));
    await sim.runUntilQuiet();
    expect((await sim.checkInvariants()).get('no-double-notification')?.status).toBe('broken');
  });

  it('gives the same trace for the same seed and inputs, whatever the log position and transaction ids it starts from', async () => {
    const first = (await standardRun(lab, env.databases, false)).hash();
    await env.reset();
    expect((await standardRun(lab, env.databases, false)).hash()).toBe(first);
  });
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('skip-a-change passes once the sequence copier has moved past a held change', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect((await exercises.check('skip-a-change', sim)).passed).toBe(false);
    for (const input of [fault('hold-transaction', true), action('next-change')]) await sim.apply(input);
    await sim.step();
    await sim.apply(fault('hold-transaction', false));
    await sim.apply(action('next-change'));
    await sim.runUntilQuiet();
    expect(await exercises.check('skip-a-change', sim)).toMatchObject({ passed: true });
  });

  it('safe-extract accepts the xmin-bounded extract on hidden interleavings and refuses the sequence watermark', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect(await exercises.check('safe-extract', sim, SAFE_EXTRACT)).toMatchObject({ passed: true });
    const seq = await exercises.check('safe-extract', sim, SEQ_EXTRACT);
    expect(seq.passed).toBe(false);
    expect(seq.message).toContain('never copied');
    expect((await exercises.check('safe-extract', sim, 'SELECT nothing FROM tickets WHERE :watermark')).message).toContain('refused');
  }, 60_000);

  it('read-your-wal passes once a message of your own has committed', async () => {
    const sim = new Simulation({ lab, seed: 1, databases: env.databases });
    expect((await exercises.check('read-your-wal', sim)).passed).toBe(false);
    await sim.apply({ kind: 'sql', service: 'tickets', sql: "BEGIN; SELECT pg_logical_emit_message(true, 'mine', 'hello'); COMMIT;" });
    const passed = await exercises.check('read-your-wal', sim);
    expect(passed).toMatchObject({ passed: true });
    expect(passed.message).toContain('“hello”');
  });
});

const ALL_FAULTS: readonly FaultId[] = [
  'crash-after-commit',
  'crash-before-commit',
  'refuse-commit',
  'hold-transaction',
  'relay-crash',
  'rare-polls',
];

const schedule = (faultIds: readonly FaultId[]) =>
  fc.array(
    fc.record({
      after: fc.nat({ max: 12 }),
      input: fc.oneof(
        fc.constant(action('next-change')),
        fc.record({ faultId: fc.constantFrom(...faultIds), on: fc.boolean() }).map((f): ReaderInput => ({ kind: 'fault', ...f })),
      ),
    }),
    { minLength: 3, maxLength: 10 },
  );

async function runSchedule(seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab, seed, databases: env.databases });
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  for (const id of ALL_FAULTS) await sim.apply(fault(id, false));
  await sim.runUntilQuiet(20_000);
  return { quiet: sim.quiet, audits: await audit(env.databases) };
}

describe('invariants under random schedules (property)', () => {
  it('the outbox, the safe copier and the WAL relay lose nothing, announce nothing false and notify once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule(ALL_FAULTS), async (seed, plan) => {
        const { quiet, audits } = await runSchedule(seed, plan);
        expect(quiet).toBe(true);
        for (const pipeline of SAFE) expect(audits.get(pipeline)).toEqual(CLEAN);
      }),
      { numRuns: propertyRuns(6) },
    );
  }, 120_000);

  const dualWrites = [
    ['commit-then-publish', ['crash-after-commit']],
    ['publish-then-commit', ['crash-before-commit', 'refuse-commit']],
  ] as const;

  it('catch both dual writes under crashes and refused commits', async () => {
    for (const [pipeline, faultIds] of dualWrites) {
      const outcome = await fc.check(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule(faultIds), async (seed, plan) => {
          const on = faultIds.map((id) => ({ after: 0, input: fault(id, true) }));
          const a = (await runSchedule(seed, [...on, ...plan])).audits.get(pipeline);
          return a?.lost.length === 0 && a.phantom.length === 0;
        }),
        { numRuns: propertyRuns(6) },
      );
      expect(outcome.failed, pipeline).toBe(true);
    }
  }, 120_000);

  const interleaving = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed): Op[] => drawInterleaving(seed));

  it('catch the sequence-watermark copier on interleavings of held and committed transactions', async () => {
    const outcome = await fc.check(
      fc.asyncProperty(interleaving, async (ops) => {
        await env.reset();
        return (await playInterleaving(tickets(), SEQ_EXTRACT, ops)).kind === 'converged';
      }),
      { numRuns: propertyRuns(10) },
    );
    expect(outcome.failed).toBe(true);
  }, 60_000);

  it('the xmin-bounded copier converges on every interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(interleaving, async (ops) => {
        await env.reset();
        expect(await playInterleaving(tickets(), SAFE_EXTRACT, ops)).toMatchObject({ kind: 'converged' });
      }),
      { numRuns: propertyRuns(10) },
    );
  }, 60_000);
});
