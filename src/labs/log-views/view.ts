/**
 * What a view is: a database of its own, what it does with each event of the log (its part of the left
 * fold), and how to check it against the reference fold. The consumer that feeds it is the same for every
 * view (consumer.ts).
 */
import type { Cell, ServiceDatabaseSpec } from '../engine/types.ts';
import type { TableView } from '../sim/types.ts';
import type { LogEvent } from './events.ts';
import type { Shop } from './fold.ts';
import type { ViewName } from './messages.ts';

export type Row = Record<string, Cell>;

export interface ViewCheck {
  readonly table: string;
  /** The view's rows, in the columns `expected` gives. */
  readonly sql: string;
  /** The same rows, read off the reference fold. */
  expected(shop: Shop): Row[];
}

export interface ViewDefinition {
  readonly name: ViewName;
  readonly label: string;
  readonly role: string;
  readonly database: ServiceDatabaseSpec;
  readonly tables: readonly TableView[];
  /** The statements that apply one event to the view: its whole behaviour, one event type at a time. */
  apply(event: LogEvent): readonly string[];
  readonly checks: readonly ViewCheck[];
  /** A view that can be rebuilt says how to empty it and how to hash its contents in SQL (one row, column `hash`). */
  readonly rebuild?: { readonly clear: readonly string[]; readonly hashSql: string };
}

/** Tables every view keeps beside its own rows: how far it has got, and the events it could not read. */
export const CONSUMER_TABLES_SQL = `
-- How far this view has applied the log, committed in the same transaction as its rows. No row: not started.
-- replay_to: while a view started late is catching up, the head it is catching up to (NULL once live).
CREATE TABLE checkpoint (
  position   integer NOT NULL,
  started_at integer NOT NULL,
  replay_to  integer
);
-- Events the upcaster could not read, parked here so that the view does not stop on them.
CREATE TABLE dead_letters (
  position integer PRIMARY KEY,
  reason   text NOT NULL
);`;

/** Canonical, sortable text for a row: compares views from either engine with the reference. */
export const rowKey = (row: Row, columns: readonly string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));
