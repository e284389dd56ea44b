import { expect, test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

const CHAPTER = '/ownership/joint-ownership/';
const INVARIANTS = ['no-lost-updates', 'shared-key-intact', 'owners-write-their-slice', 'acknowledged-writes-stored'];
const SPLIT_SQL = `BEGIN;
CREATE TABLE ticket_assignments (ticket_id integer PRIMARY KEY REFERENCES tickets (id), expert_id integer NOT NULL REFERENCES experts (id), scheduled_for timestamptz);
INSERT INTO ticket_assignments (ticket_id, expert_id, scheduled_for) SELECT id, expert_id, scheduled_for FROM tickets WHERE expert_id IS NOT NULL;
ALTER TABLE tickets DROP COLUMN expert_id, DROP COLUMN scheduled_for;
REVOKE ALL ON tickets FROM assignment_svc;
GRANT SELECT, INSERT, UPDATE ON ticket_assignments TO assignment_svc;
COMMIT;`;

test('the reader splits the table, runs the workload through all four techniques, and the Measured panel compares them', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'joint-ownership');
  await expect(root.locator('[data-service]')).toHaveCount(6);

  const split = page.locator('[data-exercise="split-the-table"]');
  await split.scrollIntoViewIfNeeded();
  await split.getByRole('textbox').fill(SPLIT_SQL);
  await split.getByRole('button', { name: 'Check my work' }).click();
  // The check replays the SQL on two hidden data sets before it runs it on the reader's lab.
  await expect(split.getByRole('status')).toContainText('Passed', { timeout: 90_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');

  await root.scrollIntoViewIfNeeded();
  await act(root, 'Run the workload');
  await playUntilQuiet(root);
  const measured = root.locator('[data-measure="side-by-side"]');
  await expect(measured).toContainText('audited');
  for (const label of ['Table split', 'Data domain', 'Delegate', 'Service consolidation']) await expect(measured).toContainText(label);
  await expect(root.locator('[data-measure="schema-reach"]')).toContainText('assignment, ticket');
  for (const id of INVARIANTS) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }

  await root.getByRole('checkbox', { name: /^Ticket crashes/ }).check();
  await act(root, 'Run the workload');
  await playUntilQuiet(root);
  await expect(measured).toContainText('Down during this run: ticket, ticket-management');
});

test('the decision guide is operable from the keyboard and recommends a technique with its reasons', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CHAPTER);
  const guide = page.locator('[data-guide="joint-ownership"]');
  await guide.scrollIntoViewIfNeeded();
  await expect(guide).toHaveAttribute('data-status', 'ready');
  const first = guide.getByRole('group', { name: /exactly one service that writes it/ });
  await first.getByRole('radio', { name: 'Yes' }).focus();
  await page.keyboard.press('Space');
  const atomic = guide.getByRole('group', { name: /commit or fail together/ });
  await atomic.getByRole('radio', { name: 'No' }).check();
  await expect(guide.getByRole('status')).toContainText('Recommended: Table split');
  await first.getByRole('radio', { name: 'No' }).check();
  await guide
    .getByRole('group', { name: /clearly the owner/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await guide
    .getByRole('group', { name: /network call per write/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await expect(guide.getByRole('status')).toContainText('Recommended: Delegate');
  await guide.getByRole('button', { name: 'Start over' }).click();
  await expect(guide.getByRole('group')).toHaveCount(1);
});
