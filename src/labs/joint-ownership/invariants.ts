/** What must hold in every technique, computed from the real databases. */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { InvariantResult } from '../sim/types.ts';
import { audit, splitDone, ORPHANS_SQL } from './audit.ts';
import type { JointOwnership } from './messages.ts';
import { keyConstraints } from './split-check.ts';
import { APP_SERVICES, CLIENT, ROLE, SPLIT_DB, TECHNIQUE, TECHNIQUES, qualified, type TechniqueId } from './techniques.ts';

const runOn = (db: Database) => (sql: string) => db.query(sql);

const noLostUpdates: InvariantSpec<JointOwnership> = {
  id: 'no-lost-updates',
  label: 'No write is silently undone by another',
  async check(dbs) {
    const rows = [];
    for (const technique of TECHNIQUES) {
      const detail = await audit(runOn(requireDb(dbs, TECHNIQUE[technique].database)), technique);
      if (detail.row.error) return { status: 'broken', summary: `${TECHNIQUE[technique].label}: cannot be audited: ${detail.row.error}` };
      for (const lost of detail.lost) rows.push({ technique, ...lost });
    }
    if (rows.length === 0) return { status: 'holds', summary: 'Every column holds the last value written to it, in all four techniques.' };
    return {
      status: 'broken',
      summary: `${rows.length} logged write${rows.length === 1 ? ' was' : 's were'} overwritten by a save that never meant to change ${rows.length === 1 ? 'it' : 'them'}.`,
      rows,
    };
  },
};

const sharedKeyIntact: InvariantSpec<JointOwnership> = {
  id: 'shared-key-intact',
  label: 'After the split, every assignment belongs to a ticket (ticket_id is primary and foreign key)',
  async check(dbs) {
    const db = requireDb(dbs, SPLIT_DB);
    if (!(await splitDone(runOn(db)))) {
      return { status: 'holds', summary: 'Not split yet: a ticket and its assignment share one row, so they cannot drift apart.' };
    }
    const { pk, fk } = await keyConstraints(db);
    const orphans = await select(db, ORPHANS_SQL);
    const problems = [
      ...(pk ? [] : ['ticket_assignments has no primary key on ticket_id']),
      ...(fk ? [] : ['ticket_assignments.ticket_id does not reference tickets(id)']),
      ...(orphans.length > 0 ? [`${orphans.length} assignment(s) have no ticket`] : []),
    ];
    if (problems.length === 0)
      return { status: 'holds', summary: 'Each assignment row is keyed by an existing ticket’s id, and Postgres enforces it.' };
    return { status: 'broken', summary: `${problems.join('; ')}.`, rows: orphans };
  },
};

/** Which roles may insert into or update each table of a technique, according to the catalog. */
async function writersOf(db: Database, technique: TechniqueId, table: string): Promise<string[]> {
  const name = qualified(technique, table);
  const rows = await select(
    db,
    `SELECT r.rolname FROM pg_roles r WHERE r.rolname IN (${APP_SERVICES.map((s) => `'${ROLE[s]}'`).join(', ')})
       AND to_regclass('${name}') IS NOT NULL
       AND (has_table_privilege(r.rolname, '${name}', 'INSERT') OR has_table_privilege(r.rolname, '${name}', 'UPDATE'))
     ORDER BY r.rolname`,
  );
  return rows.map((r) => String(r['rolname']));
}

const ownersWriteTheirSlice: InvariantSpec<JointOwnership> = {
  id: 'owners-write-their-slice',
  label: 'Each table is writable only by the services its technique names',
  async check(dbs): Promise<InvariantResult> {
    const rows = [];
    for (const technique of TECHNIQUES) {
      const db = requireDb(dbs, TECHNIQUE[technique].database);
      if (technique === 'split' && !(await splitDone(runOn(db)))) {
        return {
          status: 'pending',
          summary:
            'The split technique’s tickets table is still written by both Ticket and Assignment: split it to resolve the joint ownership.',
        };
      }
      for (const { table, writers } of TECHNIQUE[technique].tables) {
        const want = writers.map((w) => ROLE[w]).sort();
        const got = await writersOf(db, technique, table);
        if (want.join() !== got.join())
          rows.push({ technique, table, should_write: want.join(', '), can_write: got.join(', ') || 'nobody' });
      }
    }
    if (rows.length === 0)
      return { status: 'holds', summary: 'The grants match each technique: no service can write a slice it does not own.' };
    return { status: 'broken', summary: `${rows.length} table${rows.length === 1 ? ' has' : 's have'} the wrong writers.`, rows };
  },
};

const acknowledgedWritesStored: InvariantSpec<JointOwnership> = {
  id: 'acknowledged-writes-stored',
  label: 'Every write the client was told is done is in the database',
  async check(dbs) {
    const done = await select(
      requireDb(dbs, CLIENT),
      "SELECT request_id, technique FROM requests WHERE outcome = 'done' ORDER BY request_id",
    );
    const logged = new Set<string>();
    for (const technique of TECHNIQUES) {
      const db = requireDb(dbs, TECHNIQUE[technique].database);
      const logs = technique === 'split' ? ['ticket_log', 'assignment_log'] : [qualified(technique, 'write_log')];
      for (const log of logs)
        for (const r of await select(db, `SELECT DISTINCT request_id FROM ${log}`)) logged.add(String(r['request_id']));
    }
    const missing = done.filter((r) => !logged.has(String(r['request_id'])));
    if (missing.length === 0)
      return { status: 'holds', summary: `${done.length} acknowledged write${done.length === 1 ? '' : 's'}, all stored.` };
    return { status: 'broken', summary: `${missing.length} acknowledged write(s) are not in the database.`, rows: missing };
  },
};

export const invariants: readonly InvariantSpec<JointOwnership>[] = [
  noLostUpdates,
  sharedKeyIntact,
  ownersWriteTheirSlice,
  acknowledgedWritesStored,
];
