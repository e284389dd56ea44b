/** The chapter's comparison table, checked against the lab's standard run (see check/comparison-file.ts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCommittedComparison } from '../check/comparison-file.ts';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { tableRows } from './comparison-table.ts';
import { outboxLab } from './lab.ts';
import { measureComparison } from './standard-run.ts';

const lab = outboxLab();
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
    'src/labs/outbox-relay/comparison.test.ts',
  );
}, 120_000);

it('shows what each pipeline gets wrong on the same changes', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const row = (label: string) => committed.rows.find((r) => r.label.startsWith(label));
  const [commitFirst, publishFirst, outbox, seq, safe, wal] = committed.rows;
  expect(commitFirst).toMatchObject({ pipeline: 'commit-then-publish', wrongAtEnd: 1, phantoms: 0 });
  expect(commitFirst?.delivered).toBe((commitFirst?.committed ?? 0) - 1);
  expect(publishFirst).toMatchObject({ pipeline: 'publish-then-commit', phantoms: 2, wrongAtEnd: 2 });
  for (const r of [outbox, safe, wal]) expect(r).toMatchObject({ wrongAtEnd: 0, phantoms: 0 });
  for (const r of [outbox, seq, safe, wal]) expect(r?.duplicates).toBeGreaterThan(0);
  expect(seq).toMatchObject({ pipeline: 'seq-copier', wrongAtEnd: 1 });
  // The safe copier waits for the held transaction before it copies anything committed after it.
  expect(safe?.latencyMaxMs).toBeGreaterThan(outbox?.latencyMaxMs ?? 0);
  expect(outbox?.sourceQueries).toBeGreaterThan(seq?.sourceQueries ?? 0);
  const rare = row('Transactional outbox, polling relay, every 1,000 ms');
  expect(rare?.latencyP50Ms).toBeGreaterThan(outbox?.latencyP50Ms ?? 0);
  expect(rare?.sourceQueries).toBeLessThan(outbox?.sourceQueries ?? 0);
  expect(tableRows(committed)).toHaveLength(8);
});
