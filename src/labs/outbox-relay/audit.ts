/**
 * What each pipeline left downstream, compared with what the ticket database committed: the one reading
 * behind the invariants and the tests. Read from the databases, not from the trace.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import { PIPELINES, type Pipeline } from './messages.ts';

/** The copiers read rows, not changes: a ticket changed twice between polls is copied once, at its newer state. */
export const COPIERS: readonly Pipeline[] = ['seq-copier', 'safe-copier'];

export interface PipelineAudit {
  /**
   * What has not arrived (or never will). A pipeline of events owes every committed change: the event ids
   * never notified. A copier copies rows, so it owes each ticket's latest state: the tickets whose copy is
   * missing or older.
   */
  readonly lost: readonly string[];
  /** Notifications for a change the ticket database never committed. */
  readonly phantom: readonly string[];
  /** Changes notified more than once. */
  readonly doubled: readonly string[];
}

export async function audit(dbs: ReadonlyMap<string, Database>): Promise<Map<Pipeline, PipelineAudit>> {
  const tickets = await select(requireDb(dbs, 'tickets'), 'SELECT id, version FROM tickets ORDER BY id');
  const committed = new Set((await select(requireDb(dbs, 'tickets'), 'SELECT event_id FROM outbox')).map((r) => String(r['event_id'])));
  const down = requireDb(dbs, 'downstream');
  const copies = await select(down, 'SELECT pipeline, ticket_id, version FROM copies');
  const notified = await select(down, 'SELECT pipeline, event_id, count(*) AS n FROM notifications GROUP BY pipeline, event_id');
  const result = new Map<Pipeline, PipelineAudit>();
  for (const pipeline of PIPELINES) {
    const copy = new Map(copies.filter((c) => c['pipeline'] === pipeline).map((c) => [String(c['ticket_id']), Number(c['version'])]));
    const mine = notified.filter((n) => n['pipeline'] === pipeline);
    const notifiedIds = new Set(mine.map((n) => String(n['event_id'])));
    result.set(pipeline, {
      lost: COPIERS.includes(pipeline)
        ? tickets
            .filter((t) => (copy.get(String(t['id'])) ?? 0) < Number(t['version']))
            .map((t) => `${String(t['id'])} v${String(t['version'])}`)
        : [...committed].filter((id) => !notifiedIds.has(id)).sort(),
      phantom: mine.filter((n) => !committed.has(String(n['event_id']))).map((n) => String(n['event_id'])),
      doubled: mine.filter((n) => Number(n['n']) > 1).map((n) => String(n['event_id'])),
    });
  }
  return result;
}

/** The pipelines with something in `field`, as invariant rows. */
export function offenders(audits: Map<Pipeline, PipelineAudit>, field: keyof PipelineAudit) {
  return [...audits].filter(([, a]) => a[field].length > 0).map(([pipeline, a]) => ({ pipeline, [field]: a[field].join(', ') }));
}
