/**
 * The producers' breaking changes, as data: what each team means to ship to a product it serves, and the same
 * shape published as a new version beside the old one. Which of the two runs is the domain's deploy
 * pipeline's decision (domain.ts), made by the contract test.
 */
import type { ChangeId, DomainName } from './messages.ts';

export interface ProducerChange {
  readonly id: ChangeId;
  readonly domain: DomainName;
  /** The action's label. */
  readonly label: string;
  /** In words, for the timeline. */
  readonly what: string;
  /** The change made to the served version itself. */
  readonly inPlace: readonly string[];
  /** The same shape as the next version, created and registered beside the served one. */
  readonly asNewVersion: readonly string[];
}

const TICKETS_REFRESH = 'SELECT id, customer_id, mesh.mask_email(requester_email), status, opened_at FROM support.tickets';
const AMOUNT_TEXT = "to_char(amount_cents / 100.0, 'FM999990.00')";

export const CHANGES: Readonly<Record<ChangeId, ProducerChange>> = {
  'support-rename': {
    id: 'support-rename',
    domain: 'support',
    label: 'Support renames customer_id to account_id in tickets',
    what: 'rename tickets.customer_id to account_id',
    inPlace: ['ALTER TABLE support_products.tickets_v1 RENAME COLUMN customer_id TO account_id'],
    asNewVersion: [
      `CREATE TABLE support_products.tickets_v2 (ticket_id integer NOT NULL, account_id integer NOT NULL,
  requester_email mesh.masked_text, status text NOT NULL, opened_at integer NOT NULL)`,
      `SELECT mesh.register_product('support_products', 'tickets_v2', 'Support team', 1000, '${TICKETS_REFRESH.replaceAll("'", "''")}')`,
    ],
  },
  'billing-retype': {
    id: 'billing-retype',
    domain: 'billing',
    label: 'Billing turns invoices.amount_cents into text (12.50)',
    what: 'retype invoices.amount_cents from integer to text',
    inPlace: [
      `ALTER TABLE billing_products.invoices_v1 ALTER COLUMN amount_cents TYPE text USING ${AMOUNT_TEXT}`,
      `UPDATE mesh.products SET refresh_sql = 'SELECT id, customer_id, ${AMOUNT_TEXT.replaceAll("'", "''")}, issued_at FROM billing.invoices' WHERE product_table = 'invoices_v1'`,
    ],
    asNewVersion: [
      'CREATE TABLE billing_products.invoices_v2 (invoice_id integer NOT NULL, customer_id integer NOT NULL, amount text NOT NULL, issued_at integer NOT NULL)',
      `SELECT mesh.register_product('billing_products', 'invoices_v2', 'Billing team', 1000, 'SELECT id, customer_id, ${AMOUNT_TEXT.replaceAll("'", "''")}, issued_at FROM billing.invoices')`,
    ],
  },
};

/** The product a fault makes Billing publish without masking: the policy check must find its email column. */
export const UNMASKED_PRODUCT = [
  'CREATE TABLE billing_products.payers_v1 (customer_id integer NOT NULL, email text NOT NULL, plan text NOT NULL)',
  "SELECT mesh.register_product('billing_products', 'payers_v1', 'Billing team', 2000, 'SELECT id, email, plan FROM billing.accounts')",
];

/** What the grant-leak fault does, and what switching it off undoes. */
export const LEAK_GRANT = ['GRANT USAGE ON SCHEMA billing TO marketing', 'GRANT SELECT ON billing.invoices TO marketing'];
export const LEAK_REVOKE = ['REVOKE SELECT ON billing.invoices FROM marketing', 'REVOKE USAGE ON SCHEMA billing FROM marketing'];
