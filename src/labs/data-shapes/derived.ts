/**
 * The derived store (Postgres with cube): documents, the full-text index and the vectors, kept current from
 * the relational store's changes. A product rename rewrites every document that embeds the product; a new
 * ticket is appended to its customer's document and indexed for words and for similarity.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { movePosition, takeChanges, type ApplyState } from './apply-changes.ts';
import type { Change, LoggedChange, ShapesLab } from './messages.ts';
import { DERIVED_QUERIES } from './patterns.ts';
import { runPostgresPatterns } from './run-patterns.ts';
import { cubeOf, DERIVED_SETUP } from './seed-sql.ts';
import { vectorOf } from './shapes.ts';

type Ctx = LabContext<ShapesLab, 'derived', ApplyState>;

/** Rewrites every ticket element of one product inside the documents that embed it. */
export function renameInDocumentsSql(productId: number, name: string): string {
  return `UPDATE customer_docs SET doc = jsonb_set(doc, '{tickets}', (
  SELECT jsonb_agg(CASE WHEN (t -> 'product' ->> 'id')::int = ${sqlInt(productId)}
    THEN jsonb_set(t, '{product,name}', to_jsonb(${sqlText(name)}::text)) ELSE t END ORDER BY (t ->> 'id')::int)
  FROM jsonb_array_elements(doc -> 'tickets') t))
WHERE doc @> '{"tickets": [{"product": {"id": ${sqlInt(productId)}}}]}'
RETURNING id AS documents_written`;
}

function statementsFor(change: Change, forgetDocuments: boolean): { documents?: string; search?: string; vectors?: string } {
  switch (change.kind) {
    case 'product-renamed':
      return forgetDocuments ? {} : { documents: renameInDocumentsSql(change.productId, change.name) };
    case 'ticket-opened': {
      const t = change.ticket;
      const element = JSON.stringify({
        id: t.id,
        product: { id: t.productId, name: change.product },
        agent: change.agent,
        category: t.category,
        subject: t.subject,
        status: t.status,
      });
      return {
        documents: `UPDATE customer_docs SET doc = jsonb_set(doc, '{tickets}', (doc -> 'tickets') || jsonb_build_array(${sqlText(element)}::jsonb)) WHERE id = ${sqlInt(t.customerId)} RETURNING id AS documents_written`,
        search: `INSERT INTO ticket_search (id, customer_id, category, subject, body) VALUES (${sqlInt(t.id)}, ${sqlInt(t.customerId)}, ${sqlText(t.category)}, ${sqlText(t.subject)}, ${sqlText(t.body)}) RETURNING id AS search_written`,
        // The embedding is computed here, as a service would call its embedding model before writing.
        vectors: `INSERT INTO ticket_vectors (id, category, embedding) VALUES (${sqlInt(t.id)}, ${sqlText(t.category)}, ${cubeOf(vectorOf(t))}) RETURNING id AS vectors_written`,
      };
    }
    case 'customers-linked':
      // No derived shape holds the links.
      return {};
  }
}

async function applyChange(ctx: Ctx, { position, change }: LoggedChange, forgetDocuments: boolean): Promise<boolean> {
  const statements = statementsFor(change, forgetDocuments);
  const shapes = (['documents', 'search', 'vectors'] as const).filter((s) => statements[s] !== undefined);
  const result = await ctx.sql(transaction([...shapes.map((s) => statements[s] ?? ''), movePosition(position)]));
  if (!result.ok) return false;
  if (change.kind === 'product-renamed' && forgetDocuments)
    ctx.note(`change ${position}: the rename of product ${change.productId} was applied to no document (the bug)`);
  // Each shape's statement names its RETURNING column after the shape, so its rows are its count.
  for (const shape of shapes) {
    const rowsWritten = result.results.find((r) => r.fields[0]?.name === `${shape}_written`)?.rows.length ?? 0;
    ctx.fact({ kind: 'write', position, change: change.kind, shape, rowsWritten });
    ctx.note(`change ${position} (${change.kind}): ${shape} rewrote ${rowsWritten}`);
  }
  return true;
}

export function derived(forgetDocuments: 'always' | 'when-fault-on'): ServiceSpec<ShapesLab, 'derived', ApplyState> {
  return {
    label: 'Derived store (Postgres + cube)',
    role: 'Documents (jsonb with a GIN index), full-text search (tsvector, GIN) and vectors (cube, GiST), kept current from the relational store’s changes',
    database: { kind: 'postgres', extensions: ['cube'], setupSql: DERIVED_SETUP },
    tables: [
      {
        title: 'customer_docs (product names inside)',
        sql: "SELECT id, doc ->> 'name' AS name, jsonb_array_length(doc -> 'tickets') AS tickets, left((doc -> 'tickets' -> 0 -> 'product' ->> 'name'), 24) AS first_product FROM customer_docs ORDER BY id LIMIT 6",
      },
      {
        title: 'ticket_search (newest)',
        sql: 'SELECT id, left(subject, 40) AS subject, length(words::text) AS tsvector_chars FROM ticket_search ORDER BY id DESC LIMIT 4',
      },
      { title: 'applied_position', sql: 'SELECT position FROM applied_position' },
    ],
    initialState: () => ({ pending: new Map() }),
    on: {
      async 'run-patterns'(ctx, m) {
        await runPostgresPatterns(ctx, DERIVED_QUERIES, m.run, m.timed);
      },
      async changes(ctx, m) {
        const forget = forgetDocuments === 'always' || ctx.isFaultOn('rename-forgets-documents');
        await takeChanges(ctx, m.changes, (logged) => applyChange(ctx, logged, forget));
      },
    },
  };
}
