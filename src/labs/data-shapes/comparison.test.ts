/** The chapter's comparison tables, checked against the lab's standard runs (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { patternTableRows, writeTableRows, type ComparisonFile } from './comparison-table.ts';
import committedJson from './comparison.generated.json';
import { shapesLab } from './lab.ts';
import { RENAMED_PRODUCT } from './settings.ts';
import { measureComparison, type Comparison } from './standard-run.ts';

const lab = shapesLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

/**
 * Engine time is measured afresh on every run and never repeats to the millisecond; everything else does.
 * The committed file keeps the engine times measured when it was written; the test checks the rest.
 */
function withCommittedEngineTimes(measured: Comparison, committed: ComparisonFile): Comparison {
  if (process.env['WRITE_COMPARISON'] === '1') return measured;
  return { ...measured, patterns: measured.patterns.map((row, i) => ({ ...row, engineMs: committed.patterns[i]?.engineMs ?? -1 })) };
}

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, shapesLab('rename-forgets-documents'), env.databases, () => env.reset());
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    withCommittedEngineTimes(measured, committedJson),
    'src/labs/data-shapes/comparison.test.ts',
  );
}, 180_000);

it('shows the trade-offs the chapter describes', () => {
  const c: ComparisonFile = committedJson;
  const row = (pattern: string, shape: string) => c.patterns.find((r) => r.pattern === pattern && r.shape === shape);
  // Every shape that answers a question the relational store answers gives the same answer.
  expect(c.patterns.filter((r) => r.sameAnswer === false)).toEqual([]);
  expect(c.afterChanges.same).toBe(c.afterChanges.compared);
  // Key-value: one read for one key, a round trip per hop, and a scan of everything for an aggregate.
  expect(row('ticket-by-id', 'key-value')).toMatchObject({ rowsRead: 1, statements: 1 });
  expect(row('within-hops', 'key-value')?.statements).toBe(3);
  expect(row('tickets-per-product', 'key-value')?.statements).toBeGreaterThan(1);
  // A document serves its customer from one row; counting across documents unpacks every one of them.
  expect(row('customer-with-tickets', 'documents')?.statements).toBe(1);
  expect(row('tickets-per-product', 'documents')?.rowsRead).toBeGreaterThan(row('tickets-per-product', 'relational')?.rowsRead ?? 0);
  // The inverted index reads fewer rows than the unindexed pattern match; only the vectors find the question's topic.
  expect(row('matching-words', 'search')?.rowsRead).toBeLessThan(row('matching-words', 'relational')?.rowsRead ?? 0);
  expect(row('matching-words', 'search')?.access).toMatch(/ticket_search_words_idx/);
  expect(row('most-similar', 'vectors')?.access).toMatch(/ticket_vectors_embedding_idx/);
  expect(row('most-similar', 'vectors')?.sameCategory).toBe(5);
  expect(row('most-similar', 'search')?.sameCategory).toBeLessThan(5);
  // One row renamed in the tables; many documents and values rewritten.
  const rename = c.writes.find((w) => w.change === 'product-renamed')?.cost;
  expect(rename?.['relational']).toBe(1);
  expect(rename?.['documents']).toBeGreaterThan(10);
  expect(rename?.['key-value']).toBeGreaterThan(rename?.['documents'] ?? 0);
  // The broken rename is visible in the answers and caught by the invariant.
  expect(c.brokenRename.documentsInvariant).toBe('broken');
  expect(c.brokenRename.differing).toContain('documents: tickets-per-product');
  expect(patternTableRows(c)).toHaveLength(c.patterns.length);
  expect(writeTableRows(c)).toHaveLength(3);
  expect(RENAMED_PRODUCT).toBeGreaterThan(0);
});
