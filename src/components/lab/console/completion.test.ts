import { describe, expect, it } from 'vitest';
import { buildCompletions, quoteIdentifier, tableAliases, type Catalog } from './completion.ts';

const catalog: Catalog = [
  { table: 'orders', columns: ['id', 'customer_id', 'total'] },
  { table: 'payments', columns: ['id', 'order_id', 'amount'] },
  { table: 'billing.invoices', columns: ['id', 'due'] },
  { table: 'Order Items', columns: ['sku', 'Qty'] },
];

const labels = (sql: string, cursor = sql.length) => buildCompletions(catalog, sql, cursor).map((entry) => entry.label);

describe('quoteIdentifier', () => {
  it('leaves plain lower-case names alone', () => {
    expect(quoteIdentifier('orders')).toBe('orders');
    expect(quoteIdentifier('order_id')).toBe('order_id');
  });

  it('quotes mixed case, spaces, quotes and reserved words, part by part', () => {
    expect(quoteIdentifier('Qty')).toBe('"Qty"');
    expect(quoteIdentifier('Order Items')).toBe('"Order Items"');
    expect(quoteIdentifier('say"hi')).toBe('"say""hi"');
    expect(quoteIdentifier('order')).toBe('"order"');
    expect(quoteIdentifier('billing.invoices')).toBe('billing.invoices');
    expect(quoteIdentifier('billing.User')).toBe('billing."User"');
  });
});

describe('tableAliases', () => {
  it('finds aliases after FROM and JOIN, with or without AS', () => {
    const aliases = tableAliases('select * from orders o join payments as p on p.order_id = o.id');
    expect(aliases.get('o')).toBe('orders');
    expect(aliases.get('p')).toBe('payments');
    expect(aliases.get('orders')).toBe('orders');
  });

  it('reads comma-separated FROM lists and schema-qualified names', () => {
    const aliases = tableAliases('select 1 from billing.invoices i, orders o where i.id = o.id');
    expect(aliases.get('i')).toBe('billing.invoices');
    expect(aliases.get('o')).toBe('orders');
    expect(aliases.has('where')).toBe(false);
  });

  it('never takes a keyword for an alias', () => {
    const aliases = tableAliases('update orders set total = 0 where id = 1; delete from payments where id = 2');
    expect(aliases.has('set')).toBe(false);
    expect(aliases.has('where')).toBe(false);
    expect(aliases.get('payments')).toBe('payments');
  });

  it('keeps quoted names as written and ignores strings and comments', () => {
    const aliases = tableAliases(`select 'from x y' from "Order Items" oi -- from fake f\n`);
    expect(aliases.get('oi')).toBe('Order Items');
    expect(aliases.has('y')).toBe(false);
    expect(aliases.has('f')).toBe(false);
  });
});

describe('buildCompletions', () => {
  it('offers every table, then each column once with the tables that have it', () => {
    const entries = buildCompletions(catalog, 'select ', 7);
    expect(entries.filter((entry) => entry.kind === 'table').map((entry) => entry.label)).toEqual([
      'orders',
      'payments',
      'billing.invoices',
      'Order Items',
    ]);
    const id = entries.find((entry) => entry.label === 'id');
    expect(id).toMatchObject({ kind: 'column', detail: 'column of orders, payments, billing.invoices' });
    expect(entries.filter((entry) => entry.label === 'id')).toHaveLength(1);
    expect(entries.find((entry) => entry.label === 'Qty')?.insertText).toBe('"Qty"');
    const sorted = [...entries].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((entry) => entry.label);
    expect(sorted).toEqual(entries.map((entry) => entry.label));
    expect(sorted.slice(4, 7)).toEqual(['id', 'customer_id', 'total']);
  });

  it('offers only the columns of a table named before a dot', () => {
    expect(labels('select orders.')).toEqual(['id', 'customer_id', 'total']);
    expect(labels('select payments.am')).toEqual(['id', 'order_id', 'amount']);
    expect(labels('select ORDERS.')).toEqual(['id', 'customer_id', 'total']);
  });

  it('resolves an alias declared later in the statement', () => {
    const sql = 'select p. from payments p';
    expect(labels(sql, 'select p.'.length)).toEqual(['id', 'order_id', 'amount']);
  });

  it('resolves quoted names and unqualified names of schema tables', () => {
    expect(labels('select "Order Items".')).toEqual(['sku', 'Qty']);
    expect(labels('select invoices.')).toEqual(['id', 'due']);
  });

  it('offers the tables of a schema after its name', () => {
    expect(labels('select * from billing.')).toEqual(['invoices']);
  });

  it('offers nothing after an unknown qualifier and works with an empty catalog', () => {
    expect(labels('select nope.')).toEqual([]);
    expect(buildCompletions([], 'select ', 7)).toEqual([]);
  });
});
