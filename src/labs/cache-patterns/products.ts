/**
 * Postgres, the product catalogue: the one place a price is true. It answers reads, takes writes (version + 1,
 * recorded in price_history by a trigger), loads rows for the write-back cache and applies its flushes. Each
 * answer leaves after QUERY_COST_MS, the work a cache hit saves.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { CachePatterns, DbFlush, DbImportAcks, ProductRow } from './messages.ts';
import { PRODUCT_COLUMNS, productOf } from './rows.ts';
import { QUERY_COST_MS } from './settings.ts';

type Ctx = LabContext<CachePatterns, 'products', Record<string, never>>;

async function readRow(ctx: Ctx, productId: number): Promise<ProductRow | undefined> {
  const [row] = rowsOf(await ctx.sql(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = ${sqlInt(productId)}`));
  return row ? productOf(row) : undefined;
}

/**
 * Applies a write-back batch in the order the cache acknowledged it. A write never moves a product back to
 * an older version: after a crash the cache starts counting again from what Postgres holds.
 */
async function flush(ctx: Ctx, m: DbFlush) {
  ctx.fact({ kind: 'db-query', what: 'flush' });
  const result = await ctx.sql(
    transaction(
      m.writes.map(
        (w) =>
          `UPDATE products SET price_cents = ${sqlInt(w.priceCents)}, version = ${sqlInt(w.version)}, write_id = ${sqlText(w.writeId)}, updated_at = ${sqlInt(ctx.now)} WHERE id = ${sqlInt(w.productId)} AND version < ${sqlInt(w.version)}`,
      ),
    ),
  );
  if (!result.ok) return ctx.note(`flush failed: ${result.error.message}`);
  ctx.send('cache', { type: 'db-flushed', writeIds: m.writes.map((w) => w.writeId) });
}

async function importAcks(ctx: Ctx, m: DbImportAcks) {
  const values = m.acks.map(
    (a) => `(${sqlText(a.writeId)}, ${sqlInt(a.productId)}, ${sqlInt(a.version)}, ${sqlInt(a.priceCents)}, ${sqlInt(a.ackedAt)})`,
  );
  await ctx.sql(
    transaction([
      'DELETE FROM acked_writes',
      ...(values.length > 0
        ? [`INSERT INTO acked_writes (write_id, product_id, version, price_cents, acked_at) VALUES ${values.join(', ')}`]
        : []),
    ]),
  );
  ctx.note(`acked_writes now holds the product service's ${m.acks.length} acknowledged writes`);
}

export function products(database: ServiceDatabaseSpec): ServiceSpec<CachePatterns, 'products', Record<string, never>> {
  return {
    label: 'Postgres (products)',
    role: `The catalogue and its price history; answers each query after ${QUERY_COST_MS} ms`,
    database,
    tables: [
      { title: 'products', sql: 'SELECT id, name, price_cents, version, write_id FROM products ORDER BY id' },
      {
        title: 'price_history (newest first)',
        sql: 'SELECT seq, product_id, version, price_cents, write_id, changed_at FROM price_history ORDER BY seq DESC LIMIT 10',
      },
    ],
    initialState: () => ({}),
    on: {
      async 'db-read'(ctx, m) {
        ctx.fact({ kind: 'db-query', what: 'read' });
        const row = await readRow(ctx, m.productId);
        if (row) ctx.setTimer(QUERY_COST_MS, { type: 'answer-later', to: 'app', answer: { type: 'db-row', requestId: m.requestId, row } });
      },
      async 'db-write'(ctx, m, from) {
        ctx.fact({ kind: 'db-query', what: 'write' });
        const [row] = rowsOf(
          await ctx.sql(
            `UPDATE products SET price_cents = ${sqlInt(m.priceCents)}, version = version + 1, write_id = ${sqlText(m.writeId)}, updated_at = ${sqlInt(ctx.now)} WHERE id = ${sqlInt(m.productId)} RETURNING ${PRODUCT_COLUMNS}`,
          ),
        );
        if (!row) return;
        // Whoever sent the write hears back: the app under cache-aside, the cache under write-through.
        const to = from === 'cache' ? 'cache' : 'app';
        ctx.setTimer(QUERY_COST_MS, {
          type: 'answer-later',
          to,
          answer: { type: 'db-written', requestId: m.requestId, row: productOf(row) },
        });
      },
      async 'db-load'(ctx, m) {
        ctx.fact({ kind: 'db-query', what: 'load' });
        const row = await readRow(ctx, m.productId);
        if (row) ctx.setTimer(QUERY_COST_MS, { type: 'answer-later', to: 'cache', answer: { type: 'db-loaded', row } });
      },
      'db-flush': flush,
      'db-import-acks': importAcks,
      'answer-later'(ctx, m) {
        if (m.to === 'app' && m.answer.type !== 'db-loaded') ctx.send('app', m.answer);
        else if (m.to === 'cache' && m.answer.type !== 'db-row') ctx.send('cache', m.answer);
      },
    },
  };
}
