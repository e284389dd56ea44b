/**
 * One exercise per step of the split, each checked against the real catalog and by running the services'
 * requests under their roles. The steps build on one another in one lab, so each check says exactly what
 * is still missing, in the order the reader would fix it.
 */
import { requireDb } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition } from '../check/types.ts';
import { domains } from '../ticket-system/index.ts';
import { roleRights, schemaOf, tablePlaces, ties } from './catalog.ts';
import { crossDomainTies, requestTable, rowCounts } from './invariants.ts';
import { asOwner } from './owner.ts';
import { MONOLITH, TICKET_DB, databaseOf, probeService } from './requests.ts';
import { APP_SERVICES, appService, roleOf } from './services.ts';

function list(items: readonly string[]): string {
  return items.join('; ');
}

function fail(problems: readonly string[], done = ''): CheckResult {
  return { passed: false, message: `${done}Still missing: ${list(problems)}.` };
}

/** The schema that moves in step 4: the Ticket service's domain. */
const TICKETING = appService('ticket').domain;

/** Step 1: find what ties the tickets table to the rest of the monolith. */
const findTheTies: ExerciseDefinition = {
  id: 'step-1-ties',
  title: 'Step 1: find everything tied to tickets',
  answer: { kind: 'sql', service: MONOLITH, placeholder: 'SELECT … FROM pg_constraint … UNION ALL … pg_trigger …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type a query to run on the monolith.' };
    const wanted = [
      ...new Set(
        (await ties(requireDb(ctx.databases, MONOLITH)))
          .filter((t) => t.from.endsWith('.tickets') || t.to.endsWith('.tickets'))
          .map((t) => t.name.split('.').at(-1) ?? t.name),
      ),
    ];
    if (wanted.length === 0) {
      return {
        passed: false,
        message: 'Nothing in the monolith is tied to tickets any more, so there is nothing to find. Reset the lab to do step 1.',
      };
    }
    const result = await ctx.run(MONOLITH, sql);
    if (!result.ok) return { passed: false, message: `Postgres answered ${result.error.code}: ${result.error.message}.` };
    const cells = result.results.flatMap((r) => r.rows.flatMap((row) => row.map((cell) => String(cell))));
    const missing = wanted.filter((name) => !cells.some((cell) => cell.includes(name)));
    if (missing.length > 0) {
      return {
        passed: false,
        message: `Your query names ${wanted.length - missing.length} of the ${wanted.length} ties. Not in its result: ${missing.join(', ')}. Foreign keys are in pg_constraint, a view's tables in pg_depend via pg_rewrite, triggers in pg_trigger.`,
      };
    }
    return {
      passed: true,
      message: `Your query finds all ${wanted.length} ties to tickets: ${wanted.join(', ')}. Each one is something the split must replace.`,
    };
  },
};

/** Step 2: one schema per domain, every table in its domain's schema. */
const schemasPerDomain: ExerciseDefinition = {
  id: 'step-2-schemas',
  title: 'Step 2: give every domain its own schema',
  async check(ctx) {
    const db = requireDb(ctx.databases, MONOLITH);
    const places = await tablePlaces(db);
    const schemas = new Set((await asOwner(db, 'SELECT nspname FROM pg_namespace')).map((r) => String(r['nspname'])));
    const problems: string[] = [];
    const missingSchemas = domains.map(schemaOf).filter((s) => !schemas.has(s));
    if (missingSchemas.length > 0) problems.push(`schema${missingSchemas.length > 1 ? 's' : ''} ${missingSchemas.join(', ')}`);
    for (const domain of domains) {
      for (const table of domain.tables) {
        const at = places.filter((p) => p.table === table).map((p) => p.schema);
        if (!at.includes(schemaOf(domain))) problems.push(`${table} is in ${at.join(', ') || 'no schema'}, not in ${schemaOf(domain)}`);
      }
    }
    if (problems.length > 0) return fail(problems);
    const lost = (await rowCounts(ctx.databases)).filter((r) => r.rows !== r.seed);
    if (lost.length > 0)
      return fail(
        lost.map((r) => `${r.seed - r.rows} rows of ${r.table}`),
        'Every table is in its schema, but rows are gone. ',
      );
    const { failing } = await requestTable(ctx.databases);
    if (failing.length > 0)
      return fail(
        failing.map((f) => `${f} fails`),
        'Every table is in its schema. ',
      );
    return {
      passed: true,
      message: `All ${domains.length} domains have a schema holding their tables, no row moved or vanished, and every request still works.`,
    };
  },
};

/** Step 3: each service gets a role that may use its own schema and no other. */
const rolesAsBoundaries: ExerciseDefinition = {
  id: 'step-3-roles',
  title: 'Step 3: limit each service to its own schema',
  async check(ctx) {
    const db = requireDb(ctx.databases, MONOLITH);
    const problems: string[] = [];
    for (const service of APP_SERVICES) {
      const spec = appService(service);
      const own = spec.domain;
      const rights = await roleRights(db, service);
      if (!rights.exists) {
        problems.push(`role ${rights.role}`);
        continue;
      }
      if (!rights.usage.includes(own)) problems.push(`USAGE on schema ${own} for ${rights.role}`);
      const ownTables = domains.find((d) => d.id === own)?.tables ?? [];
      const unreadable = ownTables.filter((t) => !rights.readable.includes(`${own}.${t}`));
      if (unreadable.length > 0) problems.push(`SELECT on ${unreadable.map((t) => `${own}.${t}`).join(', ')} for ${rights.role}`);
      const foreign = rights.usage.filter((s) => s !== own && s !== 'public');
      if (foreign.length > 0) problems.push(`${rights.role} may still use ${foreign.join(', ')}: only ${own} is its own`);
    }
    const crossing = (await crossDomainTies(db)).filter((t) => t.kind !== 'foreign key');
    for (const tie of crossing)
      problems.push(`drop the ${tie.kind} ${tie.name} (${tie.from} -> ${tie.to}), which reaches across the boundary`);
    const { failing } = await requestTable(ctx.databases);
    for (const f of failing) problems.push(`${f} fails under its role (see the requests invariant for the error)`);
    if (problems.length > 0) return fail(problems);
    return {
      passed: true,
      message:
        'Each service reads its own schema under its own role; the old cross-domain joins are refused (42501), and calls and a replicated column answer instead.',
    };
  },
};

/** Step 4: the ticket schema leaves the monolith for a database of its own. */
const moveTheSchema: ExerciseDefinition = {
  id: 'step-4-move',
  title: 'Step 4: move the ticket schema to its own database',
  async check(ctx) {
    const problems: string[] = [];
    const leaving = (await ties(requireDb(ctx.databases, MONOLITH))).filter(
      (t) => t.kind === 'foreign key' && t.from.startsWith(`${TICKETING}.`) !== t.to.startsWith(`${TICKETING}.`),
    );
    for (const fk of leaving) problems.push(`drop foreign key ${fk.name} (${fk.from} -> ${fk.to}): it cannot point into another database`);
    const places = await tablePlaces(requireDb(ctx.databases, TICKET_DB));
    if (!places.some((p) => p.schema === TICKETING && p.table === 'tickets')) {
      problems.push(`${TICKET_DB} holds no ticketing.tickets yet: press “Move the ticket schema to its own database” and play until quiet`);
    } else if ((await databaseOf('ticket', ctx.databases)) !== TICKET_DB) {
      problems.push(`${TICKET_DB} has no role ${roleOf('ticket')}, so the Ticket service still connects to the monolith`);
    }
    if (problems.length > 0) return fail(problems);
    const tickets = (await rowCounts(ctx.databases)).find((r) => r.table === 'tickets');
    if (tickets && tickets.rows !== tickets.seed)
      return fail([`${tickets.seed - tickets.rows} of ${tickets.seed} tickets in ${TICKET_DB}`]);
    const outcomes = await probeService('ticket', ctx.databases);
    const broken = outcomes
      .filter((o) => !o.ok || o.database !== TICKET_DB)
      .map((o) => `ticket/${o.request} (${o.error?.message ?? `ran on ${o.database}`})`);
    if (broken.length > 0) return fail(broken, 'The schema is copied. ');
    return {
      passed: true,
      message: `${TICKET_DB} holds all ${tickets?.rows ?? 0} tickets, and the Ticket service’s requests succeed there as ${roleOf('ticket')}.`,
    };
  },
};

/** Step 5: the switch-over is final: the old copy in the monolith can no longer be reached. */
const retireTheOldCopy: ExerciseDefinition = {
  id: 'step-5-switch',
  title: 'Step 5: retire the monolith’s copy of the tickets',
  async check(ctx) {
    if ((await databaseOf('ticket', ctx.databases)) !== TICKET_DB) {
      return fail(['the move: the Ticket service still uses the monolith (do step 4 first)']);
    }
    const db = requireDb(ctx.databases, MONOLITH);
    const problems: string[] = [];
    const stillNamed = await asOwner(db, `SELECT 1 FROM pg_namespace WHERE nspname = '${TICKETING}'`);
    if (stillNamed.length > 0)
      problems.push(`the monolith still has a schema named ${TICKETING}: rename or drop it so no code reaches the old copy by name`);
    const rights = await roleRights(db, 'ticket');
    const writable = await asOwner(
      db,
      `SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND c.relname = 'tickets' AND n.nspname NOT LIKE 'pg\\_%'
       AND ${rights.exists ? `(has_table_privilege('${rights.role}', c.oid, 'SELECT') OR has_table_privilege('${rights.role}', c.oid, 'INSERT') OR has_table_privilege('${rights.role}', c.oid, 'UPDATE'))` : 'false'}`,
    );
    for (const row of writable)
      problems.push(`${rights.role} may still read or write the old ${String(row['t'])} in the monolith: revoke it`);
    const lost = (await rowCounts(ctx.databases)).filter((r) => r.rows !== r.seed);
    for (const r of lost) problems.push(`${r.seed - r.rows} rows of ${r.table} (${r.where} on ${r.database})`);
    const { failing } = await requestTable(ctx.databases);
    for (const f of failing) problems.push(`${f} fails`);
    if (problems.length > 0) return fail(problems);
    return {
      passed: true,
      message:
        'The Ticket service runs on its own database, the monolith’s old copy is out of reach, no row is lost and every request succeeds.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [findTheTies, schemasPerDomain, rolesAsBoundaries, moveTheSchema, retireTheOldCopy];
