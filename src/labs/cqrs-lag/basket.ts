/** What an order holds: one or two lines from the catalogue, chosen by the order's number so that every run sells the same. */
import type { OrderLine } from './messages.ts';
import { CATALOGUE } from './settings.ts';

export function basket(n: number): OrderLine[] {
  const first = CATALOGUE[n % CATALOGUE.length] ?? CATALOGUE[0];
  const lines: OrderLine[] = [{ sku: first.sku, qty: 1 + (n % 2), priceCents: first.priceCents }];
  const second = CATALOGUE[(n + 1) % CATALOGUE.length];
  if (n % 3 === 0 && second) lines.push({ sku: second.sku, qty: 1, priceCents: second.priceCents });
  return lines;
}
