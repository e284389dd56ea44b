/**
 * A chapter's comparison table is a lab's `comparison.generated.json`, measured by the lab's standard run. Its test
 * measures the run again and fails when the committed file differs; `WRITE_COMPARISON=1` writes the file afresh,
 * in the repository's Prettier style so the lint step accepts it. Only tests call this.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { expect } from 'vitest';

export async function expectCommittedComparison(fileUrl: URL, measured: unknown, testFile: string): Promise<void> {
  const file = fileURLToPath(fileUrl);
  if (process.env['WRITE_COMPARISON'] === '1') {
    const options = await resolveConfig(file);
    writeFileSync(file, await format(JSON.stringify(measured), { ...options, filepath: file }));
  }
  const committed: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : '(missing)';
  const regenerate = `WRITE_COMPARISON=1 npx vitest run ${testFile}`;
  expect(committed, `comparison.generated.json is out of date; regenerate it with: ${regenerate}`).toEqual(measured);
}
