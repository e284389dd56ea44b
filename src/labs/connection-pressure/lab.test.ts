import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requireDb, select } from '../check/select.ts';
import { nodeExercises } from '../node-exercises.ts';
import { factsOf } from '../kit/define-lab.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { SHARED_DATABASE } from '../ticket-system/layout.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ReaderInput } from '../sim/types.ts';
import { admit } from './admission.ts';
import { connectionPressureLab } from './lab.ts';
import type { ConnectionPressureFact, Outcome } from './messages.ts';
import { connectionFigures, outageFigures, requestFigures } from './measures.ts';
import { BURST_SIZE, SHARED_MAX_CONNECTIONS } from './settings.ts';
import { propertyRuns } from '../check/property-runs.ts';

const lab = connectionPressureLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const action = (actionId: string): ReaderInput => ({ kind: 'action', actionId });
const sqlOn = (service: string, sql: string): ReaderInput => ({ kind: 'sql', service, sql });

async function run(inputs: readonly ReaderInput[], seed = 2, definition: LabDefinition = lab) {
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const input of inputs) {
    await sim.apply(input);
    await sim.runUntilQuiet();
  }
  return sim;
}

function figure(sim: Simulation, layout: string, service: string) {
  const row = requestFigures(factsIn(sim)).find((r) => r.layout === layout && r.service === service);
  if (!row) throw new Error(`no figures for ${layout} ${service}`);
  return row;
}

const factsIn = (sim: Simulation) => factsOf<ConnectionPressureFact>(sim.trace);

/** What the users got back, in the order they got it. */
function responses(sim: Simulation): Outcome[] {
  return factsIn(sim).flatMap(({ fact }) => (fact.kind === 'responded' ? [fact] : []));
}

describe('login rules', () => {
  it('refuse at max_connections, then at the role’s own limit, as Postgres words it', () => {
    expect(admit('billing_app', { maxConnections: 12, open: 12, openForRole: 0, roleLimit: -1 })).toEqual({
      admitted: false,
      code: '53300',
      message: 'sorry, too many clients already',
    });
    expect(admit('ticket_app', { maxConnections: 12, open: 5, openForRole: 4, roleLimit: 4 })).toMatchObject({
      message: 'too many connections for role "ticket_app"',
    });
    expect(admit('ticket_app', { maxConnections: 12, open: 5, openForRole: 3, roleLimit: 4 })).toEqual({ admitted: true });
    expect(admit('gone', { maxConnections: 12, open: 0, openForRole: 0, roleLimit: null })).toMatchObject({ code: '28000' });
  });
});

describe('one shared database against one per domain', () => {
  it('fills the shared database exactly with one instance of each service, and refuses nobody', async () => {
    const sim = await run([action('burst-shared')]);
    const monolith = connectionFigures(factsIn(sim)).find((r) => r.database === SHARED_DATABASE);
    expect(monolith).toEqual({ database: SHARED_DATABASE, max_connections: SHARED_MAX_CONNECTIONS, peak_in_use: 12, refused: 0 });
    for (const service of ['ticket', 'billing', 'reporting']) expect(figure(sim, 'shared', service).answered).toBe(BURST_SIZE);
    const statuses = Object.fromEntries([...(await sim.checkInvariants())].map(([id, r]) => [id, r.status]));
    expect(statuses).toEqual({ 'within-limits': 'holds', 'nobody-refused': 'holds' });
  });

  it('lets Ticket’s scale-out get Billing and Reporting refused on the shared database, never on their own', async () => {
    const shared = await run([action('add-ticket'), action('add-ticket'), action('burst-shared')]);
    expect(figure(shared, 'shared', 'billing').refused).toBeGreaterThan(0);
    expect(figure(shared, 'shared', 'reporting').refused).toBeGreaterThan(0);
    const refusal = responses(shared).find((r) => r.service === 'billing' && !r.ok);
    expect(refusal).toMatchObject({ code: '53300', message: 'sorry, too many clients already' });
    const inv = await shared.checkInvariants();
    expect(inv.get('within-limits')?.status).toBe('holds');
    expect(inv.get('nobody-refused')?.status).toBe('broken');

    await env.reset();
    const split = await run([action('add-ticket'), action('add-ticket'), action('add-ticket'), action('burst-split')]);
    expect(figure(split, 'split', 'billing')).toMatchObject({ refused: 0, answered: BURST_SIZE });
    expect(figure(split, 'split', 'reporting')).toMatchObject({ refused: 0, answered: BURST_SIZE });
    const ticketDb = connectionFigures(factsIn(split)).find((r) => r.database === 'ticket-db');
    expect(ticketDb?.peak_in_use).toBe(8);
  });

  it('starves a new instance while the other pools keep their idle connections', async () => {
    const sim = await run([action('burst-shared'), action('add-ticket'), action('burst-shared')]);
    const refusals = responses(sim).filter((r) => !r.ok);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((r) => r.instance))).toEqual(new Set(['ticket-2']));
  });

  it('applies a role’s CONNECTION LIMIT from the real catalog', async () => {
    const sim = await run([
      sqlOn(SHARED_DATABASE, 'ALTER ROLE ticket_app CONNECTION LIMIT 4'),
      action('add-ticket'),
      action('add-ticket'),
      action('burst-shared'),
    ]);
    expect(figure(sim, 'shared', 'billing').refused).toBe(0);
    const ticket = responses(sim).filter((r) => r.service === 'ticket' && !r.ok);
    expect(ticket.length).toBeGreaterThan(0);
    // Postgres checks max_connections before the role's limit, so a full server still answers first.
    expect(ticket.every((r) => r.code === '53300')).toBe(true);
    expect(ticket.some((r) => r.message === 'too many connections for role "ticket_app"')).toBe(true);
  });

  it('takes every service down with the shared database, and only Ticket with the Ticket database', async () => {
    const sim = await run([action('crash-shared'), action('burst-shared'), action('crash-ticket-db'), action('burst-split')]);
    const failedBy = (database: string) =>
      outageFigures(factsIn(sim), sim.trace)
        .filter((r) => r.database === database && r.failed > 0)
        .map((r) => r.service);
    expect(failedBy(SHARED_DATABASE)).toEqual(['ticket', 'billing', 'reporting']);
    expect(failedBy('ticket-db')).toEqual(['ticket']);
    expect(figure(sim, 'split', 'billing').answered).toBe(BURST_SIZE);
  });

  it('drops every connection on restart; pools find out on first use (08006) and then reconnect', async () => {
    const sim = await run([
      action('burst-shared'),
      action('crash-shared'),
      { kind: 'restart', service: SHARED_DATABASE },
      action('burst-shared'),
    ]);
    const second = responses(sim).filter((r) => r.requestId.startsWith('b2-'));
    expect(second.filter((r) => r.code === '08006').length).toBeGreaterThan(0);
    const open = await select(requireDb(env.databases, SHARED_DATABASE), 'SELECT count(*)::int AS n FROM lab_connections');
    expect(Number(open[0]?.['n'])).toBeGreaterThan(0);
    await sim.apply(action('burst-shared'));
    await sim.runUntilQuiet();
    const third = responses(sim).filter((r) => r.requestId.startsWith('b3-'));
    expect(third.filter((r) => !r.ok)).toEqual([]);
    const dropped = await select(
      requireDb(env.databases, SHARED_DATABASE),
      "SELECT count(*)::int AS n FROM lab_connection_log WHERE event = 'dropped by restart'",
    );
    expect(dropped).toEqual([{ n: 12 }]);
  });

  it('is deterministic: the same seed and inputs give the same trace', async () => {
    const inputs = [action('add-billing'), action('burst-shared'), action('crash-ticket-db'), action('burst-split')];
    const first = (await run(inputs, 9)).hash();
    await env.reset();
    expect((await run(inputs, 9)).hash()).toBe(first);
    await env.reset();
    expect((await run(inputs, 10)).hash()).not.toBe(first);
  });
});

describe('exercise protect-billing (hidden runs)', () => {
  const exercises = nodeExercises(lab, () => env.databases);
  afterAll(exercises.close);

  const check = () => exercises.check('protect-billing', new Simulation({ lab, seed: 1, databases: env.databases }));

  const alter = async (sql: string) => {
    const result = await requireDb(env.databases, SHARED_DATABASE).query(sql);
    if (!result.ok) throw new Error(result.error.message);
  };

  it('fails untouched, passes with Ticket capped, fails when Ticket gets nothing or Billing is capped', async () => {
    const untouched = await check();
    expect(untouched.passed).toBe(false);
    expect(untouched.message).toMatch(/refused (billing_app|reporting_app)/);
    await alter('ALTER ROLE ticket_app CONNECTION LIMIT 4');
    expect(await check()).toMatchObject({ passed: true });
    await alter('ALTER ROLE ticket_app CONNECTION LIMIT 0');
    expect((await check()).message).toContain('Ticket answered no request');
    await alter('ALTER ROLE ticket_app CONNECTION LIMIT 4; ALTER ROLE billing_app CONNECTION LIMIT 2');
    expect((await check()).message).toContain('billing_app');
  }, 60_000);
});

/** Random reader schedules: scale-outs, bursts in both layouts, outages and restarts, at random steps. */
const schedule = fc.array(
  fc.record({
    after: fc.nat({ max: 30 }),
    input: fc.constantFrom<ReaderInput>(
      action('add-ticket'),
      action('add-billing'),
      action('add-reporting'),
      action('burst-shared'),
      action('burst-split'),
      action('crash-shared'),
      action('crash-ticket-db'),
      { kind: 'restart', service: SHARED_DATABASE },
      { kind: 'restart', service: 'ticket-db' },
    ),
  }),
  { minLength: 1, maxLength: 8 },
);

async function runSchedule(definition: LabDefinition, seed: number, plan: { after: number; input: ReaderInput }[]) {
  await env.reset();
  const sim = new Simulation({ lab: definition, seed, databases: env.databases });
  for (const { after, input } of plan) {
    for (let i = 0; i < after && (await sim.step()); i++);
    await sim.apply(input);
  }
  await sim.runUntilQuiet(5000);
  for (const service of [...sim.crashed]) await sim.apply({ kind: 'restart', service });
  await sim.runUntilQuiet(5000);
  return sim;
}

describe('under random schedules (property)', () => {
  it('every request gets exactly one response, and no database exceeds its limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const sim = await runSchedule(lab, seed, plan);
        expect(sim.quiet).toBe(true);
        const sent = factsIn(sim).flatMap(({ fact }) => (fact.kind === 'requested' ? [fact.requestId] : []));
        const answered = responses(sim).map((r) => r.requestId);
        expect([...answered].sort()).toEqual([...sent].sort());
        expect((await sim.checkInvariants()).get('within-limits')?.status).toBe('holds');
      }),
      { numRuns: propertyRuns(25) },
    );
  }, 120_000);

  it('catch a database that does not enforce its limits (negative control)', async () => {
    const broken = connectionPressureLab({ enforceLimits: false });
    const outcome = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), schedule, async (seed, plan) => {
        const sim = await runSchedule(broken, seed, plan);
        return (await sim.checkInvariants()).get('within-limits')?.status === 'holds';
      }),
      { numRuns: propertyRuns(25) },
    );
    expect(outcome.failed).toBe(true);
  }, 120_000);
});
