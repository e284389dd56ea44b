/**
 * The shop's data on the first day, the same in every run: 24 customers, 200 orders, one payment each.
 * Each owning service starts with its own part; the read model starts with all of it joined, as if its
 * projector had already caught up. Two customers share a name, so a page sorted by name needs a tie-breaker.
 */
import { sqlInt, sqlText } from '../kit/service-sql.ts';

export const PAYMENT_STATUSES = ['paid', 'pending', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface SeedCustomer {
  readonly customerId: string;
  readonly name: string;
}
export interface SeedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly placedAt: number;
  readonly totalCents: number;
}
export interface SeedPayment {
  readonly orderId: string;
  readonly status: PaymentStatus;
}

const NAMES = [
  'Maya Fischer',
  'Kim Lee',
  'Aiko Tanaka',
  'Omar Haddad',
  'Lena Novak',
  'Bruno Costa',
  'Priya Raman',
  'Kim Lee',
  'Jonas Berg',
  'Sofia Rossi',
  'Tariq Aziz',
  'Elena Petrova',
  'Dmitri Volkov',
  'Chloe Martin',
  'Felix Wagner',
  'Grace Okafor',
  'Hugo Laurent',
  'Ines Duarte',
  'Ravi Kapoor',
  'Nora Lindqvist',
  'Yusuf Demir',
  'Zoe Clarke',
  'Ana Silva',
  'Wen Zhang',
] as const;

export const CUSTOMERS: readonly SeedCustomer[] = NAMES.map((name, i) => ({ customerId: `c-${String(i + 1).padStart(2, '0')}`, name }));

const ORDER_COUNT = 200;

export const ORDERS: readonly SeedOrder[] = Array.from({ length: ORDER_COUNT }, (_, k) => {
  const i = k + 1;
  return {
    orderId: `O-${String(i).padStart(3, '0')}`,
    customerId: CUSTOMERS[(i * 7) % CUSTOMERS.length]?.customerId ?? 'c-01',
    // Minutes since the shop opened: later orders are newer.
    placedAt: i * 60,
    totalCents: 500 + ((i * 379) % 9_500),
  };
});

/** Six in ten paid, the rest pending, failed or refunded, spread through the orders. */
function statusOf(i: number): PaymentStatus {
  const d = (i * 3) % 10;
  if (d < 6) return 'paid';
  if (d < 8) return 'pending';
  return d === 8 ? 'failed' : 'refunded';
}

export const PAYMENTS: readonly SeedPayment[] = ORDERS.map((o, k) => ({ orderId: o.orderId, status: statusOf(k + 1) }));

/** New names the "Rename a customer" action gives, in turn; the first moves a customer to the top of the list. */
export const NEW_NAMES = ['Aaron Abbott', 'Zara Young', 'Bea Ortiz', 'Lukas Brandt', 'Mia Chen'] as const;

const values = (rows: readonly string[]) => rows.join(',\n  ');

export const customersSeedSql = () =>
  `INSERT INTO customers (customer_id, name, version) VALUES\n  ${values(CUSTOMERS.map((c) => `(${sqlText(c.customerId)}, ${sqlText(c.name)}, 1)`))};`;

export const ordersSeedSql = () =>
  `INSERT INTO orders (order_id, customer_id, placed_at, total_cents, version) VALUES\n  ${values(
    ORDERS.map((o) => `(${sqlText(o.orderId)}, ${sqlText(o.customerId)}, ${sqlInt(o.placedAt)}, ${sqlInt(o.totalCents)}, 1)`),
  )};`;

export const paymentsSeedSql = () =>
  `INSERT INTO payments (order_id, status, version) VALUES\n  ${values(PAYMENTS.map((p) => `(${sqlText(p.orderId)}, ${sqlText(p.status)}, 1)`))};`;

/** The read model's copies of each source, and the joined view built from them. */
export const readModelSeedSql = () =>
  [
    customersSeedSql().replace('INSERT INTO customers', 'INSERT INTO rm_customers'),
    ordersSeedSql().replace('INSERT INTO orders', 'INSERT INTO rm_orders'),
    paymentsSeedSql().replace('INSERT INTO payments', 'INSERT INTO rm_payments'),
    `INSERT INTO order_view (order_id, customer_id, customer_name, placed_at, total_cents, payment_status)
SELECT o.order_id, o.customer_id, c.name, o.placed_at, o.total_cents, p.status
FROM rm_orders o JOIN rm_customers c ON c.customer_id = o.customer_id JOIN rm_payments p ON p.order_id = o.order_id;`,
    // The sources' triggers wrote one outbox row per seeded row: the read model starts caught up with all of them.
    `INSERT INTO checkpoints (source, position, updated_at) VALUES ('orders', ${sqlInt(ORDERS.length)}, 0), ('customers', ${sqlInt(CUSTOMERS.length)}, 0), ('payments', ${sqlInt(PAYMENTS.length)}, 0);`,
  ].join('\n');
