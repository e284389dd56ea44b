/**
 * What must hold, read from both databases: every snapshot and the state table agree with the fold of the
 * events; no withdrawal took an account past its overdraft limit; each stream's versions run 1, 2, 3 …; and
 * each projection, once it has caught up, agrees with the event store.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec, ServiceOf } from '../kit/define-lab.ts';
import { FOLD_SQL, OVERDRAWN_SQL, WRONG_SNAPSHOTS_SQL } from './fold-sql.ts';
import { CENTS_PG } from './event-shapes.ts';
import type { EventSourcing } from './messages.ts';

type Dbs = ReadonlyMap<ServiceOf<EventSourcing>, Database>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const snapshotsAgree: InvariantSpec<EventSourcing> = {
  id: 'snapshots-agree',
  label: 'Every snapshot equals the fold of its stream up to its version',
  async check(dbs) {
    const wrong = await select(requireDb(dbs, 'accounts'), WRONG_SNAPSHOTS_SQL);
    if (wrong.length === 0) return { status: 'holds', summary: 'Every snapshot agrees with the events before it.' };
    return {
      status: 'broken',
      summary: `${plural(wrong.length, 'snapshot disagrees', 'snapshots disagree')} with the events it stands for.`,
      rows: wrong,
    };
  },
};

const stateAgrees: InvariantSpec<EventSourcing> = {
  id: 'state-agrees',
  label: 'The state table equals the fold of each account’s events',
  async check(dbs) {
    const db = requireDb(dbs, 'accounts');
    const folded = new Map((await select(db, FOLD_SQL)).map((r) => [String(r['stream']), r]));
    const table = await select(db, 'SELECT stream, balance_cents, overdraft_cents, version FROM accounts ORDER BY stream');
    const differ = table.flatMap((row) => {
      const f = folded.get(String(row['stream']));
      const same = f && ['balance_cents', 'overdraft_cents', 'version'].every((c) => Number(f[c]) === Number(row[c]));
      return same
        ? []
        : [
            {
              stream: row['stream'],
              table_balance: row['balance_cents'],
              folded_balance: f?.['balance_cents'] ?? null,
              table_version: row['version'],
              folded_version: f?.['version'] ?? null,
            },
          ];
    });
    const missing = [...folded.keys()].filter((s) => !table.some((r) => r['stream'] === s));
    if (differ.length + missing.length === 0)
      return { status: 'holds', summary: `${plural(table.length, 'account', 'accounts')}, each equal to its fold.` };
    const rows = [
      ...differ,
      ...missing.map((stream) => ({
        stream,
        table_balance: null,
        folded_balance: folded.get(stream)?.['balance_cents'] ?? null,
        table_version: null,
        folded_version: folded.get(stream)?.['version'] ?? null,
      })),
    ];
    return {
      status: 'broken',
      summary: `${plural(rows.length, 'account’s row differs', 'accounts’ rows differ')} from the fold of its events: an update was lost or the fold is wrong.`,
      rows,
    };
  },
};

const noOverdraft: InvariantSpec<EventSourcing> = {
  id: 'no-overdraft',
  label: 'No withdrawal took an account below its overdraft limit',
  async check(dbs) {
    const rows = await select(requireDb(dbs, 'accounts'), OVERDRAWN_SQL);
    if (rows.length === 0) return { status: 'holds', summary: 'Every withdrawal was covered when it was appended.' };
    return {
      status: 'broken',
      summary: `${plural(rows.length, 'withdrawal', 'withdrawals')} went past the limit: decided on a state that was no longer current.`,
      rows,
    };
  },
};

const versionsContiguous: InvariantSpec<EventSourcing> = {
  id: 'versions-contiguous',
  label: 'Each stream’s versions run 1, 2, 3 … with no gap',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'accounts'),
      'SELECT stream, count(*)::int AS events, max(version) AS last_version FROM events GROUP BY stream HAVING count(*) <> max(version) ORDER BY stream',
    );
    if (rows.length === 0) return { status: 'holds', summary: 'No stream has a gap.' };
    return { status: 'broken', summary: `${plural(rows.length, 'stream has', 'streams have')} a gap in its versions.`, rows };
  },
};

async function projectionRows(dbs: Dbs, table: string): Promise<Map<string, number>> {
  const rows = await select(requireDb(dbs, 'projector'), `SELECT account, balance_cents FROM ${table}`);
  return new Map(rows.map((r) => [String(r['account']), Number(r['balance_cents'])]));
}

const projectionsAgree: InvariantSpec<EventSourcing> = {
  id: 'projections-agree',
  label: 'Every projection that has caught up agrees with the event store',
  async check(dbs, quiet) {
    const store = requireDb(dbs, 'accounts');
    const [head] = await select(store, 'SELECT coalesce(max(position), 0) AS head FROM events');
    const points = await select(requireDb(dbs, 'projector'), 'SELECT projection, position FROM checkpoints ORDER BY projection');
    const behind = points.filter((p) => Number(p['position']) < Number(head?.['head']));
    const problems: Record<string, string | number | null>[] = [];
    const folded = new Map((await select(store, FOLD_SQL)).map((r) => [String(r['stream']), Number(r['balance_cents'])]));
    for (const p of points.filter((q) => !behind.includes(q))) {
      const name = String(p['projection']);
      if (name.startsWith('summary')) {
        const rows = await projectionRows(dbs, name);
        for (const [stream, balance] of folded)
          if (rows.get(stream) !== balance)
            problems.push({ projection: name, key: stream, projected: rows.get(stream) ?? null, from_events: balance });
      } else if (name === 'daily_totals') {
        const truth = await select(
          store,
          `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || stream AS key,
             sum(CASE WHEN type = 'deposited' THEN ${CENTS_PG} ELSE 0 END)::int AS deposited FROM events GROUP BY 1`,
        );
        const rows = new Map(
          (await select(requireDb(dbs, 'projector'), "SELECT day || ' ' || account AS key, deposited_cents FROM daily_totals")).map((r) => [
            String(r['key']),
            Number(r['deposited_cents']),
          ]),
        );
        for (const t of truth)
          if (rows.get(String(t['key'])) !== Number(t['deposited']))
            problems.push({
              projection: name,
              key: String(t['key']),
              projected: rows.get(String(t['key'])) ?? null,
              from_events: Number(t['deposited']),
            });
      }
    }
    if (problems.length > 0)
      return {
        status: 'broken',
        summary: `${plural(problems.length, 'row', 'rows')} of a caught-up projection disagree with the events (first: ${String(problems[0]?.['projection'])}, ${String(problems[0]?.['key'])}).`,
        rows: problems.slice(0, 20),
      };
    if (behind.length > 0) {
      const summary = `${behind.map((b) => `${String(b['projection'])} at ${String(b['position'])}`).join(', ')} of ${String(head?.['head'])}`;
      return quiet
        ? { status: 'broken', summary: `${summary}, and nothing is in flight to move it.` }
        : { status: 'pending', summary: `${summary}: catching up.` };
    }
    return { status: 'holds', summary: `${plural(points.length, 'projection', 'projections')} caught up and equal to the events.` };
  },
};

export const invariants: readonly InvariantSpec<EventSourcing>[] = [
  snapshotsAgree,
  stateAgrees,
  noOverdraft,
  versionsContiguous,
  projectionsAgree,
];
