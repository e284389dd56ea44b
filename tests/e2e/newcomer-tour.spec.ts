import { expect, test } from '@playwright/test';
import { act, CHAPTER, lab, openConsole, runSql, startLab, stepUntilQuiet } from './lab-driver.ts';

test('a newcomer starts the lab, steps a transfer, injects a fault, queries a bank and completes an exercise', async ({ page }) => {
  const root = await startLab(page);

  // A transfer, step by step: both banks prepare, the coordinator commits.
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  const bankA = root.locator('.lab-table-group').filter({ hasText: 'Bank A' });
  await expect(bankA.getByRole('table', { name: /accounts/i })).toContainText('70');
  await expect(root.locator('[data-invariant="money-conserved"]')).toHaveAttribute('data-state', 'holds');
  await expect(root.getByRole('img', { name: /Sequence diagram with \d+ events/ })).toBeVisible();
  await expect(root.locator('[data-measure="lock-hold"]')).toContainText('Longest hold so far');

  // The coordinator dies with both banks prepared.
  await root.getByRole('checkbox', { name: 'Coordinator crashes after both banks prepared' }).check();
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  await expect(root.locator('[data-service="coordinator"]')).toContainText('crashed');
  await expect(root.locator('[data-invariant="nothing-in-doubt"]')).toHaveAttribute('data-state', 'broken');

  // Real Postgres shows the in-doubt transaction and refuses the locked row.
  const sqlConsole = await openConsole(root);
  await runSql(sqlConsole, 'Bank A', 'SELECT gid FROM pg_prepared_xacts');
  await expect(sqlConsole.getByRole('table')).toContainText('tx-2');
  await runSql(sqlConsole, 'Bank A', "SELECT * FROM accounts WHERE id = 'alice' FOR UPDATE NOWAIT");
  await expect(sqlConsole).toContainText('ERROR 55P03');
  await runSql(sqlConsole, 'Bank A', 'SELECT balanse FROM accounts');
  await expect(sqlConsole).toContainText(/ERROR 42703 at line 1, column 8/);

  // The exercise is checked against the databases, and completion survives a reload.
  const exercise = page.locator('[data-exercise="strand-a-transfer"]');
  // Exercises hydrate when scrolled into view, as a reader reaches them.
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('button', { name: 'Check my work' }).click();
  await expect(exercise.getByRole('status')).toContainText('Passed');
  await expect(exercise).toHaveAttribute('data-completed', 'true');
  await page.reload();
  const again = page.locator('[data-exercise="strand-a-transfer"]');
  await again.scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-completed', 'true');
  await expect(again).toContainText('Solved in this browser');
  await expect(lab(page)).toHaveAttribute('data-status', 'idle');
});

test('restarting the coordinator resolves the in-doubt transfer by presumed abort', async ({ page }) => {
  const root = await startLab(page, `${CHAPTER}?seed=5`);
  await root.getByRole('checkbox', { name: 'Coordinator crashes after both banks prepared' }).check();
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  await root.getByRole('checkbox', { name: 'Coordinator crashes after both banks prepared' }).uncheck();
  await act(root, 'Restart Coordinator');
  await stepUntilQuiet(root);
  for (const id of ['money-conserved', 'all-or-nothing', 'nothing-in-doubt']) {
    await expect(root.locator(`[data-invariant="${id}"]`)).toHaveAttribute('data-state', 'holds');
  }
  await expect(root.locator('.lab-timeline-text')).toContainText('presumed abort');
});

test('rewind replays to an earlier step and the same seed gives the same run', async ({ page }) => {
  const root = await startLab(page);
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  const text = await root.locator('.lab-timeline-text ol').textContent();
  const slider = root.getByRole('slider', { name: 'Rewind to step' });
  await slider.focus();
  for (const [key, step] of [
    ['Home', 0],
    ['ArrowRight', 1],
    ['ArrowRight', 2],
  ] as const) {
    await expect(slider).toBeEnabled();
    await slider.press(key);
    await expect(root.locator('.lab-clock')).toContainText(`Step ${step} ·`);
  }
  // Two steps in, the coordinator has logged the transfer and nothing is committed yet.
  const coordinator = root.locator('.lab-table-group').filter({ hasText: 'Coordinator' });
  await expect(coordinator.getByRole('table', { name: /tx_log/i })).toContainText('started');
  await stepUntilQuiet(root);
  await expect(root.locator('.lab-timeline-text ol')).toHaveText(text ?? '');
});

test('a stand-alone console starts the databases from the keyboard and queries them', async ({ page }) => {
  await page.goto('/start/how-labs-work/');
  const standalone = page.locator('.lab-standalone[data-lab="two-phase-commit"]');
  await standalone.scrollIntoViewIfNeeded();
  const start = standalone.getByRole('button', { name: /^Start the databases/ });
  await expect(start).toBeEnabled();
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(standalone).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const sqlConsole = standalone.getByRole('region', { name: 'SQL console' });
  await expect(sqlConsole).toHaveAttribute('data-editor', 'monaco');
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await expect(sqlConsole.getByRole('table')).toContainText('Alice');
  // The full lab further down shares the same databases, so it is already running.
  const fullLab = page.locator('.lab-frame [data-lab="two-phase-commit"]');
  await fullLab.scrollIntoViewIfNeeded();
  await expect(fullLab).toHaveAttribute('data-status', 'ready');
});
