import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { erasureFigures } from './figures.ts';
import { personalDataLab } from './lab.ts';
import type { PersonalFact } from './messages.ts';
import { MASKING_SOLUTION, US_POLICY } from './exercises.ts';

const lab = personalDataLab();
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
  for (const input of inputs) {
    await sim.apply(input);
    await sim.runUntilQuiet(5_000);
  }
  return sim;
}

const facts = (sim: Simulation) => factsOf<PersonalFact>(sim.trace);
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const ALL_HOLD = Object.fromEntries(lab.invariants.map((i) => [i.id, 'holds']));
const rows = (service: string, sql: string) => select(requireDb(env.databases, service), sql);
const notes = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'note' ? [`${e.service}: ${e.text}`] : []));

describe('copies and access', () => {
  it('signs customers up, seals their details at the key service, and copies both forms everywhere', async () => {
    const sim = await run([action('run-workload')]);
    expect(await rows('customers', 'SELECT count(*)::int AS n FROM customers')).toEqual([{ n: 6 }]);
    expect(await rows('keys', 'SELECT count(*)::int AS n FROM customer_keys')).toEqual([{ n: 6 }]);
    expect(await rows('orders', 'SELECT scheme, count(*) AS n FROM customer_contacts GROUP BY scheme ORDER BY scheme')).toEqual([
      { scheme: 'clear', n: 6 },
      { scheme: 'sealed', n: 6 },
    ]);
    const [sealed] = await rows('analytics', "SELECT email FROM customer_dim WHERE scheme = 'sealed' LIMIT 1");
    expect(String(sealed?.['email'])).toMatch(/^[0-9a-f]{32,}$/);
    expect(await rows('customers', 'SELECT count(*)::int AS n FROM customer_backups')).toEqual([{ n: 12 }]);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('probes each role: support reads its own region, reporting is refused with 42501 everywhere', async () => {
    const sim = await run([action('run-workload'), action('probe')]);
    const probes = facts(sim).flatMap((f) => (f.fact.kind === 'probe' ? [f.fact] : []));
    const eu = probes.find((p) => p.role === 'support_eu' && p.column === 'email' && p.relation === 'customers');
    const [euCount] = await rows('customers', "SELECT count(*)::int AS n FROM customers WHERE region = 'eu'");
    expect(eu).toMatchObject({ outcome: 'read', rows: euCount?.['n'] });
    expect(probes.find((p) => p.role === 'support_eu' && p.column === 'signed_up_at')).toMatchObject({ outcome: 'denied', code: '42501' });
    expect(probes.find((p) => p.role === 'support_us' && p.column === 'email')).toMatchObject({ outcome: 'read', rows: 0 });
    expect(probes.filter((p) => p.role === 'reporting' && p.relation === 'customers').every((p) => p.outcome === 'denied')).toBe(true);
  });

  it('catches a grant of the whole table to reporting by probing', async () => {
    const sim = await run([action('run-workload')]);
    await rows(
      'customers',
      'GRANT SELECT ON customers TO reporting; CREATE POLICY reporting_all ON customers FOR SELECT TO reporting USING (true)',
    );
    const result = (await sim.checkInvariants()).get('grants-hold');
    expect(result?.status).toBe('broken');
    expect(JSON.stringify(result?.rows)).toContain('customers.email');
  });
});

describe('erasure', () => {
  it('deletes the customer everywhere it can; the log and the backup refuse, and only destroying the key makes them unreadable', async () => {
    const sim = await run([action('run-workload'), action('erase')]);
    expect(notes(sim).some((n) => n.includes('asked to be forgotten'))).toBe(true);
    const refused = facts(sim).flatMap((f) => (f.fact.kind === 'scrub-refused' ? [f.fact.copy] : []));
    expect(refused).toEqual(['event-log', 'backup']);
    const [clear, sealed] = erasureFigures(facts(sim));
    expect(clear).toMatchObject({ scheme: 'clear', atEnd: ['event-log', 'backup'] });
    expect(clear?.before).toHaveLength(5);
    expect(sealed).toMatchObject({ scheme: 'sealed', atEnd: [] });
    expect(sealed?.lastGoneAfterMs).toBeLessThan(100);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('keeps asking a consumer that is down, and the analytics copy stays readable until it is back', async () => {
    const sim = new Simulation({ lab, seed: 3, databases: env.databases });
    await sim.apply(action('run-workload'));
    await sim.runUntilQuiet();
    await sim.apply(on('analytics-down'));
    await sim.apply(action('erase'));
    while (sim.now < 6_000) await sim.step();
    expect((await sim.checkInvariants()).get('erasure-reaches-copies')?.status).toBe('pending');
    await sim.apply(off('analytics-down'));
    await sim.runUntilQuiet();
    const [clear] = erasureFigures(facts(sim));
    expect(clear?.atCheckpoints[2]).toBe(3);
    expect(clear?.atEnd).toEqual(['event-log', 'backup']);
    expect(statuses(await sim.checkInvariants())).toEqual(ALL_HOLD);
  });

  it('finds a copy a team added without telling anyone, by scanning; erasure misses it in clear, shredding does not', async () => {
    const sim = await run([on('undeclared-copy'), action('run-workload'), action('erase')]);
    const results = await sim.checkInvariants();
    expect(results.get('catalog-knows-every-copy')?.summary).toContain('analytics.campaign_audience');
    expect(results.get('erasure-reaches-copies')?.status).toBe('broken');
    const [clear, sealed] = erasureFigures(facts(sim));
    expect(clear?.atEnd).toContain('campaign-export');
    expect(sealed?.atEnd).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the same trace hash for the same seed and inputs', async () => {
    const inputs = [action('run-workload'), on('analytics-slow'), action('erase'), action('probe')];
    const first = (await run(inputs, 11)).hash();
    await env.reset();
    expect((await run(inputs, 11)).hash()).toBe(first);
  });
});

describe('exercises', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  it('mask-for-reporting accepts a masking view on hidden runs, and refuses a grant of the table or a view that shows the email', async () => {
    const sim = await run([action('run-workload')]);
    const check = (answer: string) => exercises.check('mask-for-reporting', sim, answer);
    expect(await check(MASKING_SOLUTION)).toMatchObject({ passed: true });
    const leaky = MASKING_SOLUTION.replace("left(email, 1) || '***@' || split_part(email, '@', 2)", 'email');
    expect((await check(leaky)).message).toContain('real contact detail');
    const whole = `${MASKING_SOLUTION}\nGRANT SELECT ON customers TO reporting; CREATE POLICY r ON customers FOR SELECT TO reporting USING (true);`;
    expect((await check(whole)).message).toMatch(/reporting, a probe read customers\./);
  }, 120_000);

  it('region-policy accepts the US policy on hidden rows and refuses one that lets support_us see everyone', async () => {
    const sim = await run([action('run-workload')]);
    const check = (answer: string) => exercises.check('region-policy', sim, answer);
    expect(await check(US_POLICY)).toMatchObject({ passed: true });
    expect((await check(US_POLICY.replace("region = 'us'", 'true'))).message).toContain('saw a customer in eu');
    // The check rolled back: the reader's database has no US policy and no hidden rows.
    expect(await rows('customers', "SELECT count(*)::int AS n FROM customers WHERE id LIKE 'H-%'")).toEqual([{ n: 0 }]);
    expect(await rows('customers', "SELECT count(*)::int AS n FROM pg_policies WHERE policyname = 'support_us_sees_us'")).toEqual([
      { n: 0 },
    ]);
  }, 60_000);

  it('erase-through-outage passes once analytics was asked again and confirmed', async () => {
    const sim = await run([action('run-workload')]);
    await sim.apply(on('analytics-down'));
    await sim.apply(action('erase'));
    while (sim.now < 4_000) await sim.step();
    expect((await exercises.check('erase-through-outage', sim)).message).toContain('still waiting');
    await sim.apply(off('analytics-down'));
    await sim.runUntilQuiet();
    expect(await exercises.check('erase-through-outage', sim)).toMatchObject({ passed: true });
  });
});

/** Random reader schedules: sign-ups, probes, erasures, and analytics down or slow, on and off. */
const ACTIONS = ['run-workload', 'probe', 'erase'];
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 20 }),
    input: fc.oneof(
      fc.constantFrom(...ACTIONS).map(action),
      fc
        .record({ faultId: fc.constantFrom('analytics-down', 'analytics-slow'), on: fc.boolean() })
        .map((f): ReaderInput => ({ kind: 'fault', ...f })),
    ),
  }),
  { minLength: 2, maxLength: 8 },
);

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  await sim.apply(action('run-workload'));
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  await sim.apply(action('erase'));
  for (const fault of ['analytics-down', 'analytics-slow']) await sim.apply(off(fault));
  await sim.runUntilQuiet(5_000);
  return { quiet: sim.quiet, invariants: await sim.checkInvariants() };
}

describe('invariants under random schedules (property)', () => {
  it('hold once the faults stop: every erasure is confirmed and reaches every catalogued copy, and no role reads more than meant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { quiet, invariants } = await runSchedule(lab, seed, plan);
        expect(quiet).toBe(true);
        expect(statuses(invariants), JSON.stringify([...invariants.values()])).toEqual(ALL_HOLD);
      }),
      { numRuns: propertyRuns(4) },
    );
  }, 300_000);

  it('catch an erasure that goes by an old hard-coded list instead of the catalog, and misses the orders copy', async () => {
    const broken = personalDataLab('hard-coded');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { invariants } = await runSchedule(broken, seed, plan);
        return [...invariants.values()].every((r) => r.status === 'holds');
      }),
      { numRuns: propertyRuns(3), endOnFailure: true },
    );
    expect(outcome.failed).toBe(true);
  }, 300_000);
});
