/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { compositionLab } from './lab.ts';
import { CALL_TIMEOUT_MS, PAYMENTS_SLOW_MS } from './settings.ts';
import { measureComparison } from './standard-run.ts';

const lab = compositionLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  await expectCommittedComparison(
    new URL('./comparison.generated.json', import.meta.url),
    measured,
    'src/labs/api-composition/comparison.test.ts',
  );
}, 120_000);

it('shows what composition costs against the read model on the same pages', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const row = (id: string) => {
    const found = committed.rows.find((r) => r.id === id);
    if (!found) throw new Error(`no row ${id}`);
    return found;
  };
  // Page 3 by name: the composer moves every order; the read model moves the ten it shows.
  expect(row('paid-by-name').composer.rowsMoved).toBeGreaterThan(300);
  expect(row('paid-by-name').readModel.rowsMoved).toBe(10);
  expect(row('newest').composer.rowsMoved).toBeLessThanOrEqual(30);
  // The slowest call sets the composer's pace, and never the read model's.
  expect(row('order-slow').composer.latencyMs - row('order').composer.latencyMs).toBeGreaterThanOrEqual(PAYMENTS_SLOW_MS - 20);
  expect(row('order-slow').readModel.latencyMs).toBeLessThan(50);
  // Payments down: fail after the timeout, or partial after the timeout, or partial at once with the breaker open.
  expect(row('order-down-fail').composer).toMatchObject({ outcome: 'error', missing: ['payments'] });
  expect(row('order-down-fail').composer.latencyMs).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS);
  expect(row('order-down-omit').composer).toMatchObject({ outcome: 'partial', missing: ['payments'] });
  expect(row('order-breaker-open').composer).toMatchObject({ outcome: 'partial', missing: ['payments'] });
  expect(row('order-breaker-open').composer.latencyMs).toBeLessThan(CALL_TIMEOUT_MS);
  expect(row('order-half-open').composer).toMatchObject({ outcome: 'complete' });
  expect(row('by-name-down').composer.outcome).toBe('error');
  expect(row('by-name-down').readModel.outcome).toBe('complete');
  // Right after a write the composer is fresh and the read model a change behind.
  expect(row('order-after-rename').readModel.behind).toBe(1);
  expect(row('order-after-rename').composer.behind).toBe(0);
  expect(tableRows(committed)).toHaveLength(committed.rows.length);
});
