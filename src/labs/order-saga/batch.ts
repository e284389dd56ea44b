/** Orders a reader places: one at a time from an action, or a batch drawn from the kernel's seeded random. */
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import type { QueryResult } from '../engine/types.ts';
import { ID_PREFIX, PRICES, priced, type Mode, type OrderData, type OrderRequest, type PlaceBatch, type PlaceOrder } from './messages.ts';

const SKUS = Object.keys(PRICES);

/**
 * One random order. Some fail on their own data, with no fault switched on: an expired card, an address
 * no courier serves, or more than the stock left once twenty orders compete for it.
 */
export function drawRequest(random: () => number): OrderRequest {
  const sku = SKUS[Math.floor(random() * SKUS.length)] ?? 'kettle';
  const qty = 1 + Math.floor(random() * 3);
  const card = random() < 0.15 ? 'expired' : 'good';
  const region = random() < 0.1 ? 'islands' : 'mainland';
  return { sku, qty, card, region };
}

/** The requests an action carries: its own order, or `count` drawn at random. */
export function requestsOf(message: PlaceOrder | PlaceBatch, random: () => number): OrderRequest[] {
  if (message.type === 'place-batch') return Array.from({ length: message.count }, () => drawRequest(random));
  return [message.order];
}

/** Numbers new orders after the ones this service already has, counting rows with `column` in `table`. */
export async function numberOrders(
  ctx: { readonly sql: (text: string) => Promise<QueryResult> },
  mode: Mode,
  table: string,
  column: string,
  requests: readonly OrderRequest[],
): Promise<OrderData[]> {
  const prefix = ID_PREFIX[mode];
  const [row] = rowsOf(await ctx.sql(`SELECT count(*) AS n FROM ${table} WHERE ${column} LIKE ${sqlText(`${prefix}%`)}`));
  const first = Number(row?.['n'] ?? 0) + 1;
  return requests.map((request, i) => priced(`${prefix}${first + i}`, request));
}
