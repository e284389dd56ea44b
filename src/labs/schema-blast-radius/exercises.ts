/** The chapter's exercises, checked by running the services' real queries on the lab's databases. */
import { requireDb } from '../check/select.ts';
import type { ExerciseDefinition } from '../check/types.ts';
import { SHARED_DATABASE } from '../ticket-system/layout.ts';
import { queryById } from '../ticket-system/queries.ts';
import { brokenServices, probeLayout, probeQuery, type QueryFailure } from './probe.ts';

function describeFailure(f: QueryFailure): string {
  return `${f.service} ${f.query}: ${f.code} ${f.message}`;
}

const breakOnlyBilling: ExerciseDefinition = {
  id: 'break-only-billing',
  title: 'Break exactly the Billing service',
  async check(ctx) {
    const failures = await probeLayout(ctx.databases, 'shared');
    const broken = brokenServices(failures);
    if (broken.length === 0) {
      return {
        passed: false,
        message: 'Every service’s queries still run on the shared database. Change something that a Billing query reads.',
      };
    }
    const others = failures.filter((f) => f.service !== 'billing');
    if (!broken.includes('billing')) {
      return {
        passed: false,
        message: `Billing still runs, but your change breaks ${others.map(describeFailure).join('; ')}. Reset the lab and look for something Billing reads.`,
      };
    }
    if (others.length > 0) {
      return {
        passed: false,
        message: `Billing breaks, and so does ${others.map(describeFailure).join('; ')}. Those services read the same thing: find a column only Billing’s queries use.`,
      };
    }
    const billing = failures.map(describeFailure).join('; ');
    return {
      passed: true,
      message: `Only Billing fails (${billing}); Ticket and Reporting still run. On the shared database you had to read every service’s SQL to know that.`,
    };
  },
};

const breakThroughTheTrigger: ExerciseDefinition = {
  id: 'break-through-the-trigger',
  title: 'Break a Ticket request without touching its tables',
  async check(ctx) {
    const monolith = requireDb(ctx.databases, SHARED_DATABASE);
    const create = queryById('create-ticket');
    const error = await probeQuery(monolith, create);
    if (!error) return { passed: false, message: 'Ticket’s create-ticket request still runs on the shared database.' };
    const reads = await probeQuery(monolith, queryById('open-tickets'));
    if (reads) {
      return {
        passed: false,
        message: `create-ticket fails, but so does open-tickets (${reads.code} ${reads.message}): your change reached the tickets table itself. Leave Ticket’s tables alone.`,
      };
    }
    // Postgres's own answer to "was it the trigger?": the same insert with the trigger switched off, rolled back.
    const withoutTrigger = await monolith.query(
      `BEGIN;\nALTER TABLE tickets DISABLE TRIGGER tickets_count_open;\n${create.sql};\nROLLBACK;`,
    );
    if (!withoutTrigger.ok) {
      return {
        passed: false,
        message: `create-ticket fails with ${error.code} (${error.message}), and still fails with the trigger switched off, so the trigger is not what broke it.`,
      };
    }
    return {
      passed: true,
      message: `create-ticket fails with ${error.code}: ${error.message}. The insert itself is fine: the tickets_count_open trigger writes to customers in the same transaction, so a change to the Customer domain broke a Ticket request.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [breakOnlyBilling, breakThroughTheTrigger];
