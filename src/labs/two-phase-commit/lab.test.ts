import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation, replay } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { select, requireDb } from '../check/select.ts';
import { twoPhaseCommitLab } from './lab.ts';
import { lockHolds } from './measures.ts';
import { propertyRuns } from '../check/property-runs.ts';

const lab = twoPhaseCommitLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

function simulation(seed = 1, definition: LabDefinition = lab) {
  return new Simulation({ lab: definition, seed, databases: env.databases });
}

async function balances() {
  const a = await select(requireDb(env.databases, 'bank-a'), 'SELECT balance FROM accounts');
  const b = await select(requireDb(env.databases, 'bank-b'), 'SELECT balance FROM accounts');
  return [Number(a[0]?.['balance']), Number(b[0]?.['balance'])];
}

async function prepared(bank: string) {
  return (await select(requireDb(env.databases, bank), 'SELECT gid FROM pg_prepared_xacts')).map((r) => r['gid']);
}

function statuses(results: Map<string, InvariantResult>) {
  return Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
}

describe('two-phase commit between two banks', () => {
  it('moves money with PREPARE TRANSACTION and COMMIT PREPARED', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'action', actionId: 'transfer-30' });
    await sim.runUntilQuiet();
    expect(await balances()).toEqual([70, 80]);
    const sql = sim.trace.flatMap((e) => (e.type === 'sql' ? [e.sql] : []));
    expect(sql.some((s) => s.includes("PREPARE TRANSACTION 'tx-1'"))).toBe(true);
    expect(sql.filter((s) => s === "COMMIT PREPARED 'tx-1'")).toHaveLength(2);
    expect(statuses(await sim.checkInvariants())).toEqual({
      'money-conserved': 'holds',
      'all-or-nothing': 'holds',
      'nothing-in-doubt': 'holds',
    });
  });

  it('aborts on both banks when Postgres refuses an overdraft (23514)', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'action', actionId: 'transfer-30' });
    await sim.runUntilQuiet();
    // Alice has 70 left: 80 more would break Bank A's CHECK (balance >= 0), so Bank A votes no.
    await sim.apply({ kind: 'action', actionId: 'transfer-80' });
    await sim.runUntilQuiet();
    expect(await balances()).toEqual([70, 80]);
    const votes = sim.trace.flatMap((e) =>
      e.type === 'send' && e.message.type === 'vote' && e.message['vote'] === 'no' ? [String(e.message['reason'])] : [],
    );
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatch(/^23514: .*accounts_balance_check/);
    expect(await prepared('bank-b')).toEqual([]);
    expect(await select(requireDb(env.databases, 'bank-b'), 'SELECT gid FROM ledger')).toEqual([{ gid: 'tx-1' }]);
  });

  it('leaves both banks in doubt, holding locks, when the coordinator crashes after prepare', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'fault', faultId: 'coordinator-crash-after-prepare', on: true });
    await sim.apply({ kind: 'action', actionId: 'transfer-30' });
    await sim.runUntilQuiet();
    expect(sim.crashed.has('coordinator')).toBe(true);
    expect(await prepared('bank-a')).toEqual(['tx-1']);
    expect(await prepared('bank-b')).toEqual(['tx-1']);
    const nowait = await requireDb(env.databases, 'bank-a').query("SELECT * FROM accounts WHERE id = 'alice' FOR UPDATE NOWAIT");
    expect(!nowait.ok && nowait.error.code).toBe('55P03');
    const inv = await sim.checkInvariants();
    expect(statuses(inv)).toEqual({ 'money-conserved': 'holds', 'all-or-nothing': 'holds', 'nothing-in-doubt': 'broken' });

    // Blocking spreads: with the coordinator back but tx-1 still in doubt on both banks, a new transfer
    // touching Alice finds her row locked and is refused at once (55P03) instead of queueing.
    const busy = simulation(2);
    await busy.apply({ kind: 'action', actionId: 'transfer-30' });
    await busy.runUntilQuiet();
    const refusals = busy.trace.flatMap((e) => (e.type === 'send' && e.message['vote'] === 'no' ? [String(e.message['reason'])] : []));
    expect(refusals.some((reason) => reason.startsWith('55P03'))).toBe(true);
    expect(await prepared('bank-a')).toEqual(['tx-1']);

    // Presumed abort: the log has no decision, so recovery rolls both back.
    await sim.apply({ kind: 'fault', faultId: 'coordinator-crash-after-prepare', on: false });
    await sim.apply({ kind: 'restart', service: 'coordinator' });
    await sim.runUntilQuiet();
    expect(await prepared('bank-a')).toEqual([]);
    expect(await balances()).toEqual([100, 50]);
  });

  it('finishes the commit on recovery when the decision was logged before the crash', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'fault', faultId: 'coordinator-crash-after-decision', on: true });
    await sim.apply({ kind: 'action', actionId: 'transfer-30' });
    await sim.runUntilQuiet();
    expect(await prepared('bank-b')).toEqual(['tx-1']);
    await sim.apply({ kind: 'fault', faultId: 'coordinator-crash-after-decision', on: false });
    await sim.apply({ kind: 'restart', service: 'coordinator' });
    await sim.runUntilQuiet();
    expect(await balances()).toEqual([70, 80]);
    const log = await select(requireDb(env.databases, 'coordinator'), 'SELECT state, decision FROM tx_log');
    expect(log).toEqual([{ state: 'done', decision: 'commit' }]);
  });

  it('settles into waiting under a partition that never heals, retrying with backoff, and finishes once it heals', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'fault', faultId: 'partition-bank-b', on: true });
    await sim.apply({ kind: 'action', actionId: 'transfer-30' });
    let steps = 0;
    while (!sim.waiting && (await sim.step())) steps++;
    expect(sim.waiting).toBe(true);
    expect(steps).toBeLessThan(20);
    // Left to retry, the coordinator backs off: ten more resends span far more virtual time than ten fixed 500 ms.
    const before = sim.now;
    for (let i = 0; i < 10; i++) await sim.step();
    expect(sim.waiting).toBe(true);
    expect(sim.now - before).toBeGreaterThan(30_000);
    await sim.apply({ kind: 'fault', faultId: 'partition-bank-b', on: false });
    await sim.runUntilQuiet();
    expect(sim.quiet).toBe(true);
    expect(await prepared('bank-b')).toEqual([]);
    expect(await balances()).toEqual([100, 50]);
  });

  it('measures that Bank A holds its locks longer while Bank B is slow', async () => {
    const held = async (slow: boolean) => {
      await env.reset();
      const sim = simulation();
      if (slow) await sim.apply({ kind: 'fault', faultId: 'bank-b-slow', on: true });
      await sim.apply({ kind: 'action', actionId: 'transfer-30' });
      await sim.runUntilQuiet();
      const { rows, stillHeld } = lockHolds(sim.trace);
      expect(stillHeld).toEqual([]);
      const bankA = rows.find((r) => r.bank === 'bank-a');
      expect(bankA).toMatchObject({ gid: 'tx-1', outcome: 'commit' });
      return bankA?.held_ms ?? NaN;
    };
    const normal = await held(false);
    const slow = await held(true);
    // 1,200 ms of slowness, give or take the network's few ms of seeded jitter.
    expect(slow - normal).toBeGreaterThan(1100);
    expect(await balances()).toEqual([70, 80]);
  });
});

describe('exercise refused-by-a-lock', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);
  const check = (sim: Simulation) => exercises.check('refused-by-a-lock', sim);
  const transfer = (amount: 30 | 80): ReaderInput => ({ kind: 'action', actionId: `transfer-${amount}` });

  it('passes when a second transfer hits the row a prepared transfer holds', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'fault', faultId: 'bank-b-slow', on: true });
    await sim.apply(transfer(30));
    while (lockHolds(sim.trace).stillHeld.length === 0 && (await sim.step()));
    await sim.apply(transfer(30));
    await sim.runUntilQuiet();
    expect(await balances()).toEqual([70, 80]);
    const result = await check(sim);
    expect(result).toMatchObject({ passed: true });
    expect(result.message).toContain('Bank A refused tx-2 (30) although Alice had 70');
  });

  it('fails for an overdraft, a no from Bank B, or no abort at all', async () => {
    const sim = simulation();
    await sim.apply(transfer(30));
    await sim.runUntilQuiet();
    expect((await check(sim)).message).toContain('none was aborted');
    await sim.apply(transfer(80));
    await sim.runUntilQuiet();
    const overdraft = await check(sim);
    expect(overdraft.passed).toBe(false);
    expect(overdraft.message).toContain('tx-2 asked for 80 when Alice had 70: her balance rule refused it');
    await sim.apply({ kind: 'fault', faultId: 'bank-b-votes-no', on: true });
    await sim.apply(transfer(30));
    await sim.runUntilQuiet();
    const votedNo = await check(sim);
    expect(votedNo.passed).toBe(false);
    expect(votedNo.message).toContain('tx-3 was prepared on Bank A and rolled back');
  });
});

describe('determinism', () => {
  const inputs: ReaderInput[] = [
    { kind: 'action', actionId: 'transfer-30' },
    { kind: 'fault', faultId: 'bank-b-slow', on: true },
    { kind: 'action', actionId: 'transfer-30' },
  ];

  async function run(seed: number) {
    await env.reset();
    const sim = simulation(seed);
    for (const input of inputs) await sim.apply(input);
    await sim.runUntilQuiet();
    return sim;
  }

  it('gives the same trace hash for the same seed and reader inputs', async () => {
    const first = await run(7);
    const second = await run(7);
    expect(second.trace).toEqual(first.trace);
    expect(second.hash()).toBe(first.hash());
    const other = await run(8);
    expect(other.hash()).not.toBe(first.hash());
  });

  it('rewinds by replaying the recorded inputs up to a step', async () => {
    const full = await run(3);
    const k = Math.floor(full.steps / 2);
    await env.reset();
    const rewound = await replay({ lab, seed: 3, databases: env.databases }, full.inputs, k);
    expect(rewound.steps).toBe(k);
    const prefix = full.trace.filter((e) => e.step <= k && !(e.step === k && e.type === 'input' && full.inputs.some((i) => i.step === k)));
    expect(rewound.trace.slice(0, prefix.length)).toEqual(prefix);
  });
});

/** Random reader schedules: actions, faults on and off, restarts, at random steps. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 6 }),
    input: fc.oneof(
      fc.constantFrom<ReaderInput>(
        { kind: 'action', actionId: 'transfer-30' },
        { kind: 'action', actionId: 'transfer-80' },
        { kind: 'restart', service: 'coordinator' },
      ),
      fc.record({
        kind: fc.constant('fault' as const),
        faultId: fc.constantFrom(...lab.faults.map((f) => f.id)),
        on: fc.boolean(),
      }),
    ),
  }),
  { minLength: 1, maxLength: 10 },
);

async function runSchedule(definition: LabDefinition, seed: number, plan: { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = simulation(seed, definition);
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  await sim.runUntilQuiet(2000);
  // Faults stop, crashed services come back: the protocol must settle everything.
  for (const fault of sim.faultsOn) await sim.apply({ kind: 'fault', faultId: fault, on: false });
  for (const service of [...sim.crashed]) await sim.apply({ kind: 'restart', service });
  const ran = await sim.runUntilQuiet(2000);
  return { sim, settled: sim.quiet, ran, invariants: await sim.checkInvariants() };
}

describe('invariants under random faults (property)', () => {
  it('hold after any fault schedule once faults stop and the coordinator is back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { settled, invariants } = await runSchedule(lab, seed, plan);
        expect(settled).toBe(true);
        for (const [id, result] of invariants) expect(`${id}: ${result.status}`).toBe(`${id}: holds`);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, 300_000);

  it('catch the deliberately broken one-phase protocol', async () => {
    const broken = twoPhaseCommitLab('one-phase');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, plan);
        return [...invariants.values()].every((r) => r.status === 'holds');
      }),
      { numRuns: propertyRuns(100) },
    );
    expect(outcome.failed).toBe(true);
  }, 300_000);
});
