/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { personalDataLab } from './lab.ts';
import { measureComparison, OUTAGE_MS } from './standard-run.ts';

const lab = personalDataLab();
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
    'src/labs/personal-data/comparison.test.ts',
  );
}, 120_000);

it('shows deletion waiting on the down consumer and never reaching the log, the backup or the undeclared export; shredding reaching them all at once', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const [clear, sealed, clearUndeclared, sealedUndeclared] = committed.rows;
  expect(clear).toMatchObject({ scheme: 'clear', before: 5, atEnd: ['event-log', 'backup'], lastGoneAfterMs: null });
  // Analytics still held a readable copy one second in, and none once it was back.
  expect(clear?.atCheckpoints[1]).toBe(3);
  expect(clear?.atCheckpoints[3]).toBe(2);
  expect(clear?.confirmedAfterMs).toBeGreaterThan(OUTAGE_MS);
  expect(sealed).toMatchObject({ scheme: 'sealed', atEnd: [], atCheckpoints: [0, 0, 0, 0] });
  expect(sealed?.lastGoneAfterMs).toBeLessThan(100);
  expect(clearUndeclared?.atEnd).toEqual(['event-log', 'backup', 'campaign-export']);
  expect(sealedUndeclared).toMatchObject({ before: 6, atEnd: [] });
  expect(tableRows(committed).map((r) => r['how the customer is erased'])).toEqual([
    'Delete every copy',
    'Crypto-shredding: destroy the key',
    'Delete every copy, with an undeclared export',
    'Crypto-shredding: destroy the key, with an undeclared export',
  ]);
});
