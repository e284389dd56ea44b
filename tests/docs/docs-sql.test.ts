/**
 * Docs as tests: every SQL block in a chapter runs against a fresh in-process copy of the lab it names,
 * in the order the chapter shows them, and must end as its `expect=` says (ok, or that error code).
 * A chapter that shows SQL that no longer runs fails here, with its file and line in the test name.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeLab, type NodeLab } from '../../src/labs/node-lab.ts';
import { labIds, loadLab } from '../../src/labs/registry.ts';
import { sqlBlocksUnder, type SqlBlock } from './sql-blocks.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const docsRoot = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));
const blocks = sqlBlocksUnder(docsRoot, repoRoot);

/** Groups in order of first appearance, so each group keeps the order the chapter gives. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

async function runBlock(block: SqlBlock, labId: string, lab: NodeLab | undefined) {
  const where = `${block.file}:${block.line}`;
  if (!lab) throw new Error(`${where}: no lab "${labId}". Labs: ${labIds.join(', ')}.`);
  const service = block.service ?? '';
  const db = lab.databases.get(service);
  if (!db) throw new Error(`${where}: lab "${labId}" has no service "${service}". Services: ${[...lab.databases.keys()].join(', ')}.`);
  const result = await db.query(block.sql);
  if (block.expect === 'ok') {
    if (!result.ok)
      throw new Error(`${where}: expected ok, but it failed with ${result.error.code}: ${result.error.message}\n${block.sql}`);
  } else {
    if (result.ok) throw new Error(`${where}: expected it to fail with ${block.expect}, but it succeeded\n${block.sql}`);
    expect(result.error.code, `${where}: ${result.error.message}`).toBe(block.expect);
  }
}

it('finds SQL blocks in the chapters', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

for (const [file, fileBlocks] of groupBy(blocks, (b) => b.file)) {
  describe(file, () => {
    for (const block of fileBlocks.filter((b) => b.problems.length > 0)) {
      it(`${block.file}:${block.line} needs lab= service= expect=`, () => {
        throw new Error(`${block.file}:${block.line}: ${block.problems.join('; ')}`);
      });
    }

    const runnable = fileBlocks.filter((b) => b.problems.length === 0);
    for (const [labId, labBlocks] of groupBy(runnable, (b) => b.lab ?? '')) {
      describe(`lab ${labId}`, () => {
        let lab: NodeLab | undefined;
        beforeAll(async () => {
          if (labIds.includes(labId)) lab = await openNodeLab(await loadLab(labId));
        });
        afterAll(async () => {
          await lab?.close();
        });
        for (const block of labBlocks) {
          it(`${block.file}:${block.line} ${block.service} expect=${block.expect}`, () => runBlock(block, labId, lab));
        }
      });
    }
  });
}
