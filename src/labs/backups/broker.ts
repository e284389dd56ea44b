/**
 * The broker: one topic of order events in SQLite, with a retention time, as a Kafka topic has. It delivers
 * each event to payments, and replays what it still keeps to whoever asks: the second way back after a restore.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import brokerSql from './broker.sql?raw';
import type { Backups } from './messages.ts';
import { RETENTION_MS } from './settings.ts';

export const broker: ServiceSpec<Backups, 'broker', Record<string, never>> = {
  label: 'Broker (SQLite topic)',
  role: `Keeps order events for ${RETENTION_MS / 60_000} minutes; delivers them to payments and replays them on request`,
  database: { kind: 'sqlite', setupSql: brokerSql },
  tables: [
    {
      title: 'order_events (retained)',
      sql: 'SELECT count(*) AS events, min(published_at) AS oldest, max(published_at) AS newest FROM order_events',
    },
  ],
  initialState: () => ({}),
  on: {
    async publish(ctx, m) {
      await ctx.sql(
        transaction([
          `INSERT INTO order_events (published_at, order_id, payload) VALUES (${sqlInt(ctx.now)}, ${sqlText(m.order.id)}, ${sqlText(JSON.stringify(m.order))})`,
          `DELETE FROM order_events WHERE published_at < ${sqlInt(ctx.now - RETENTION_MS)}`,
        ]),
      );
      ctx.send('payments', { type: 'order-placed', order: m.order });
    },
    async 'replay-from'(ctx, m) {
      const [oldest] = rowsOf(await ctx.sql('SELECT min(published_at) AS oldest FROM order_events'));
      const events = rowsOf(
        await ctx.sql(`SELECT payload FROM order_events WHERE published_at >= ${sqlInt(m.fromAt)} ORDER BY "offset"`),
      ).map((r) => String(r['payload']));
      const kept = oldest?.['oldest'];
      ctx.send('orders', {
        type: 'replayed',
        holds: `${events.length} events`,
        fromAt: m.fromAt,
        oldestKept: kept === null || kept === undefined ? null : Number(kept),
        events,
      });
    },
  },
};
