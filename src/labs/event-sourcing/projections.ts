/**
 * The projections the projector keeps, as SQL over the batch in `incoming`. Each reads only the events past
 * its own checkpoint, so one batch serves projections that are at different places in the log, and a
 * projection added late replays the whole log while the others only take the new events.
 *
 * `summary_v1` is the projection as first released: it reads amounts in the current shape only, so a
 * deposit written by the old release counts as nothing. `summary_v2` is the fix, through the upcaster.
 */
import { sqlText } from '../kit/service-sql.ts';
import { CENTS_SQLITE, CENTS_SQLITE_NEW_SHAPE_ONLY } from './event-shapes.ts';

export type ProjectionName = 'summary_v1' | 'summary_v2' | 'daily_totals';

const pastCheckpoint = (name: ProjectionName) => `position > (SELECT position FROM checkpoints WHERE projection = ${sqlText(name)})`;

function summary(name: 'summary_v1' | 'summary_v2', cents: string): string {
  return `INSERT INTO ${name} (account, balance_cents, deposits, withdrawals, last_version)
SELECT stream, sum(CASE type WHEN 'deposited' THEN cents WHEN 'withdrawn' THEN -cents ELSE 0 END),
  sum(type = 'deposited'), sum(type = 'withdrawn'), max(version)
FROM (SELECT stream, version, type, ${cents} AS cents FROM incoming WHERE ${pastCheckpoint(name)})
GROUP BY stream
ON CONFLICT (account) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents,
  deposits = deposits + excluded.deposits, withdrawals = withdrawals + excluded.withdrawals,
  last_version = max(last_version, excluded.last_version)`;
}

const SUMMARY_TABLE = (name: string) => `CREATE TABLE ${name} (
  account        TEXT PRIMARY KEY,
  balance_cents  INTEGER NOT NULL,
  deposits       INTEGER NOT NULL,
  withdrawals    INTEGER NOT NULL,
  last_version   INTEGER NOT NULL
)`;

export interface ProjectionSpec {
  readonly create: string;
  readonly apply: string;
}

export const PROJECTIONS: Readonly<Record<ProjectionName, ProjectionSpec>> = {
  summary_v1: { create: SUMMARY_TABLE('summary_v1'), apply: summary('summary_v1', CENTS_SQLITE_NEW_SHAPE_ONLY) },
  summary_v2: { create: SUMMARY_TABLE('summary_v2'), apply: summary('summary_v2', CENTS_SQLITE) },
  daily_totals: {
    create: `CREATE TABLE daily_totals (
  day             TEXT NOT NULL,
  account         TEXT NOT NULL,
  deposited_cents INTEGER NOT NULL,
  withdrawn_cents INTEGER NOT NULL,
  events          INTEGER NOT NULL,
  PRIMARY KEY (day, account)
)`,
    apply: `INSERT INTO daily_totals (day, account, deposited_cents, withdrawn_cents, events)
SELECT substr(recorded_at, 1, 10), stream, sum(CASE WHEN type = 'deposited' THEN cents ELSE 0 END),
  sum(CASE WHEN type = 'withdrawn' THEN cents ELSE 0 END), count(*)
FROM (SELECT stream, type, recorded_at, ${CENTS_SQLITE} AS cents FROM incoming WHERE ${pastCheckpoint('daily_totals')})
GROUP BY 1, 2
ON CONFLICT (day, account) DO UPDATE SET deposited_cents = deposited_cents + excluded.deposited_cents,
  withdrawn_cents = withdrawn_cents + excluded.withdrawn_cents, events = events + excluded.events`,
  },
};

export const isProjection = (name: string): name is ProjectionName => name in PROJECTIONS;

/** Moves a projection's checkpoint to the end of the batch, never backwards. */
export const checkpointSql = (name: ProjectionName) =>
  `UPDATE checkpoints SET position = max(position, (SELECT max(position) FROM incoming)) WHERE projection = ${sqlText(name)}`;

/** The switch: readers of account_summary now read v2, and v1 is no longer kept. One transaction. */
export const SWITCH_SQL = [
  'DROP VIEW account_summary',
  'CREATE VIEW account_summary AS SELECT * FROM summary_v2',
  "DELETE FROM checkpoints WHERE projection = 'summary_v1'",
  'DROP TABLE summary_v1',
];
