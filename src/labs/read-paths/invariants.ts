/**
 * What must hold, read from the three databases. The copy and the cache may lag, so their convergence
 * is pending while anything is in flight; but a page that showed a name and plan the owner never had
 * together, or a copy that went back to an older version, is wrong the moment it happens.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec, ServiceOf } from '../kit/define-lab.ts';
import type { ReadPaths } from './messages.ts';

type Dbs = ReadonlyMap<ServiceOf<ReadPaths>, Database>;

interface Value {
  readonly name: string;
  readonly plan: string;
  readonly version: number;
}

const key = (customerId: string, v: Value) => `${customerId}|${v.version}|${v.name}|${v.plan}`;
const show = (v: Value | undefined) => (v ? `${v.name}, ${v.plan} (v${v.version})` : 'missing');

/** The owner's customers as they are now; reads the plan whichever name its column has. */
async function owner(dbs: Dbs): Promise<Map<string, Value>> {
  const rows = await select(
    requireDb(dbs, 'customers'),
    "SELECT id, name, coalesce(to_jsonb(c) ->> 'plan', to_jsonb(c) ->> 'tier') AS plan, version FROM crm.customers c",
  );
  return new Map(rows.map((r) => [String(r['id']), { name: String(r['name']), plan: String(r['plan']), version: Number(r['version']) }]));
}

async function valuesIn(db: Database, sql: string): Promise<Map<string, Value>> {
  const rows = await select(db, sql);
  return new Map(
    rows.map((r) => [String(r['customer_id']), { name: String(r['name']), plan: String(r['plan']), version: Number(r['version']) }]),
  );
}

function differences(copy: Map<string, Value>, truth: Map<string, Value>) {
  return [...copy].flatMap(([id, v]) => {
    const t = truth.get(id);
    return t?.version === v.version && t.name === v.name && t.plan === v.plan ? [] : [{ customer: id, copy: show(v), owner: show(t) }];
  });
}

const copyConverges: InvariantSpec<ReadPaths> = {
  id: 'copy-converges',
  label: 'Once replication has caught up, the replicated columns equal the owner’s',
  async check(dbs, quiet) {
    const truth = await owner(dbs);
    const copy = await valuesIn(requireDb(dbs, 'tickets'), 'SELECT customer_id, name, plan, version FROM customer_copy');
    const differ = differences(copy, truth);
    if (differ.length === 0) return { status: 'holds', summary: `All ${copy.size} customers in customer_copy equal the owner.` };
    const summary = `${differ.length} of ${copy.size} customers in customer_copy differ from the owner`;
    if (!quiet) return { status: 'pending', summary: `${summary}; the replicator has not caught up yet.`, rows: differ };
    return { status: 'broken', summary: `${summary}, and nothing is left in flight to fix it.`, rows: differ };
  },
};

const cacheConverges: InvariantSpec<ReadPaths> = {
  id: 'cache-converges',
  label: 'Once nothing is in flight, no cache entry is older than the owner',
  async check(dbs, quiet) {
    const truth = await owner(dbs);
    const entries = await valuesIn(requireDb(dbs, 'cache'), 'SELECT customer_id, name, plan, version FROM entries');
    const differ = differences(entries, truth);
    if (differ.length === 0) return { status: 'holds', summary: `${entries.size} cache entries, none older than the owner.` };
    const summary = `${differ.length} cache entr${differ.length === 1 ? 'y differs' : 'ies differ'} from the owner`;
    if (!quiet) return { status: 'pending', summary: `${summary}; an expiry or an invalidation is still to come.`, rows: differ };
    return { status: 'broken', summary: `${summary}, and no expiry or invalidation is left to remove it.`, rows: differ };
  },
};

const noPhantoms: InvariantSpec<ReadPaths> = {
  id: 'no-phantom-reads',
  label: 'Every name and plan a queue page showed is a version the owner really had',
  async check(dbs) {
    const history = new Set(
      (await select(requireDb(dbs, 'customers'), 'SELECT customer_id, version, name, plan FROM crm.customer_history')).map((r) =>
        key(String(r['customer_id']), { name: String(r['name']), plan: String(r['plan']), version: Number(r['version']) }),
      ),
    );
    const shown = await select(
      requireDb(dbs, 'tickets'),
      'SELECT read_id, ticket_id, customer_id, name, plan, version FROM read_log WHERE version IS NOT NULL ORDER BY read_id, ticket_id',
    );
    const phantoms = shown.filter(
      (r) =>
        !history.has(key(String(r['customer_id']), { name: String(r['name']), plan: String(r['plan']), version: Number(r['version']) })),
    );
    if (phantoms.length === 0) return { status: 'holds', summary: `${shown.length} ticket rows shown, each a version the owner had.` };
    return {
      status: 'broken',
      summary: `${phantoms.length} ticket row${phantoms.length === 1 ? '' : 's'} showed a name and plan the owner never had together.`,
      rows: phantoms.slice(0, 20),
    };
  },
};

const neverBackwards: InvariantSpec<ReadPaths> = {
  id: 'copy-never-goes-back',
  label: 'No write to the replicated columns moves a customer to an older version',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'tickets'),
      'SELECT seq, customer_id, old_version, new_version FROM copy_history WHERE new_version < old_version ORDER BY seq LIMIT 20',
    );
    if (rows.length === 0) return { status: 'holds', summary: 'Every write to customer_copy kept or raised its version.' };
    const first = rows[0];
    return {
      status: 'broken',
      summary: `${rows.length === 20 ? 'At least 20' : rows.length} write${rows.length === 1 ? '' : 's'} moved a customer back (first: ${String(first?.['customer_id'])} v${String(first?.['old_version'])} → v${String(first?.['new_version'])}).`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<ReadPaths>[] = [copyConverges, cacheConverges, noPhantoms, neverBackwards];
