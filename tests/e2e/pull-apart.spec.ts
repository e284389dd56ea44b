import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { sqlBlocksIn } from '../docs/sql-blocks.ts';
import { act, openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/ownership/pulling-apart/';
const MONOLITH = 'Monolith (Postgres)';
const chapterFile = fileURLToPath(new URL('../../src/content/docs/ownership/pulling-apart.mdx', import.meta.url));
/** The chapter's own SQL, so the test types what a reader would copy. */
const blocks = sqlBlocksIn(readFileSync(chapterFile, 'utf8'), 'pulling-apart.mdx').filter((b) => b.expect === 'ok');

function step(marker: string): string {
  const block = blocks.find((b) => b.sql.includes(marker));
  if (!block) throw new Error(`no block with ${marker}`);
  return block.sql;
}

async function checkExercise(page: Page, id: string) {
  const exercise = page.locator(`[data-exercise="${id}"]`);
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  return exercise.getByRole('status');
}

test('the reader moves the tables into schemas by hand, fences the services in, and moves the ticket schema to its own database', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'pull-apart');
  await expect(root.locator('[data-invariant="rows-kept"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-invariant="domains-untied"]')).toHaveAttribute('data-state', 'pending');

  // Step 2 in the console, checked against the catalog.
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, MONOLITH, step('CREATE SCHEMA ticketing'));
  await expect(await checkExercise(page, 'step-2-schemas')).toContainText('Passed');

  // Roles without the replacements: a step half done, with the failing request named.
  await root.scrollIntoViewIfNeeded();
  await runSql(sqlConsole, MONOLITH, step('CREATE ROLE'));
  await expect(root.locator('[data-invariant="requests-succeed"]')).toHaveAttribute('data-state', 'pending');
  await expect(root.locator('[data-invariant="requests-succeed"]')).toContainText('ticket/open-queue');
  await expect(await checkExercise(page, 'step-3-roles')).toContainText('drop the view');

  await root.scrollIntoViewIfNeeded();
  await runSql(sqlConsole, MONOLITH, step('ADD COLUMN customer_name'));
  await runSql(sqlConsole, MONOLITH, step('DROP CONSTRAINT tickets_customer_id_fkey'));
  await expect(root.locator('[data-invariant="requests-succeed"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-invariant="domains-untied"]')).toHaveAttribute('data-state', 'holds');

  // The copy was filled once; a rename at its owner leaves it behind, and the lab says so.
  await expect(root.locator('[data-invariant="copy-current"]')).toHaveAttribute('data-state', 'holds');
  await runSql(sqlConsole, MONOLITH, step('SET LOCAL ROLE customer_service'));
  await expect(root.locator('[data-invariant="copy-current"]')).toHaveAttribute('data-state', 'broken');
  await expect(root.locator('[data-invariant="copy-current"]')).toContainText('Ada Brandt-Weiss');

  // The move, then the services' requests: Ticket's now go to its own database and succeed there.
  await act(root, 'Move the ticket schema to its own database');
  await playUntilQuiet(root);
  await act(root, 'Send every service its usual requests');
  await playUntilQuiet(root);
  await expect(root.locator('.lab-timeline-text')).toContainText('connects to ticket-db from now on');
  const ticketDb = root.locator('.lab-table-group').filter({ hasText: 'Ticket database' });
  await expect(ticketDb.getByRole('table', { name: /Tables and views by schema/i })).toContainText('ticketing');
  await expect(root.locator('[data-invariant="requests-succeed"]')).toContainText('ticket-db');
  await expect(root.locator('[data-invariant="requests-succeed"]')).toHaveAttribute('data-state', 'holds');
  await expect(await checkExercise(page, 'step-4-move')).toContainText('Passed');
});
