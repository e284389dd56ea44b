/** The chapter's exercises, each checked against the lab's real databases or runs the reader never saw. */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { audit, splitDone } from './audit.ts';
import type { FaultId } from './messages.ts';
import { loadTicketsSql, otherTickets } from './other-data.ts';
import { readJointRows, splitProblems } from './split-check.ts';
import { CLIENT, SPLIT_DB, TICKET_DB } from './techniques.ts';

const HIDDEN_DATA_SEEDS = [0x5e117, 0x5e118];

const splitTheTable: ExerciseDefinition = {
  id: 'split-the-table',
  title: 'Split tickets into tickets and ticket_assignments',
  answer: { kind: 'sql', service: SPLIT_DB, placeholder: 'BEGIN; CREATE TABLE ticket_assignments (…); … COMMIT;' },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type the SQL that performs the split on the split database.' };
    const db = requireDb(ctx.databases, SPLIT_DB);
    if (!ctx.replay) return { passed: false, message: 'This check replays your SQL on other data, and this page cannot do that.' };
    for (const seed of HIDDEN_DATA_SEEDS) {
      const rows = otherTickets(seed);
      const inputs: RecordedInput[] = [
        { step: 0, input: { kind: 'sql', service: SPLIT_DB, sql: loadTicketsSql(rows) } },
        { step: 0, input: { kind: 'sql', service: SPLIT_DB, sql } },
      ];
      const problems = await ctx.replay(seed, inputs, async (run: HiddenRunView) => {
        const hidden = requireDb(run.databases, SPLIT_DB);
        // A failed script leaves its transaction open and aborted on the one connection: close it first.
        await hidden.query('ROLLBACK');
        return splitProblems(hidden, rows);
      });
      if (problems.length > 0) {
        return {
          passed: false,
          message: `On a table of ${rows.length} other tickets your SQL left this: ${problems.join('; ')}. Move whatever the table holds, not the rows you can see.`,
        };
      }
    }
    const alreadySplit = await splitDone((s) => db.query(s));
    const before = alreadySplit ? undefined : await readJointRows(db);
    if (!alreadySplit) {
      const result = await ctx.run(SPLIT_DB, sql);
      if (!result.ok) {
        await db.query('ROLLBACK');
        return { passed: false, message: `Postgres answered ${result.error.code}: ${result.error.message}` };
      }
    }
    const problems = await splitProblems(db, before);
    if (problems.length > 0) return { passed: false, message: `Not yet: ${problems.join('; ')}.` };
    return {
      passed: true,
      message: `${before ? `All ${before.length} tickets kept their values, and` : 'On two hidden data sets every row kept its values, and'} every assignment moved to ticket_assignments under its ticket’s id, which is primary key and foreign key. Ticket can write only tickets and Assignment only ticket_assignments: Postgres refuses the rest with 42501.`,
    };
  },
};

const loseAnUpdate: ExerciseDefinition = {
  id: 'lose-an-update',
  title: 'Make the shared table lose an update',
  async check(ctx) {
    const detail = await audit((sql) => requireDb(ctx.databases, TICKET_DB).query(sql), 'domain');
    const first = detail.lost[0];
    if (!first) {
      return {
        passed: false,
        message:
          'Every column of domain.tickets holds the last value a service meant to write. Two saves of the same row must overlap, and nothing may stop the later one.',
      };
    }
    return {
      passed: true,
      message: `Ticket ${String(first['ticket_id'])}: request ${String(first['request_id'])} wrote ${String(first['col'])} = ${String(first['written'])}, and the row now says ${String(first['row_holds'])}. Another service saved the whole row from an older read and put the old value back. Nothing failed: the write was simply lost.`,
    };
  },
};

/** Hidden runs: the split applied, Ticket down, one workload, each on a seed the reader never saw. */
const TICKET_DOWN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [0x71c41, 0x71c42, 0x71c43].map(
  (seed) => ({
    seed,
    inputs: [
      { step: 0, input: { kind: 'action', actionId: 'apply-split' } },
      { step: 0, input: { kind: 'fault', faultId: 'ticket-down' satisfies FaultId, on: true } },
      { step: 0, input: { kind: 'action', actionId: 'run-workload' } },
    ],
  }),
);

async function mostAssignments(run: HiddenRunView): Promise<string[]> {
  const rows = await select(
    requireDb(run.databases, CLIENT),
    "SELECT technique, sum(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS done FROM requests WHERE kind = 'assign' GROUP BY technique",
  );
  const best = Math.max(...rows.map((r) => Number(r['done'])));
  return rows
    .filter((r) => Number(r['done']) === best)
    .map((r) => String(r['technique']))
    .sort();
}

const ticketDownWinner: ExerciseDefinition = {
  id: 'ticket-down-winner',
  title: 'Which technique keeps the most assignments working while Ticket is down?',
  answer: { kind: 'sql', service: CLIENT, placeholder: "SELECT technique FROM requests WHERE kind = 'assign' …" },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '')
      return { passed: false, message: 'Type a query for the client’s requests table. Its first column must be the technique.' };
    const own = await ctx.run(CLIENT, sql);
    if (!own.ok) return { passed: false, message: `SQLite answered: ${own.error.message}` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of TICKET_DOWN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, async (run) => {
        const result = await requireDb(run.databases, CLIENT).query(sql);
        if (!result.ok) return `your query failed there: ${result.error.message}`;
        const got = [...new Set((result.results.at(-1)?.rows ?? []).map((row) => String(row[0])))].sort();
        const want = await mostAssignments(run);
        if (got.join() === want.join()) return undefined;
        return `your query listed ${got.join(', ') || 'nothing'}, but the most assignment requests were written under ${want.join(' and ')}`;
      });
      if (problem)
        return {
          passed: false,
          message: `On a run you have not seen (Ticket down, split applied), ${problem}. Count what the log says; do not name a winner.`,
        };
    }
    return {
      passed: true,
      message:
        'Your query picked the right technique on three runs you never saw. With Ticket down, only the techniques in which Assignment writes without asking Ticket keep assigning, and a split also accepts assignments to closed tickets, which is why it often wins and why that win is worth a second look.',
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [splitTheTable, loseAnUpdate, ticketDownWinner];
