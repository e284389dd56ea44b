/** What several services share: the customers' seed rows, and the table views of tickets and counts. */
import { sqlText } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import { CUSTOMERS } from './settings.ts';

/** The customers every pattern knows, as the VALUES of an INSERT. */
export const customerRows = CUSTOMERS.map((c) => `(${sqlText(c.id)}, ${sqlText(c.name)})`).join(', ');

export const countsView: TableView = { title: 'customers', sql: 'SELECT id, name, open_tickets FROM customers ORDER BY id' };

export const ticketsView = (table: string): TableView => ({
  title: 'tickets (newest first)',
  sql: `SELECT id, customer_id, status FROM ${table} ORDER BY length(id) DESC, id DESC LIMIT 30`,
});
