/** A product row from SQL, whichever database it came from. */
import type { Cell } from '../engine/types.ts';
import type { ProductRow } from './messages.ts';

export const PRODUCT_COLUMNS = 'id, name, price_cents, version';

export function productOf(row: Record<string, Cell>): ProductRow {
  return { id: Number(row['id']), name: String(row['name']), priceCents: Number(row['price_cents']), version: Number(row['version']) };
}
