/**
 * The key service (Postgres with pgcrypto), standing in for Vault's transit engine or a cloud KMS. It makes
 * one key per customer, encrypts with it on request (the key never leaves), and destroys it when the
 * customer is erased: from then on every sealed copy of that customer, wherever it lies, is noise.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import keysSql from './keys.sql?raw';
import type { DestroyKey, PersonalData, Seal } from './messages.ts';

type Ctx = LabContext<PersonalData, 'keys', Record<string, never>>;

/** 16 bytes from the kernel's seeded generator, as hex: a real service would ask the operating system. */
function drawKey(ctx: Ctx): string {
  return Array.from({ length: 16 }, () =>
    Math.floor(ctx.random() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');
}

/** AES with the customer's key, as pgcrypto's raw `encrypt` does it (CBC, zero IV: the same text seals the same way). */
const sealSql = (value: string, customerId: string) =>
  `(SELECT encode(encrypt(convert_to(${sqlText(value)}, 'UTF8'), key, 'aes'), 'hex') FROM customer_keys WHERE customer_id = ${sqlText(customerId)})`;

async function seal(ctx: Ctx, m: Seal) {
  const id = sqlText(m.customerId);
  const made = await ctx.sql(`INSERT INTO customer_keys (customer_id, key, created_at)
SELECT ${id}, decode(${sqlText(drawKey(ctx))}, 'hex'), ${sqlInt(ctx.now)}
WHERE NOT EXISTS (SELECT 1 FROM destroyed_keys WHERE customer_id = ${id})
ON CONFLICT (customer_id) DO NOTHING RETURNING customer_id`);
  if (rowsOf(made).length > 0) ctx.fact({ kind: 'key', customerId: m.customerId, present: true });
  const [row] = rowsOf(
    await ctx.sql(`SELECT ${sealSql(m.clear.email, m.customerId)} AS email, ${sealSql(m.clear.phone, m.customerId)} AS phone`),
  );
  if (!row || row['email'] === null) return ctx.note(`${m.customerId}'s key was destroyed: nothing sealed`);
  ctx.send('customers', { type: 'sealed', customerId: m.customerId, sealed: { email: String(row['email']), phone: String(row['phone']) } });
}

async function destroyKey(ctx: Ctx, m: DestroyKey) {
  const id = sqlText(m.customerId);
  const result =
    await ctx.sql(`INSERT INTO destroyed_keys (customer_id, destroyed_at) VALUES (${id}, ${sqlInt(ctx.now)}) ON CONFLICT DO NOTHING;
DELETE FROM customer_keys WHERE customer_id = ${id} RETURNING customer_id`);
  if (!result.ok) return;
  if (rowsOf(result).length > 0) {
    ctx.fact({ kind: 'key', customerId: m.customerId, present: false });
    ctx.note(`${m.customerId}'s key destroyed: every sealed copy of ${m.customerId} is unreadable from now on`);
  }
  ctx.send('customers', { type: 'erased', customerId: m.customerId, task: 'keys', rows: rowsOf(result).length });
}

export const keys: ServiceSpec<PersonalData, 'keys', Record<string, never>> = {
  label: 'Keys (Postgres + pgcrypto)',
  role: 'Keeps one key per customer and encrypts with it, as Vault transit or a KMS does; destroying a key shreds every sealed copy',
  database: { kind: 'postgres', extensions: ['pgcrypto'], setupSql: keysSql },
  tables: [
    {
      title: 'customer_keys',
      sql: "SELECT customer_id, left(encode(key, 'hex'), 8) || '…' AS key, created_at FROM customer_keys ORDER BY customer_id",
    },
    { title: 'destroyed_keys', sql: 'SELECT customer_id, destroyed_at FROM destroyed_keys ORDER BY destroyed_at' },
  ],
  initialState: () => ({}),
  on: { seal, 'destroy-key': destroyKey },
};
