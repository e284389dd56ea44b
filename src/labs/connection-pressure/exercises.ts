/** The chapter's exercise on connection pressure, checked on runs of the lab the reader has not seen. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import { SHARED_DATABASE } from '../ticket-system/layout.ts';
import { APP_SERVICES } from '../ticket-system/queries.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { roleOf } from './settings.ts';

const ROLES = APP_SERVICES.map(roleOf);
/** Two runs with seeds the reader never chose, so the network's jitter orders the logins differently. */
const HIDDEN_SEEDS = [2, 3];
const TICKET_INSTANCES = 3;

interface RunFigures {
  readonly refused: Map<string, { count: number; reason: string }>;
  readonly answered: Map<string, number>;
}

async function figures(run: HiddenRunView): Promise<RunFigures> {
  const db = requireDb(run.databases, SHARED_DATABASE);
  const refused = await select(
    db,
    "SELECT role, count(*)::int AS n, min(reason) AS reason FROM lab_connection_log WHERE event = 'refused' GROUP BY role",
  );
  const answered = await select(db, "SELECT role, count(*)::int AS n FROM lab_requests WHERE outcome = 'ok' GROUP BY role");
  return {
    refused: new Map(refused.map((r) => [String(r['role']), { count: Number(r['n']), reason: String(r['reason']) }])),
    answered: new Map(answered.map((r) => [String(r['role']), Number(r['n'])])),
  };
}

function describeLimits(limits: ReadonlyMap<string, number>): string {
  return ROLES.map((role) => `${role} ${(limits.get(role) ?? -1) < 0 ? 'unlimited' : String(limits.get(role))}`).join(', ');
}

const protectBilling: ExerciseDefinition = {
  id: 'protect-billing',
  title: 'Keep Ticket’s scale-out from starving Billing and Reporting',
  async check(ctx) {
    if (!ctx.replay) {
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    }
    const current = await select(
      requireDb(ctx.databases, SHARED_DATABASE),
      `SELECT rolname, rolconnlimit FROM pg_roles WHERE rolname IN (${ROLES.map((r) => `'${r}'`).join(', ')})`,
    );
    const limits = new Map(current.map((r) => [String(r['rolname']), Number(r['rolconnlimit'])]));
    const missing = ROLES.filter((role) => !limits.has(role));
    if (missing.length > 0)
      return { passed: false, message: `The shared database has no role ${missing.join(', ')} any more. Reset the lab.` };
    const inputs: RecordedInput[] = [
      ...ROLES.map((role) => ({
        step: 0,
        input: { kind: 'sql' as const, service: SHARED_DATABASE, sql: `ALTER ROLE ${role} CONNECTION LIMIT ${limits.get(role) ?? -1}` },
      })),
      ...Array.from({ length: TICKET_INSTANCES - 1 }, () => ({ step: 0, input: { kind: 'action' as const, actionId: 'add-ticket' } })),
      { step: 0, input: { kind: 'action' as const, actionId: 'burst-shared' } },
    ];
    const scenario = `With ${describeLimits(limits)}, ${TICKET_INSTANCES} Ticket instances and one burst on the shared database`;
    for (const seed of HIDDEN_SEEDS) {
      const run = await ctx.replay(seed, inputs, figures);
      const starved = [roleOf('billing'), roleOf('reporting')].filter((role) => run.refused.has(role));
      if (starved.length > 0) {
        const detail = starved.map((role) => `${role} ${run.refused.get(role)?.count} times (${run.refused.get(role)?.reason})`).join('; ');
        return { passed: false, message: `${scenario}, a run you have not seen refused ${detail}.` };
      }
      if ((run.answered.get(roleOf('ticket')) ?? 0) === 0) {
        return { passed: false, message: `${scenario}, Ticket answered no request at all. Ticket must still be served.` };
      }
    }
    return {
      passed: true,
      message: `${scenario}, two runs you have not seen refused Billing and Reporting nothing, and Ticket still answered requests. Ticket pays for its own growth; the other services keep their share.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [protectBilling];
