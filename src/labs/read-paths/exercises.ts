/** The chapter's exercises, checked against the lab's real databases (and, for the apply, on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import { sqlText, transaction } from '../kit/service-sql.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import comparison from './comparison.generated.json';
import { changeEventOf, changeEventsSql } from './customers.ts';
import { VARIANT_LABEL } from './measures.ts';
import type { Variant } from './messages.ts';
import { stageSql } from './replication.ts';
import { MAX_ATTEMPTS } from './settings.ts';
import { unrulyStream } from './unruly-stream.ts';

const ownerNow =
  "SELECT id, name, coalesce(to_jsonb(c) ->> 'plan', to_jsonb(c) ->> 'tier') AS plan, version FROM crm.customers c ORDER BY id";

const catchStaleCopy: ExerciseDefinition = {
  id: 'catch-a-stale-copy',
  title: 'Catch the replicated columns behind the owner',
  async check(ctx) {
    const owner = await select(requireDb(ctx.databases, 'customers'), ownerNow);
    const copy = new Map(
      (await select(requireDb(ctx.databases, 'tickets'), 'SELECT customer_id, name, plan, version FROM customer_copy')).map((r) => [
        String(r['customer_id']),
        r,
      ]),
    );
    const behind = owner.find((o) => Number(copy.get(String(o['id']))?.['version'] ?? 0) < Number(o['version']));
    if (!behind) {
      const changed = owner.some((o) => Number(o['version']) > 1);
      return {
        passed: false,
        message: changed
          ? 'Every customer in customer_copy is at the owner’s version: the replicator has caught up. Change a customer while it cannot.'
          : 'No customer has changed at the owner yet.',
      };
    }
    const c = copy.get(String(behind['id']));
    return {
      passed: true,
      message: `Caught it: Customers has ${String(behind['id'])} as ${String(behind['name'])}, ${String(behind['plan'])} (v${String(behind['version'])}); the ticket service’s copy still says ${String(c?.['name'])}, ${String(c?.['plan'])} (v${String(c?.['version'])}). Every queue page shows the copy until the replicator catches up.`,
    };
  },
};

/** One ticket's call, traced through Support profiles' access log: how many requests it cost Customers. */
const catchRetriesMultiplying: ExerciseDefinition = {
  id: 'catch-retries-multiplying',
  title: 'Catch one ticket costing Customers more than three requests',
  async check(ctx) {
    const [worst] = await select(
      requireDb(ctx.databases, 'profiles'),
      'SELECT caller_call, customer_id, count(*) AS caller_attempts, sum(owner_attempts) AS owner_requests FROM hop_log GROUP BY caller_call, customer_id ORDER BY owner_requests DESC, caller_call LIMIT 1',
    );
    if (!worst) return { passed: false, message: 'Support profiles has had no call yet: choose the chain and open the queue.' };
    const callerAttempts = Number(worst['caller_attempts']);
    const ownerRequests = Number(worst['owner_requests']);
    if (ownerRequests <= MAX_ATTEMPTS)
      return {
        passed: false,
        message: `Not yet: the costliest ticket call so far (${String(worst['customer_id'])}) sent Customers ${ownerRequests} request${ownerRequests === 1 ? '' : 's'}, no more than the ${MAX_ATTEMPTS} attempts the ticket service allows itself.`,
      };
    return {
      passed: true,
      message: `Caught it: one ticket's call for ${String(worst['customer_id'])} made ${callerAttempts} attempt${callerAttempts === 1 ? '' : 's'} at Support profiles and ${ownerRequests} requests at Customers. Each hop retried on its own clock, so the attempts multiplied along the chain.`,
    };
  },
};

/** The measured behaviour of each read path in the standard run, which the plan is judged against. */
function measuredPath(path: Variant) {
  return comparison.rows.find((r) => r.variant === path && r.faults.length === 0);
}

const pickReadPaths: ExerciseDefinition = {
  id: 'pick-read-paths',
  title: 'Pick a read path for each field',
  async check(ctx) {
    const tickets = requireDb(ctx.databases, 'tickets');
    const fields = await select(
      tickets,
      'SELECT b.field, b.staleness_budget_s, b.personal_data, b.needed_when_owner_down, p.path FROM field_budgets b LEFT JOIN read_path_plan p USING (field) ORDER BY b.field',
    );
    const problems: string[] = [];
    for (const f of fields) {
      const field = String(f['field']);
      const path = f['path'] === null ? undefined : (String(f['path']) as Variant);
      if (!path) {
        problems.push(`${field} has no read path yet`);
        continue;
      }
      const measured = measuredPath(path);
      const label = VARIANT_LABEL[path];
      if (f['personal_data'] === true && path !== 'call') {
        problems.push(`${field} is personal data: ${label} keeps or exposes it outside Customers; fetch it when a page needs it`);
        continue;
      }
      if (f['needed_when_owner_down'] === true && (measured?.failedInOutage ?? 0) > 0)
        problems.push(
          `${field} must show while Customers is down, and ${label} failed ${measured?.failedInOutage} of ${measured?.readsInOutage} reads during the outage`,
        );
      const budgetMs = Number(f['staleness_budget_s']) * 1000;
      if (budgetMs > 0 && (measured?.staleMaxAgeMs ?? 0) > budgetMs)
        problems.push(
          `${field} may be ${budgetMs / 1000} s old at most, and ${label} showed values ${measured?.staleMaxAgeMs.toLocaleString('en')} ms old`,
        );
    }
    if (problems.length > 0) return { passed: false, message: `Not yet: ${problems.join('; ')}.` };
    const plan = fields.map((f) => `${String(f['field'])} by ${VARIANT_LABEL[String(f['path']) as Variant]}`).join(', ');
    return {
      passed: true,
      message: `Each field meets its budget on the measured runs: ${plan}. Personal data stays with its owner, and what must survive an outage is read locally.`,
    };
  },
};

/** Runs the reader never sees: other seeds, and two customers changing far more often than the workload has them. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0x5ea1,
    inputs: [0, 2, 5, 9, 14, 20, 27].map((step, i) => ({
      step,
      input: { kind: 'action' as const, actionId: i % 2 ? 'plan-c2' : 'rename-c1' },
    })),
  },
  {
    seed: 0x5ea2,
    inputs: [3, 4, 6, 8, 11, 12, 15, 19].map((step, i) => ({
      step,
      input: { kind: 'action' as const, actionId: i % 3 === 0 ? 'plan-c2' : 'rename-c1' },
    })),
  },
];

/**
 * Feeds the hidden run's own change events to the reader's statement through incoming_changes, batch
 * by batch, with repeats and late batches, starting from the copy as it was first filled, then compares
 * the copy with the owner.
 */
async function tryApply(run: HiddenRunView, sql: string, seed: number): Promise<string | undefined> {
  const customers = requireDb(run.databases, 'customers');
  const tickets = requireDb(run.databases, 'tickets');
  const events = (await select(customers, changeEventsSql(0, 10_000))).map(changeEventOf);
  // The copy as it was first filled: every customer's first version.
  const first = await select(customers, 'SELECT customer_id, name, plan FROM crm.customer_history WHERE version = 1 ORDER BY customer_id');
  const values = first.map(
    (r) => `(${sqlText(String(r['customer_id']))}, ${sqlText(String(r['name']))}, ${sqlText(String(r['plan']))}, 1, 0)`,
  );
  await select(tickets, `DELETE FROM customer_copy; DELETE FROM copy_history; INSERT INTO customer_copy VALUES ${values.join(', ')};`);
  for (const [i, batch] of unrulyStream(events, seed).entries()) {
    const result = await tickets.query(transaction([...stageSql(batch, i + 1), sql]));
    if (!result.ok) {
      await tickets.query('ROLLBACK');
      return `On a run you have not seen, Postgres refused your statement: ${result.error.code}: ${result.error.message}`;
    }
  }
  const backwards = await select(
    tickets,
    'SELECT customer_id, old_version, new_version FROM copy_history WHERE new_version < old_version LIMIT 1',
  );
  const copy = new Map(
    (await select(tickets, 'SELECT customer_id, name, plan, version FROM customer_copy')).map((r) => [String(r['customer_id']), r]),
  );
  const wrong = (await select(customers, ownerNow)).filter((o) => {
    const c = copy.get(String(o['id']));
    return !c || c['name'] !== o['name'] || c['plan'] !== o['plan'] || Number(c['version']) !== Number(o['version']);
  });
  const parts = [];
  if (backwards[0])
    parts.push(
      `moved ${String(backwards[0]['customer_id'])} back from v${String(backwards[0]['old_version'])} to v${String(backwards[0]['new_version'])}`,
    );
  if (wrong.length > 0)
    parts.push(`left ${wrong.length} customer${wrong.length === 1 ? '' : 's'} unlike the owner (${String(wrong[0]?.['id'])}, for one)`);
  return parts.length === 0
    ? undefined
    : `On a run you have not seen, with batches repeated and overtaken, your statement ${parts.join(' and ')}.`;
}

const writeTheApply: ExerciseDefinition = {
  id: 'write-the-apply',
  title: 'Apply the owner’s change events: idempotent, in version order',
  answer: {
    kind: 'sql',
    service: 'tickets',
    placeholder: 'INSERT INTO customer_copy (…) SELECT … FROM incoming_changes … ON CONFLICT …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (sql === '') return { passed: false, message: 'Type one statement that moves the rows of incoming_changes into customer_copy.' };
    if (!/\bincoming_changes\b/i.test(sql) || !/\bcustomer_copy\b/i.test(sql))
      return { passed: false, message: 'Read the batch from incoming_changes and write it into customer_copy.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const [i, hidden] of HIDDEN_RUNS.entries()) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => tryApply(run, sql, hidden.seed + i));
      if (problem) return { passed: false, message: problem };
    }
    return {
      passed: true,
      message:
        'On two runs you never saw, with batches delivered twice and out of order, your statement left every customer equal to the owner and never moved one back.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [catchStaleCopy, catchRetriesMultiplying, pickReadPaths, writeTheApply];
