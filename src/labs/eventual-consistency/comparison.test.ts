/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { eventualConsistencyLab } from './lab.ts';
import { tableRows } from './comparison-table.ts';
import { measureComparison } from './standard-run.ts';

const lab = eventualConsistencyLab();
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
    'src/labs/eventual-consistency/comparison.test.ts',
  );
}, 60_000);

it('turns into one table row per pattern, as the chapter shows it', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const rows = tableRows(committed);
  expect(rows.map((r) => r['pattern'])).toEqual(['Background synchronization', 'Orchestrated request-based', 'Event-based']);
  expect(Object.keys(rows[0] ?? {})).toContain('touches databases');
});
