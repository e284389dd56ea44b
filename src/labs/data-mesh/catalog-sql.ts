/**
 * The platform's queries over a domain's catalog, in one place: the contract test, the federated policy
 * check, the catalog itself, and the relations a probe tries. Each reads Postgres's own catalog
 * (information_schema, pg_class) beside the platform's `mesh` tables, so what it reports is what the
 * database holds, not what a team says it holds.
 */

/** How a contract test compares a served version with its contract. */
export type ContractTest = 'columns-and-types' | 'names-only';

/** information_schema's name for a column's type; for the masking domain, the domain's name. */
const ACTUAL_TYPE = 'coalesce(i.domain_name::text, i.data_type::text)';

/**
 * Every column a served version promises and no longer has as promised: gone (renamed or dropped) or of
 * another type. A column added beside them breaks nothing and is not listed. `names-only` is the broken
 * variant the property test must catch: it lets a retype through.
 */
export function contractBreachesSql(test: ContractTest = 'columns-and-types'): string {
  const differs = test === 'names-only' ? 'i.column_name IS NULL' : `${ACTUAL_TYPE} IS DISTINCT FROM c.data_type`;
  return `SELECT c.product_table AS product_table, c.column_name AS column_name, c.data_type AS promised, ${ACTUAL_TYPE} AS actual
FROM mesh.contract_columns c
JOIN mesh.products p ON p.product_schema = c.product_schema AND p.product_table = c.product_table AND p.status = 'served'
LEFT JOIN information_schema.columns i
  ON i.table_schema = c.product_schema AND i.table_name = c.product_table AND i.column_name = c.column_name
WHERE ${differs}
ORDER BY 1, c.position`;
}

/**
 * The federated policy: in every product schema, a column whose name the platform lists as personal must be
 * of type mesh.masked_text (whose CHECK refuses a whole email address). Read from information_schema, so a
 * product nobody registered is checked too.
 */
export const POLICY_SQL = `SELECT c.table_schema, c.table_name, c.column_name, coalesce(c.domain_name::text, c.data_type::text) AS type
FROM information_schema.columns c
WHERE c.table_schema LIKE '%\\_products'
  AND EXISTS (SELECT 1 FROM mesh.personal_attributes a WHERE c.column_name LIKE a.pattern)
  AND c.domain_name IS DISTINCT FROM 'masked_text'
ORDER BY 1, 2, 3`;

export const CATALOG_SQL = `SELECT product_table, product, version, owner, freshness_slo_ms, published_at
FROM mesh.products WHERE status = 'served' ORDER BY product_table`;

/** Every table and view of the domain's own schemas, its product schemas and the platform's schema. */
export const RELATIONS_SQL = `SELECT n.nspname || '.' || c.relname AS relation, n.nspname LIKE '%\\_products' AS product,
  has_table_privilege('marketing', c.oid, 'SELECT') AS granted
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm') AND n.nspname IN ('support', 'billing', 'support_products', 'billing_products', 'mesh')
ORDER BY 1`;
