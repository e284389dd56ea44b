import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { requireDb, select } from '../check/select.ts';
import { factsOf } from '../kit/define-lab.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, ReaderInput } from '../sim/types.ts';
import { POLICY_SQL } from './catalog-sql.ts';
import { changeFigures, consumerFigures, freshnessFigures, policyFigures, probeFigures } from './figures.ts';
import { dataMeshLab } from './lab.ts';
import type { MeshFact } from './messages.ts';

const lab = dataMeshLab();
let env: NodeLab;
const exercises = nodeExercises(lab, () => env.databases);

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(async () => {
  await exercises.close();
  await env.close();
});
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const fault = (faultId: string, on = true): ReaderInput => ({ kind: 'fault', faultId, on });

/** Gives each input once virtual time reaches its moment, then plays until quiet. */
async function run(inputs: readonly (readonly [number, ReaderInput])[], seed = 1, definition: LabDefinition = lab) {
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const [atMs, input] of inputs) {
    while (sim.now < atMs && (await sim.step()));
    await sim.apply(input);
  }
  await sim.runUntilQuiet(20_000);
  return sim;
}

const facts = (sim: Simulation) => factsOf<MeshFact>(sim.trace);
const statuses = (results: Map<string, InvariantResult>) => Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
const rows = (service: string, sql: string) => select(requireDb(env.databases, service), sql);

const TEMPLATE = `CREATE TABLE support_products.ticket_subjects_v1 (subject text NOT NULL, tickets integer NOT NULL, open_tickets integer NOT NULL);
SELECT mesh.register_product('support_products', 'ticket_subjects_v1', 'Support team', 1500,
  'SELECT subject, count(*)::int, (count(*) FILTER (WHERE status = ''open''))::int FROM support.tickets GROUP BY subject');`;

describe('data products between two domains and a consumer', () => {
  it('a rename deployed without contract tests breaks marketing with Postgres’s own error; with them, v2 is published beside v1 and nothing breaks', async () => {
    const off = await run([
      [0, action('run')],
      [1_000, action('support-rename')],
    ]);
    const broken = consumerFigures(facts(off)).queries.find((q) => q.query === 'tickets-per-customer');
    expect(broken?.failed).toBeGreaterThan(0);
    expect(broken?.firstError).toBe('42703 column "customer_id" does not exist');
    expect(await rows('marketing', "SELECT count(*) AS n FROM query_log WHERE outcome = 'failed' AND detail LIKE '42703%'")).not.toEqual([
      { n: 0 },
    ]);
    expect(statuses(await off.checkInvariants())['served-versions-keep-their-contracts']).toBe('broken');
    expect((await exercises.check('evolve-without-breaking', off)).passed).toBe(false);

    await env.reset();
    const on = await run([
      [0, action('contract-tests-on')],
      [0, action('run')],
      [1_000, action('support-rename')],
      [1_200, action('billing-retype')],
    ]);
    expect(consumerFigures(facts(on)).failed).toBe(0);
    expect(changeFigures(facts(on)).refused).toBe(2);
    expect(await rows('support', "SELECT product_table, status FROM mesh.products WHERE product = 'tickets' ORDER BY version")).toEqual([
      { product_table: 'tickets_v1', status: 'served' },
      { product_table: 'tickets_v2', status: 'served' },
    ]);
    expect(
      await rows('billing', "SELECT data_type FROM information_schema.columns WHERE table_name = 'invoices_v2' AND column_name = 'amount'"),
    ).toEqual([{ data_type: 'text' }]);
    expect(statuses(await on.checkInvariants())).toEqual({
      'consumer-reads-only-products': 'holds',
      'served-versions-keep-their-contracts': 'holds',
      'personal-data-masked': 'holds',
    });
    expect(await exercises.check('evolve-without-breaking', on)).toMatchObject({ passed: true });
  });

  it('the consumer role is refused the domains’ own tables by Postgres; a leaked grant is found by the probe and the invariant, and revoked', async () => {
    const support = requireDb(env.databases, 'support');
    await support.query('SET ROLE marketing');
    const denied = await support.query('SELECT * FROM support.tickets');
    const allowed = await support.query('SELECT * FROM support_products.tickets_v1');
    await support.query('RESET ROLE');
    expect(denied.ok ? 'ok' : denied.error.code).toBe('42501');
    expect(allowed.ok).toBe(true);

    const sim = await run([
      [0, fault('grant-leak')],
      [0, action('run')],
      [500, action('probe')],
    ]);
    const billing = probeFigures(facts(sim)).find((p) => p.domain === 'billing');
    expect(billing?.internalRead).toEqual(['billing.invoices']);
    expect(statuses(await sim.checkInvariants())['consumer-reads-only-products']).toBe('broken');
    await sim.apply(fault('grant-leak', false));
    await sim.apply(action('run'));
    await sim.runUntilQuiet(20_000);
    expect(statuses(await sim.checkInvariants())['consumer-reads-only-products']).toBe('holds');
  });

  it('the policy check finds an unmasked email in the catalog, Postgres refuses a raw email in a masked column, and a stalled job misses its objective', async () => {
    const sim = await run([
      [0, fault('unmasked-email')],
      [0, action('run')],
      [1_000, fault('billing-stalled')],
    ]);
    expect(policyFigures(facts(sim)).violations).toEqual(['billing:billing_products.payers_v1.email']);
    expect(statuses(await sim.checkInvariants())['personal-data-masked']).toBe('broken');
    const fresh = freshnessFigures(facts(sim));
    expect(fresh.find((f) => f.table === 'invoices_v1')?.overSlo).toBeGreaterThan(0);
    expect(fresh.find((f) => f.table === 'tickets_v1')).toMatchObject({ overSlo: 0 });
    const raw = await requireDb(env.databases, 'support').query(
      "INSERT INTO support_products.tickets_v1 VALUES (1, 1, 'ada@example.com', 'open', 0)",
    );
    expect(raw.ok ? 'ok' : raw.error.code).toBe('23514');
  });

  it('publish-from-template passes once the reader’s product is registered, masked, granted and published', async () => {
    const sim = new Simulation({ lab, seed: 3, databases: env.databases });
    expect((await exercises.check('publish-from-template', sim)).message).toMatch(/No product of your own/);
    const ctx = exercises.context(sim);
    expect((await ctx.run('support', TEMPLATE)).ok).toBe(true);
    expect((await exercises.check('publish-from-template', sim)).message).toMatch(/no rows yet/);
    await sim.apply(action('run'));
    await sim.runUntilQuiet(20_000);
    expect(await exercises.check('publish-from-template', sim)).toMatchObject({ passed: true });
    // The same product with the requester's raw email fails the policy part.
    expect((await ctx.run('support', 'ALTER TABLE support_products.ticket_subjects_v1 ADD COLUMN last_email text')).ok).toBe(true);
    expect((await exercises.check('publish-from-template', sim)).message).toMatch(/last_email is personal/);
  });

  it('find-unmasked accepts the platform’s rule and refuses patterns written into the query or a missing type test', async () => {
    const sim = new Simulation({ lab, seed: 4, databases: env.databases });
    const check = (answer: string) => exercises.check('find-unmasked', sim, answer);
    expect(await check(POLICY_SQL)).toMatchObject({ passed: true });
    const hardCoded = POLICY_SQL.replace(
      'EXISTS (SELECT 1 FROM mesh.personal_attributes a WHERE c.column_name LIKE a.pattern)',
      "(c.column_name LIKE '%email%' OR c.column_name LIKE '%phone%' OR c.column_name LIKE '%full_name%')",
    );
    expect((await check(hardCoded)).message).toMatch(/missed .*iban/);
    const noType = POLICY_SQL.replace("AND c.domain_name IS DISTINCT FROM 'masked_text'", '');
    expect((await check(noType)).message).toMatch(/flagged/);
  }, 60_000);

  it('the same seed and inputs give the same trace', async () => {
    const inputs = [
      [0, fault('unmasked-email')],
      [0, action('run')],
      [900, action('billing-retype')],
    ] as const;
    const first = JSON.stringify((await run(inputs, 9)).trace);
    await env.reset();
    expect(JSON.stringify((await run(inputs, 9)).trace)).toBe(first);
  });
});

/**
 * Random reader schedules: both producers' changes at random moments of the run, and faults and probes on
 * and off around them, with contract tests on throughout.
 */
// From 100 ms: the platform's switch takes a network hop to reach the domains' pipelines.
const change = (id: string) => fc.record({ atMs: fc.integer({ min: 100, max: 2_400 }), input: fc.constant(action(id)) });
const schedule = fc
  .tuple(
    change('support-rename'),
    change('billing-retype'),
    fc.array(
      fc.record({
        atMs: fc.nat({ max: 2_800 }),
        input: fc.oneof(
          fc.constant(action('probe')),
          fc
            .record({ faultId: fc.constantFrom('billing-stalled', 'unmasked-email', 'grant-leak'), on: fc.boolean() })
            .map((f): ReaderInput => ({ kind: 'fault', ...f })),
        ),
      }),
      { maxLength: 4 },
    ),
  )
  .map(([rename, retype, others]) => [rename, retype, ...others]);

async function runSchedule(definition: LabDefinition, seed: number, plan: readonly { atMs: number; input: ReaderInput }[]) {
  await env.reset();
  const sorted = [...plan].sort((a, b) => a.atMs - b.atMs).map((p) => [p.atMs, p.input] as const);
  const sim = await run([[0, action('contract-tests-on')], [0, action('run')], ...sorted], seed, definition);
  return { sim, invariants: await sim.checkInvariants() };
}

describe('contract tests under random schedules (property)', () => {
  it('with contract tests on, every served version keeps its contract and no consumer query fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { sim, invariants } = await runSchedule(lab, seed, plan);
        expect(sim.quiet).toBe(true);
        expect(invariants.get('served-versions-keep-their-contracts')?.status).toBe('holds');
        expect(consumerFigures(facts(sim)).failed).toBe(0);
      }),
      { numRuns: propertyRuns(3) },
    );
  }, 120_000);

  it('catch a contract test that compares column names only: a retype slips through and breaks marketing', async () => {
    const broken = dataMeshLab('names-only');
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const { sim, invariants } = await runSchedule(broken, seed, plan);
        return invariants.get('served-versions-keep-their-contracts')?.status === 'holds' && consumerFigures(facts(sim)).failed === 0;
      }),
      // No shrinking: one schedule that breaks it is all this test needs.
      { numRuns: propertyRuns(2), endOnFailure: true },
    );
    expect(outcome.failed).toBe(true);
  }, 120_000);
});
