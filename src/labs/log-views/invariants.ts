/**
 * What must hold, read from all four databases: every view equals the left fold of the log up to its own
 * checkpoint; every view catches up with the log once nothing is in flight; and every rebuild produced the
 * same content hash as the view it replaced.
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { compareView } from './compare-view.ts';
import { readLog } from './log-rows.ts';
import { VIEWS, type LogViews } from './messages.ts';
import { VIEW_DEFINITIONS } from './views.ts';

const viewsEqualFold: InvariantSpec<LogViews> = {
  id: 'views-equal-fold',
  label: 'Every view equals the fold of the log up to its checkpoint',
  async check(dbs) {
    const log = await readLog(requireDb(dbs, 'orders'));
    const found: string[] = [];
    const positions: string[] = [];
    for (const name of VIEWS) {
      const c = await compareView(VIEW_DEFINITIONS[name], requireDb(dbs, name), log);
      if (c.position !== undefined) positions.push(`${name} at ${c.position}`);
      found.push(...c.differences);
    }
    if (found.length === 0) return { status: 'holds', summary: `${positions.join(', ')}: each equal to the fold of the log up to there.` };
    return { status: 'broken', summary: found[0] ?? '', rows: found.map((difference) => ({ difference })) };
  },
};

const viewsCatchUp: InvariantSpec<LogViews> = {
  id: 'views-catch-up',
  label: 'Every running view catches up with the log',
  async check(dbs, quiet) {
    const [head] = await select(requireDb(dbs, 'orders'), 'SELECT coalesce(max(position), 0) AS head FROM log');
    const behind: string[] = [];
    for (const name of VIEWS) {
      const [row] = await select(requireDb(dbs, name), 'SELECT position FROM checkpoint');
      if (row && Number(row['position']) < Number(head?.['head'])) behind.push(`${name} at ${String(row['position'])}`);
    }
    if (behind.length === 0) return { status: 'holds', summary: `Every running view is at the head, position ${String(head?.['head'])}.` };
    const summary = `${behind.join(', ')} of ${String(head?.['head'])}`;
    return quiet
      ? { status: 'broken', summary: `${summary}, and nothing is in flight to move them (restart a crashed view).` }
      : { status: 'pending', summary: `${summary}: catching up.` };
  },
};

const rebuildsMatch: InvariantSpec<LogViews> = {
  id: 'rebuilds-match',
  label: 'A rebuilt view hashes the same as the view it replaced',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'reporting'),
      'SELECT id, live_position, hash_before, hash_after FROM rebuilds WHERE finished_at IS NOT NULL ORDER BY id',
    );
    const wrong = rows.filter((r) => r['hash_after'] !== r['hash_before']);
    if (wrong.length === 0)
      return {
        status: 'holds',
        summary: rows.length === 0 ? 'No rebuild has finished yet.' : `${rows.length} rebuilt, each equal to the view it replaced.`,
      };
    return { status: 'broken', summary: `Rebuild ${String(wrong[0]?.['id'])} does not hash as the view it replaced.`, rows: wrong };
  },
};

export const invariants: readonly InvariantSpec<LogViews>[] = [viewsEqualFold, viewsCatchUp, rebuildsMatch];
