/**
 * The chapter's comparison table is comparison.generated.json, measured by the lab's standard run. This
 * test measures it again and fails when the committed file differs. To write the file afresh:
 *   EC_WRITE_COMPARISON=1 npx vitest run src/labs/eventual-consistency/comparison.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openNodeLab, type NodeLab } from '../node-lab.ts';
import { eventualConsistencyLab } from './lab.ts';
import { tableRows } from './comparison-table.ts';
import { measureComparison } from './standard-run.ts';

const FILE = fileURLToPath(new URL('./comparison.generated.json', import.meta.url));
const REGENERATE = 'EC_WRITE_COMPARISON=1 npx vitest run src/labs/eventual-consistency/comparison.test.ts';
const lab = eventualConsistencyLab();
let env: NodeLab;

beforeAll(async () => {
  env = await openNodeLab(lab);
});
afterAll(() => env.close());

it('matches the committed comparison.generated.json', async () => {
  const measured = await measureComparison(lab, env.databases);
  if (process.env['EC_WRITE_COMPARISON'] === '1') {
    // Written in the repository's Prettier style, so that the lint step accepts the file as generated.
    const options = await resolveConfig(FILE);
    writeFileSync(FILE, await format(JSON.stringify(measured), { ...options, filepath: FILE }));
  }
  const committed: unknown = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : '(missing)';
  expect(committed, `comparison.generated.json is out of date; regenerate it with: ${REGENERATE}`).toEqual(measured);
}, 60_000);

it('turns into one table row per pattern, as the chapter shows it', async () => {
  const { default: committed } = await import('./comparison.generated.json');
  const rows = tableRows(committed);
  expect(rows.map((r) => r['pattern'])).toEqual(['Background synchronization', 'Orchestrated request-based', 'Event-based']);
  expect(Object.keys(rows[0] ?? {})).toContain('touches databases');
});
