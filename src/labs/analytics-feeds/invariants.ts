/**
 * What must hold, read from the databases. The batch table is checked against the ticket service's own
 * change log at the batch's cut-off; every stream table against a replay of the retained log, from offset
 * 0 up to the table's offset, with the table's logic (which is what Kappa relies on when it deploys by
 * replaying); and the customer service's tables each against the number of roles that wrote them.
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { DayCount, FeedsLab } from './messages.ts';
import { changeOf, changesSql, dayCountsOf } from './queries.ts';
import { DAY_MS, dayOf } from './settings.ts';
import { foldLog } from './stream-job.ts';

const show = (c: DayCount | undefined) => (c ? `${c.opened}/${c.closed}` : '–');

function differing(table: readonly DayCount[], truth: readonly DayCount[]) {
  const t = new Map(truth.map((c) => [c.day, c]));
  const r = new Map(table.map((c) => [c.day, c]));
  return [...new Set([...t.keys(), ...r.keys()])]
    .sort((a, b) => a - b)
    .filter((day) => show(t.get(day)) !== show(r.get(day)))
    .map((day) => ({ day: day + 1, table: show(r.get(day)), truth: show(t.get(day)) }));
}

const batchAtCutoff: InvariantSpec<FeedsLab> = {
  id: 'batch-equals-truth-at-cutoff',
  label: 'After each nightly run, the batch table equals the ticket service’s own count at the cut-off',
  async check(dbs) {
    const [state] = await select(requireDb(dbs, 'analytics'), 'SELECT cutoff, cutoff_position FROM batch_state');
    if (state?.['cutoff'] === null || state?.['cutoff'] === undefined) return { status: 'holds', summary: 'No nightly run yet.' };
    const cutoffDay = dayOf(Number(state['cutoff']));
    const truth = dayCountsOf(
      await select(
        requireDb(dbs, 'tickets'),
        `SELECT happened_at / ${DAY_MS} AS day, count(*) FILTER (WHERE kind = 'opened')::int AS opened, count(*) FILTER (WHERE kind = 'closed')::int AS closed
FROM change_log WHERE position <= ${Number(state['cutoff_position'])} AND happened_at < ${cutoffDay * DAY_MS} GROUP BY 1 ORDER BY 1`,
      ),
    );
    const table = dayCountsOf(await select(requireDb(dbs, 'analytics'), 'SELECT day, opened, closed FROM batch_daily ORDER BY day'));
    const rows = differing(table, truth);
    if (rows.length === 0)
      return { status: 'holds', summary: `All ${truth.length} days before the cut-off equal the ticket service’s count.` };
    return { status: 'broken', summary: `${rows.length} days differ from the ticket service at the cut-off.`, rows };
  },
};

const replayEqualsTable: InvariantSpec<FeedsLab> = {
  id: 'stream-table-equals-replay',
  label: 'Every stream table equals a replay of the retained log from offset 0 to its offset, with its logic',
  async check(dbs, quiet) {
    const analytics = requireDb(dbs, 'analytics');
    const jobs = await select(analytics, `SELECT job, logic, target, "offset" FROM stream_jobs WHERE job <> 'speed' ORDER BY job`);
    const log = (await select(requireDb(dbs, 'tickets'), changesSql(0, 1_000_000))).map(changeOf);
    const rows: Record<string, unknown>[] = [];
    for (const job of jobs) {
      const offset = Number(job['offset']);
      const replayed = foldLog(
        log.filter((c) => c.position <= offset),
        job['logic'] === 'v2' ? 'v2' : 'v1',
      );
      const table = dayCountsOf(await select(analytics, `SELECT day, opened, closed FROM ${String(job['target'])} ORDER BY day`));
      rows.push(...differing(table, replayed).map((r) => ({ job: job['job'], ...r })));
    }
    if (rows.length > 0)
      return {
        status: 'broken',
        summary: `${rows.length} day${rows.length === 1 ? '' : 's'} of a stream table differ from replaying the log: a change was counted twice or lost.`,
        rows,
      };
    const behind = jobs.filter((j) => Number(j['offset']) < (log.at(-1)?.position ?? 0)).length;
    if (behind > 0 && !quiet)
      return { status: 'pending', summary: 'Each stream table equals its replay so far; the job has not read the whole log yet.' };
    return { status: 'holds', summary: `Each stream table equals a replay of the ${log.length} changes it has read.` };
  },
};

const oneWriter: InvariantSpec<FeedsLab> = {
  id: 'one-writer-per-table',
  label: 'Each table of the customer service is written by one role only',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'customers'),
      "SELECT table_name, string_agg(writer, ', ' ORDER BY writer) AS writers FROM table_writers GROUP BY table_name HAVING count(*) > 1 ORDER BY 1",
    );
    if (rows.length === 0) return { status: 'holds', summary: 'No table of the customer service has a second writer.' };
    return {
      status: 'broken',
      summary: `${rows.map((r) => `${String(r['table_name'])} is written by ${String(r['writers'])}`).join('; ')}: the pipeline is a second writer.`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<FeedsLab>[] = [batchAtCutoff, replayEqualsTable, oneWriter];
