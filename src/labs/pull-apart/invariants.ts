/**
 * What must hold while the monolith is pulled apart, computed from the real databases: no row is lost,
 * every service's requests succeed under the role it runs with, (the goal of the split) nothing ties
 * two domains together inside one database any more, and the one replicated column still says what its
 * source says, which nothing in this lab keeps true after a rename.
 */
import type { Database } from '../engine/types.ts';
import type { InvariantDefinition } from '../sim/types.ts';
import { SEED_ROWS, tablePlaces, ties } from './catalog.ts';
import { asOwner } from './owner.ts';
import { replacementFor } from './replacements.ts';
import { databaseOf, MONOLITH, probeMonolithQuery, probeService } from './requests.ts';
import { APP_SERVICES, appService } from './services.ts';

function need(dbs: ReadonlyMap<string, Database>, name: string): Database {
  const db = dbs.get(name);
  if (!db) throw new Error(`no database ${name}`);
  return db;
}

/** The database that holds a table for its owner: the Ticket service's own once it has moved there. */
async function homeOf(table: string, dbs: ReadonlyMap<string, Database>): Promise<string> {
  return table === 'tickets' ? databaseOf('ticket', dbs) : MONOLITH;
}

export async function rowCounts(dbs: ReadonlyMap<string, Database>) {
  const rows: { table: string; database: string; where: string; rows: number; seed: number }[] = [];
  for (const [table, seed] of Object.entries(SEED_ROWS)) {
    const database = await homeOf(table, dbs);
    const db = need(dbs, database);
    const places = (await tablePlaces(db)).filter((p) => p.table === table);
    let count = 0;
    let where = 'missing';
    for (const place of places) {
      const [row] = await asOwner(db, `SELECT count(*)::int AS n FROM "${place.schema}"."${table}"`);
      const n = Number(row?.['n'] ?? 0);
      if (where === 'missing' || n > count) [count, where] = [n, `${place.schema}.${table}`];
    }
    rows.push({ table, database, where, rows: count, seed });
  }
  return rows;
}

const rowsKept: InvariantDefinition = {
  id: 'rows-kept',
  label: 'No row is lost: every table has the seed’s rows where its owner reads it',
  async check(dbs) {
    const rows = await rowCounts(dbs);
    const off = rows.filter((r) => r.rows !== r.seed);
    const total = rows.reduce((sum, r) => sum + r.rows, 0);
    if (off.length === 0) return { status: 'holds', summary: `All ${total} rows are where their owners read them.`, rows };
    const list = off.map((r) => `${r.table}: ${r.rows} of ${r.seed} (${r.where} on ${r.database})`).join('; ');
    return { status: 'broken', summary: `Rows missing or extra: ${list}.`, rows };
  },
};

export async function requestTable(dbs: ReadonlyMap<string, Database>) {
  const rows: Record<string, string | number>[] = [];
  const failing: string[] = [];
  for (const service of APP_SERVICES) {
    for (const outcome of await probeService(service, dbs)) {
      const name = `${outcome.service}/${outcome.request}`;
      if (!outcome.ok) failing.push(name);
      const spec = appService(outcome.service).requests.find((r) => r.id === outcome.request);
      let monolithJoin = '';
      if (spec && outcome.code === 'split' && !outcome.calledBy) {
        const old = await probeMonolithQuery(need(dbs, MONOLITH), outcome.service, spec);
        monolithJoin = old.ok ? 'still allowed' : `${old.error?.code ?? ''} ${old.error?.message ?? ''}`;
      }
      rows.push({
        request: name,
        ...(outcome.calledBy ? { 'called by': outcome.calledBy } : { 'called by': '' }),
        runs: outcome.code === 'split' ? `own code as ${outcome.role ?? ''}` : 'monolith query',
        database: outcome.database,
        result: outcome.ok ? `ok, ${outcome.rows} rows` : `${outcome.error?.code ?? ''} ${outcome.error?.message ?? ''}`,
        'old query under the role': monolithJoin,
        'replaced by': outcome.code === 'split' && !outcome.calledBy ? (spec?.split.replaces ?? '') : '',
      });
    }
  }
  return { rows, failing };
}

async function splitUnderWay(db: Database): Promise<boolean> {
  const schemas = await asOwner(
    db,
    "SELECT 1 FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')",
  );
  const roles = await asOwner(db, "SELECT 1 FROM pg_roles WHERE rolname LIKE '%\\_service'");
  return schemas.length > 0 || roles.length > 0;
}

const requestsSucceed: InvariantDefinition = {
  id: 'requests-succeed',
  label: 'Every service’s requests succeed',
  async check(dbs) {
    const { rows, failing } = await requestTable(dbs);
    if (failing.length === 0) return { status: 'holds', summary: `All ${rows.length} requests succeed.`, rows };
    const summary = `${failing.length} of ${rows.length} requests fail: ${failing.join(', ')}.`;
    // Mid-split a failing request is the work still to do; on an untouched monolith it is a real breakage.
    const pending = await splitUnderWay(need(dbs, MONOLITH));
    return { status: pending ? 'pending' : 'broken', summary: pending ? `${summary} Finish the step to fix them.` : summary, rows };
  },
};

export async function crossDomainTies(db: Database) {
  return (await ties(db)).filter((t) => t.crossesDomains);
}

const domainsUntied: InvariantDefinition = {
  id: 'domains-untied',
  label: 'No foreign key, view or trigger ties two domains together in the monolith',
  async check(dbs) {
    const crossing = await crossDomainTies(need(dbs, MONOLITH));
    if (crossing.length === 0)
      return { status: 'holds', summary: 'Each domain’s tables stand alone: nothing ties them to another domain.' };
    const rows = crossing.map((t) => ({ kind: t.kind, name: t.name, from: t.from, to: t.to, 'replaced by': replacementFor(t.name) }));
    const kinds = (k: string) => crossing.filter((t) => t.kind === k).length;
    return {
      status: 'pending',
      summary: `${crossing.length} ties still cross domains: ${kinds('foreign key')} foreign keys, ${kinds('view')} view dependencies, ${kinds('trigger')} triggers.`,
      rows,
    };
  },
};

/** Where the replicated `customer_name` lives: the schema of a `tickets` table that has the column. */
async function copySchema(db: Database): Promise<string | undefined> {
  const [row] = await asOwner(
    db,
    `SELECT n.nspname AS schema FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = 'tickets' AND c.relkind = 'r' AND a.attname = 'customer_name' AND NOT a.attisdropped
     ORDER BY n.nspname = 'ticketing' DESC, n.nspname LIMIT 1`,
  );
  return row ? String(row['schema']) : undefined;
}

/**
 * Compares Ticket's copy of each customer's name with the name the Customer service holds. Step 3 fills the
 * copy with one `UPDATE`; nothing sends it a later change, so a rename at the owner leaves it behind.
 */
export async function staleCopies(dbs: ReadonlyMap<string, Database>) {
  const home = need(dbs, await databaseOf('ticket', dbs));
  const schema = await copySchema(home);
  if (schema === undefined) return undefined;
  const copies = await asOwner(home, `SELECT id, customer_id, customer_name FROM "${schema}".tickets ORDER BY id`);
  const monolith = need(dbs, MONOLITH);
  const names = new Map<number, string>();
  for (const place of (await tablePlaces(monolith)).filter((p) => p.table === 'customers')) {
    for (const row of await asOwner(monolith, `SELECT id, name FROM "${place.schema}".customers`))
      names.set(Number(row['id']), String(row['name']));
  }
  const stale = copies
    .map((c) => ({
      ticket: Number(c['id']),
      customer: Number(c['customer_id']),
      copy: c['customer_name'] === null ? '(none)' : String(c['customer_name']),
      'at the owner': names.get(Number(c['customer_id'])) ?? '(no such customer)',
    }))
    .filter((r) => r.copy !== r['at the owner']);
  return { copies: copies.length, stale };
}

const copyCurrent: InvariantDefinition = {
  id: 'copy-current',
  label: 'Ticket’s copy of each customer’s name matches the Customer service’s',
  async check(dbs) {
    const found = await staleCopies(dbs);
    if (!found) return { status: 'holds', summary: 'No replicated column yet: Ticket still reads names from customers.' };
    if (found.stale.length === 0)
      return { status: 'holds', summary: `All ${found.copies} copied customer names match the owner’s, for now.` };
    return {
      status: 'broken',
      summary: `${found.stale.length} of ${found.copies} tickets show a customer name the Customer service has since changed. Nothing in this lab updates the copy after the UPDATE that filled it.`,
      rows: found.stale,
    };
  },
};

export const invariants: readonly InvariantDefinition[] = [rowsKept, requestsSucceed, domainsUntied, copyCurrent];
