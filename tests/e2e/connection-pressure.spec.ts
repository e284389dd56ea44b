import { expect, test } from '@playwright/test';
import { act, openConsole, playUntilQuiet, runSql, startLab } from './lab-driver.ts';

const CHAPTER = '/operational-data/shared-database/';

test('scaling Ticket out gets logins refused on the shared database, and an outage fails every service that shares it', async ({
  page,
}) => {
  const root = await startLab(page, CHAPTER, 'connection-pressure');
  await expect(root.locator('[data-service]')).toHaveCount(8);

  await act(root, 'Send a burst to the shared database');
  await playUntilQuiet(root);
  await expect(root.locator('[data-invariant="nobody-refused"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-measure="connections"]')).toContainText('No database refused a connection');

  await act(root, 'Add a Ticket instance');
  await playUntilQuiet(root);
  await act(root, 'Send a burst to the shared database');
  await playUntilQuiet(root);
  const refused = root.locator('[data-invariant="nobody-refused"]');
  await expect(refused).toHaveAttribute('data-state', 'broken');
  await expect(refused).toContainText('53300: sorry, too many clients already');
  await expect(root.locator('[data-invariant="within-limits"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.locator('[data-measure="connections"]')).toContainText('monolith refused');

  await act(root, 'Take the shared database down');
  await playUntilQuiet(root);
  await expect(root.locator('[data-service="monolith"]')).toContainText('crashed');
  await act(root, 'Send a burst to the shared database');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="outage"]')).toContainText(
    'While monolith was down, 3 services failed: ticket, billing, reporting',
  );
  await root.getByRole('button', { name: 'Restart Shared database' }).click();
  await expect(root.locator('[data-service="monolith"]')).toContainText('running');

  await act(root, 'Take the Ticket database down');
  await playUntilQuiet(root);
  await act(root, 'Send a burst to the domain databases');
  await playUntilQuiet(root);
  await expect(root.locator('[data-measure="outage"]')).toContainText('While ticket-db was down, 1 service failed: ticket');
});

test('a connection limit on the Ticket role protects Billing, checked on runs the reader has not seen', async ({ page }) => {
  const root = await startLab(page, CHAPTER, 'connection-pressure');
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Shared database', 'ALTER ROLE ticket_app CONNECTION LIMIT 4');
  const exercise = page.locator('[data-exercise="protect-billing"]');
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise.getByRole('status')).toContainText('Passed', { timeout: 90_000 });
});
