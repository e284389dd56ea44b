/**
 * The chapter's exercises, checked against the lab's real databases by probing as each role: the masking
 * view on runs the reader never saw, the region policy on rows the reader never saw, the erasure on the
 * reader's own run.
 */
import { requireDb, select } from '../check/select.ts';
import type { CheckResult, ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { Database } from '../engine/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { knownCustomers, stillReadable } from './audit.ts';
import { overreach, probeAll, probeOne } from './probe.ts';
import { MASKED_COLUMNS, MASKED_VIEW } from './settings.ts';

/** A masking view and its grant that pass the first exercise; the tests use it to check the check. */
export const MASKING_SOLUTION = `CREATE VIEW customers_masked AS
SELECT id, region,
       left(email, 1) || '***@' || split_part(email, '@', 2) AS email,
       '*** ' || right(phone, 2) AS phone,
       signed_up_at
FROM customers;
GRANT SELECT ON customers_masked TO reporting;`;

/** The policy that passes the second exercise. */
export const US_POLICY = `CREATE POLICY support_us_sees_us ON customers FOR SELECT TO support_us USING (region = 'us');`;

const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  { seed: 0x9d1, inputs: [{ step: 0, input: { kind: 'action', actionId: 'run-workload' } }] },
  {
    seed: 0x9d2,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'run-workload' } },
      { step: 40, input: { kind: 'action', actionId: 'erase' } },
    ],
  },
];

const run = (db: Database) => (sql: string) => db.query(sql);

/** Applies the reader's masking SQL to a hidden run, then probes as reporting. */
async function tryMasking(view: HiddenRunView, sql: string): Promise<string | undefined> {
  const db = requireDb(view.databases, 'customers');
  const applied = await db.query(sql);
  if (!applied.ok) return `On a run you have not seen, Postgres refused your SQL: ${applied.error.code ?? ''} ${applied.error.message}`;
  const [count] = await select(db, 'SELECT count(*)::int AS n FROM customers');
  const secrets = new Set(
    (await select(db, 'SELECT email, phone FROM customers')).flatMap((r) => [String(r['email']), String(r['phone'])]),
  );
  const probes = await probeAll(run(db));
  const extra = overreach(probes);
  if (extra[0]) return `As ${extra[0].role}, a probe read ${extra[0].relation}.${extra[0].column}, which that role is not meant to read.`;
  for (const column of MASKED_COLUMNS) {
    const p = probes.find((r) => r.role === 'reporting' && r.relation === MASKED_VIEW && r.column === column);
    if (p?.outcome !== 'read')
      return `As reporting, reading ${MASKED_VIEW}.${column} was ${p?.outcome === 'missing' ? 'impossible: no such view or column' : `refused (${p?.code ?? '?'})`}.`;
    if (p.rows !== Number(count?.['n'])) return `As reporting, ${MASKED_VIEW} showed ${p.rows} of ${String(count?.['n'])} customers.`;
    const leaked = p.values.find((v) => secrets.has(v));
    if (leaked) return `As reporting, ${MASKED_VIEW}.${column} showed a real contact detail in clear.`;
  }
  return undefined;
}

const maskForReporting: ExerciseDefinition = {
  id: 'mask-for-reporting',
  title: 'Give reporting masked contact details only',
  answer: { kind: 'sql', service: 'customers', placeholder: 'CREATE VIEW customers_masked AS SELECT … FROM customers; GRANT …' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: `Type the SQL that creates ${MASKED_VIEW} and lets reporting read it.` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (view) => tryMasking(view, sql));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message: `On two runs you never saw, probed as each role: reporting read every column of ${MASKED_VIEW} for every customer, no real email or phone among them, and was still refused the table itself with 42501.`,
    };
  },
};

/** Rows the reader never saw, added inside a transaction that is rolled back after the probe. */
const HIDDEN_ROWS = `INSERT INTO customers (id, name, email, phone, region, signed_up_at) VALUES
  ('H-1', 'Hidden One', 'h1@hidden.test', '+1 555 0001', 'us', 0),
  ('H-2', 'Hidden Two', 'h2@hidden.test', '+49 555 0002', 'eu', 0),
  ('H-3', 'Hidden Three', 'h3@hidden.test', '+1 555 0003', 'us', 0)`;

async function checkPolicy(db: Database, sql: string): Promise<CheckResult> {
  const fail = (message: string): CheckResult => ({ passed: false, message });
  // Held open across the calls below, so that the reader's policy and the hidden rows go with the ROLLBACK.
  await db.query('BEGIN', undefined, { keepTransaction: true });
  try {
    const applied = await db.query(sql);
    if (!applied.ok) return fail(`Postgres refused your SQL: ${applied.error.code ?? ''} ${applied.error.message}`);
    await db.query(HIDDEN_ROWS);
    const regions = await select(db, 'SELECT region, count(*)::int AS n FROM customers GROUP BY region');
    const total = (r: string) => Number(regions.find((x) => x['region'] === r)?.['n'] ?? 0);
    for (const [role, region] of [
      ['support_us', 'us'],
      ['support_eu', 'eu'],
    ] as const) {
      const seen = await probeOne(run(db), role, 'customers', 'region');
      if (seen.outcome !== 'read') return fail(`As ${role}, reading customers.region was refused (${seen.code}).`);
      const other = seen.values.find((v) => v !== region);
      if (other) return fail(`As ${role}, a probe saw a customer in ${other}, with rows you had not seen added.`);
      if (seen.rows !== total(region)) return fail(`As ${role}, a probe saw ${seen.rows} of the ${total(region)} customers in ${region}.`);
    }
    return {
      passed: true,
      message: `With three rows you had not seen added, support_us saw exactly the ${total('us')} customers in us, and support_eu still only its ${total('eu')}.`,
    };
  } finally {
    await db.query('RESET ROLE');
    await db.query('ROLLBACK');
  }
}

const regionPolicy: ExerciseDefinition = {
  id: 'region-policy',
  title: 'Write the row-level policy for support in the US',
  answer: { kind: 'sql', service: 'customers', placeholder: 'CREATE POLICY … ON customers FOR SELECT TO support_us USING (…);' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type the CREATE POLICY statement.' };
    return checkPolicy(requireDb(ctx.databases, 'customers'), sql);
  },
};

const eraseThroughOutage: ExerciseDefinition = {
  id: 'erase-through-outage',
  title: 'Erase a customer while analytics is down, and see the erasure through',
  async check(ctx) {
    const customers = requireDb(ctx.databases, 'customers');
    const retried = await select(
      customers,
      "SELECT t.customer_id, t.sent, t.done_at FROM erasure_tasks t WHERE t.task = 'analytics' AND t.sent > 1 ORDER BY t.customer_id",
    );
    if (retried.length === 0)
      return {
        passed: false,
        message: 'No erasure has had to ask analytics twice yet: switch “Analytics down” on, then erase a customer.',
      };
    const done = retried.find((r) => r['done_at'] !== null);
    if (!done)
      return {
        passed: false,
        message: `The erasure of ${String(retried[0]?.['customer_id'])} has asked analytics ${String(retried[0]?.['sent'])} times and is still waiting: bring analytics back.`,
      };
    const id = String(done['customer_id']);
    const who = (await knownCustomers(ctx.databases)).find((c) => c.customerId === id);
    const places = who ? await stillReadable(ctx.databases, who) : [];
    if (places.length > 0)
      return { passed: false, message: `${id}'s erasure is confirmed, yet a scan still reads them in ${places.join(', ')}.` };
    return {
      passed: true,
      message: `Analytics was asked ${String(done['sent'])} times before it confirmed ${id}'s erasure; a scan of every copy now finds ${id} nowhere in clear, and no key opens the sealed copies. The event log and the backup still hold the clear version, which no one can delete.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [maskForReporting, regionPolicy, eraseThroughOutage];
