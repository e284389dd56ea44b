import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqlBlocksIn } from '../../../tests/docs/sql-blocks.ts';
import { nodeExercises } from '../node-exercises.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { select } from '../check/select.ts';
import { Simulation } from '../sim/simulation.ts';
import type { InvariantResult } from '../sim/types.ts';
import { SEED_ROWS } from './catalog.ts';
import { pullApartLab } from './lab.ts';
import { MONOLITH, TICKET_DB } from './requests.ts';

const lab = pullApartLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const chapterFile = fileURLToPath(new URL('../../content/docs/ownership/pulling-apart.mdx', import.meta.url));
/** The chapter's SQL, in its order: the lab must go from monolith to split with exactly these statements. */
const chapterBlocks = sqlBlocksIn(readFileSync(chapterFile, 'utf8'), 'pulling-apart.mdx').filter((b) => b.lab === 'pull-apart');

function simulation(seed = 1) {
  return new Simulation({ lab, seed, databases: env.databases });
}

function statuses(results: Map<string, InvariantResult>) {
  return Object.fromEntries([...results].map(([id, r]) => [id, r.status]));
}

const exercises = nodeExercises(lab, () => env.databases);
afterAll(exercises.close);
const check = (sim: Simulation, id: string, answer?: string) => exercises.check(id, sim, answer);

async function sql(sim: Simulation, text: string, service = MONOLITH) {
  const result = await sim.apply({ kind: 'sql', service, sql: text });
  if (!result?.ok) throw new Error(`failed: ${result && !result.ok ? result.error.message : ''}\n${text}`);
}

/** Runs the chapter's blocks in its order, from the first containing `from` up to (not including) the first containing `until`. */
async function runChapter(sim: Simulation, until: string | undefined, from?: string) {
  const start = from === undefined ? 0 : chapterBlocks.findIndex((b) => b.sql.includes(from));
  const end = until === undefined ? chapterBlocks.length : chapterBlocks.findIndex((b) => b.sql.includes(until));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  for (const block of chapterBlocks.slice(start, end)) {
    const result = await sim.apply({ kind: 'sql', service: block.service ?? '', sql: block.sql });
    if (block.expect === 'ok') expect(result?.ok, `${block.line}: ${result && !result.ok ? result.error.message : ''}`).toBe(true);
    else expect(result && !result.ok && result.error.code, `line ${block.line}`).toBe(block.expect);
  }
}

const STEP_3 = 'CREATE ROLE';
const STEP_5 = 'RENAME TO ticketing_retired';

describe('the monolith before the split', () => {
  it('has the seed rows the invariant expects', async () => {
    const db = env.databases.get(MONOLITH);
    if (!db) throw new Error('no monolith');
    for (const [table, n] of Object.entries(SEED_ROWS)) {
      expect(await select(db, `SELECT count(*)::int AS n FROM ${table}`), table).toEqual([{ n }]);
    }
  });

  it('serves every request and keeps every row, with every domain still tied together', async () => {
    const sim = simulation();
    expect(statuses(await sim.checkInvariants())).toEqual({
      'rows-kept': 'holds',
      'requests-succeed': 'holds',
      'domains-untied': 'pending',
      'copy-current': 'holds',
    });
    const untied = (await sim.checkInvariants()).get('domains-untied');
    expect(untied?.rows?.map((r) => r['name'])).toEqual(
      expect.arrayContaining(['tickets_customer_id_fkey', 'public.customer_ticket_summary', 'tickets_count_open']),
    );
  });

  it('answers requests through the simulated services', async () => {
    const sim = simulation();
    await sim.apply({ kind: 'action', actionId: 'send-requests' });
    await sim.runUntilQuiet();
    const notes = sim.trace.flatMap((e) => (e.type === 'note' ? [`${e.service}: ${e.text}`] : []));
    expect(notes).toEqual(
      expect.arrayContaining(['ticket: open-queue: 6 rows (monolith query)', 'survey: recent-feedback: 2 rows (monolith query)']),
    );
  });

  it('checks step 1 on the reader’s query, naming the ties it misses', async () => {
    const sim = simulation();
    const fksOnly = await check(sim, 'step-1-ties', "SELECT conname FROM pg_constraint WHERE contype = 'f'");
    expect(fksOnly.passed).toBe(false);
    expect(fksOnly.message).toContain('customer_ticket_summary');
    expect(fksOnly.message).toContain('tickets_count_open');
    const solution = chapterBlocks.find((b) => b.sql.includes('pg_trigger'));
    expect(solution).toBeDefined();
    const passed = await check(sim, 'step-1-ties', solution?.sql);
    expect(passed.message).toMatch(/all 6 ties/);
    expect(passed.passed).toBe(true);
  });
});

describe('the split, step by step, with the chapter’s SQL', () => {
  it('takes the lab from monolith to a separate ticket database, checked after every step', async () => {
    const sim = simulation();
    for (const id of ['step-2-schemas', 'step-3-roles', 'step-4-move', 'step-5-switch'])
      expect((await check(sim, id)).passed, id).toBe(false);

    await runChapter(sim, STEP_3);
    expect(await check(sim, 'step-2-schemas')).toMatchObject({ passed: true });
    expect((await check(sim, 'step-3-roles')).message).toContain('role ticket_service');

    await runChapter(sim, STEP_5, STEP_3);
    expect(await check(sim, 'step-3-roles')).toMatchObject({ passed: true });
    const beforeMove = await check(sim, 'step-4-move');
    expect(beforeMove.message).toContain('Move the ticket schema');

    await sim.apply({ kind: 'action', actionId: 'move-ticket-schema' });
    await sim.apply({ kind: 'action', actionId: 'send-requests' });
    await sim.runUntilQuiet();
    const moved = await check(sim, 'step-4-move');
    expect(moved.message).toMatch(/^ticket-db holds all 8 tickets/);
    expect(moved).toMatchObject({ passed: true });
    const ticketNotes = sim.trace.flatMap((e) => (e.type === 'note' && e.service === 'ticket' ? [e.text] : []));
    expect(ticketNotes).toContain(`connects to ${TICKET_DB} from now on`);
    expect(ticketNotes).toContain('open-queue: 6 rows (own schema, own role)');
    const surveyNotes = sim.trace.flatMap((e) => (e.type === 'note' && e.service === 'survey' ? [e.text] : []));
    expect(surveyNotes).toContain('ticket answered ticket-descriptions: 8 rows');
    const deliveredToTicketDb = sim.trace.filter((e) => e.type === 'deliver' && e.to === TICKET_DB && e.message.type === 'query');
    expect(deliveredToTicketDb.length).toBeGreaterThan(0);

    expect((await check(sim, 'step-5-switch')).message).toContain('schema named ticketing');
    await runChapter(sim, undefined, STEP_5);
    expect(await check(sim, 'step-5-switch')).toMatchObject({ passed: true });
    // The split is done; the copy it introduced went stale at the chapter's rename and nothing brought it back.
    expect(statuses(await sim.checkInvariants())).toEqual({
      'rows-kept': 'holds',
      'requests-succeed': 'holds',
      'domains-untied': 'holds',
      'copy-current': 'broken',
    });
  });
});

describe('the replicated column that nothing keeps current', () => {
  const RENAME = "UPDATE customer.customers SET name = 'Ada Brandt-Weiss' WHERE id = 1";
  const STALE = [
    { ticket: 101, customer: 1, copy: 'Ada Brandt', 'at the owner': 'Ada Brandt-Weiss' },
    { ticket: 102, customer: 1, copy: 'Ada Brandt', 'at the owner': 'Ada Brandt-Weiss' },
  ];

  it('matches the owner right after the fill, and goes stale at the first rename, before and after the move', async () => {
    const sim = simulation();
    await runChapter(sim, RENAME);
    const filled = (await sim.checkInvariants()).get('copy-current');
    expect(filled).toMatchObject({ status: 'holds', summary: 'All 8 copied customer names match the owner’s, for now.' });

    await runChapter(sim, 'ALTER TABLE ticketing.tickets DROP CONSTRAINT', RENAME);
    const renamed = (await sim.checkInvariants()).get('copy-current');
    expect(renamed?.status).toBe('broken');
    expect(renamed?.rows).toEqual(STALE);
    const monolith = env.databases.get(MONOLITH);
    if (!monolith) throw new Error('no monolith');
    const queue = await select(monolith, 'SELECT customer_name FROM ticketing.tickets WHERE id = 102');
    expect(queue).toEqual([{ customer_name: 'Ada Brandt' }]);

    await runChapter(sim, STEP_5, 'ALTER TABLE ticketing.tickets DROP CONSTRAINT');
    await sim.apply({ kind: 'action', actionId: 'move-ticket-schema' });
    await sim.runUntilQuiet();
    const moved = (await sim.checkInvariants()).get('copy-current');
    expect(moved?.summary).toMatch(/^2 of 8 tickets/);
    expect(moved?.rows).toEqual(STALE);
  });

  it('holds while Ticket still reads names from customers', async () => {
    const sim = simulation();
    expect((await sim.checkInvariants()).get('copy-current')?.summary).toContain('No replicated column yet');
  });
});

describe('a step half done (negative controls)', () => {
  it('lists the missing grants and the failing requests while roles lack their grants', async () => {
    const sim = simulation();
    await runChapter(sim, STEP_3);
    await sql(sim, 'CREATE ROLE ticket_service; CREATE ROLE survey_service');
    const inv = await sim.checkInvariants();
    expect(inv.get('requests-succeed')?.status).toBe('pending');
    expect(inv.get('requests-succeed')?.summary).toContain('ticket/open-queue');
    const step3 = await check(sim, 'step-3-roles');
    expect(step3.passed).toBe(false);
    expect(step3.message).toContain('USAGE on schema ticketing for ticket_service');
    expect(step3.message).toContain('role customer_service');
  });

  it('shows the old cross-domain join refused with 42501 once the role exists', async () => {
    const sim = simulation();
    await runChapter(sim, STEP_3);
    await sql(
      sim,
      'CREATE ROLE survey_service; GRANT USAGE ON SCHEMA survey TO survey_service; GRANT SELECT ON ALL TABLES IN SCHEMA survey TO survey_service',
    );
    const rows = (await sim.checkInvariants()).get('requests-succeed')?.rows ?? [];
    const feedback = rows.find((r) => r['request'] === 'survey/recent-feedback');
    expect(String(feedback?.['old query under the role'])).toMatch(/^42501 permission denied for schema ticketing/);
    expect(feedback?.['result']).toBe('ok, 2 rows');
  });

  it('refuses to move the schema while foreign keys still leave it', async () => {
    const sim = simulation();
    await runChapter(sim, STEP_3);
    await sim.apply({ kind: 'action', actionId: 'move-ticket-schema' });
    await sim.runUntilQuiet();
    const notes = sim.trace.flatMap((e) => (e.type === 'note' ? [e.text] : []));
    expect(notes.join('\n')).toMatch(/cannot move ticketing yet: .*tickets_customer_id_fkey/);
    const ticketDb = env.databases.get(TICKET_DB);
    if (!ticketDb) throw new Error('no ticket database');
    const tables = await select(ticketDb, "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'ticketing'");
    expect(tables).toEqual([{ n: 0 }]);
  });

  it('catches tickets lost when the old schema is dropped before the move', async () => {
    const sim = simulation();
    await runChapter(sim, STEP_3);
    await sql(sim, 'DROP SCHEMA ticketing CASCADE');
    const inv = await sim.checkInvariants();
    expect(inv.get('rows-kept')?.status).toBe('broken');
    expect(inv.get('rows-kept')?.summary).toContain('tickets: 0 of 8');
    expect((await check(sim, 'step-2-schemas')).message).toContain('tickets is in no schema');
  });
});

describe('determinism', () => {
  it('gives the same trace for the same seed and inputs', async () => {
    const run = async () => {
      await env.reset();
      const sim = simulation(5);
      await runChapter(sim, STEP_5);
      await sim.apply({ kind: 'action', actionId: 'move-ticket-schema' });
      await sim.apply({ kind: 'action', actionId: 'send-requests' });
      await sim.runUntilQuiet();
      return sim.hash();
    };
    expect(await run()).toBe(await run());
  });
});
