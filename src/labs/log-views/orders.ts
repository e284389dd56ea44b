/** The order service (Postgres): the writer's commands (writer.ts) and the log they append to (log-feed.ts). */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { feedHandlers } from './log-feed.ts';
import type { LogViews } from './messages.ts';
import ordersSql from './orders.sql?raw';
import { writerHandlers, type OrdersState } from './writer.ts';

export const orders: ServiceSpec<LogViews, 'orders', OrdersState> = {
  label: 'Order service (Postgres)',
  role: 'The writer: checks commands against its log and appends events; hands any view the events after a position',
  database: { kind: 'postgres', setupSql: ordersSql },
  tables: [
    {
      title: 'log (newest 8)',
      sql: 'SELECT position, key, type, data, schema FROM log ORDER BY position DESC LIMIT 8',
    },
    { title: 'subscribers', sql: 'SELECT consumer FROM subscribers ORDER BY consumer' },
  ],
  initialState: () => ({}),
  on: { ...writerHandlers, ...feedHandlers },
};
