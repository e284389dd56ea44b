/**
 * The two statements a cache fill can run, in SQLite on the cache. The cache first puts the row it was
 * given into `incoming`; the statement copies it into `entries`. Which one runs is `settings.fill` on the app.
 */
import { sqlInt } from '../kit/service-sql.ts';
import type { Fill } from './messages.ts';

/** Last writer wins: whatever arrives last is the cache's copy, however old it was when it was read. */
export const PLAIN_FILL = `INSERT OR REPLACE INTO entries (product_id, name, price_cents, version, filled_at, expires_at)
SELECT product_id, name, price_cents, version, filled_at, expires_at FROM incoming`;

/**
 * A versioned set: the row goes in only if no invalidation has announced a newer version (the fence) and
 * the entry does not already hold a newer one. An equal version refreshes the entry's expiry.
 */
export const VERSIONED_FILL = `INSERT INTO entries (product_id, name, price_cents, version, filled_at, expires_at)
SELECT i.product_id, i.name, i.price_cents, i.version, i.filled_at, i.expires_at FROM incoming i
WHERE i.version >= coalesce((SELECT f.version FROM fences f WHERE f.product_id = i.product_id), 0)
ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents,
  version = excluded.version, filled_at = excluded.filled_at, expires_at = excluded.expires_at
WHERE excluded.version >= entries.version AND entries.expires_at IS NOT NULL`;

export const FILL_SQL: Readonly<Record<Fill, string>> = { plain: PLAIN_FILL, versioned: VERSIONED_FILL };

/** Remembers that `version` of a product exists, so that a fill carrying an older one is turned away. */
export function fenceSql(productId: number, version: number): string {
  return `INSERT INTO fences (product_id, version) VALUES (${sqlInt(productId)}, ${sqlInt(version)})
ON CONFLICT (product_id) DO UPDATE SET version = max(fences.version, excluded.version)`;
}

/** The invalidation: drop the entry, and remember the version that made it old. */
export function invalidateSql(productId: number, version: number): string[] {
  return [`DELETE FROM entries WHERE product_id = ${sqlInt(productId)}`, fenceSql(productId, version)];
}
