/** How the browser tests drive a lab: by role and accessible name, as a reader would, waiting on data-status. */
import { expect, type Locator, type Page } from '@playwright/test';

export const CHAPTER = '/transactions/two-phase-commit/';

export function lab(page: Page, id = 'two-phase-commit'): Locator {
  return page.locator(`[data-lab="${id}"]`).first();
}

export async function startLab(page: Page, path = CHAPTER, id = 'two-phase-commit'): Promise<Locator> {
  await page.goto(path);
  const root = lab(page, id);
  await root.scrollIntoViewIfNeeded();
  const start = root.getByRole('button', { name: /^Start/ });
  await expect(start).toBeEnabled();
  await start.click();
  await expect(root).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  return root;
}

/** Presses a reader action and waits until the lab shows messages in flight because of it. */
export async function act(root: Locator, name: string) {
  await root.getByRole('button', { name, exact: true }).click();
  await expect(root.locator('.lab-clock')).toContainText('pending');
}

/** Steps until the lab says it is quiet (nothing in flight, no timer set). */
export async function stepUntilQuiet(root: Locator, max = 60) {
  const step = root.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < max; i++) {
    if (await step.isDisabled()) {
      if (((await root.locator('.lab-clock').textContent()) ?? '').includes('quiet')) return;
    } else {
      await step.click();
    }
    await expect(root).toHaveAttribute('data-status', 'ready');
  }
  throw new Error('the lab did not go quiet');
}

export async function openConsole(root: Locator): Promise<Locator> {
  await root.getByRole('button', { name: 'Open SQL console' }).click();
  const sqlConsole = root.getByRole('region', { name: 'SQL console' });
  // The textarea works at once; tests wait for Monaco, the editor a reader ends up typing in.
  await expect(sqlConsole).toHaveAttribute('data-editor', 'monaco');
  return sqlConsole;
}

/** Picks the service and types `sql` into the console (textarea or Monaco, whichever is live). */
export async function typeSql(sqlConsole: Locator, serviceLabel: string, sql: string) {
  await sqlConsole.getByRole('combobox', { name: 'Database', exact: true }).selectOption({ label: serviceLabel });
  const page = sqlConsole.page();
  await sqlConsole.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

/** Types and runs `sql`, and waits until the console is idle again. */
export async function runSql(sqlConsole: Locator, serviceLabel: string, sql: string) {
  await typeSql(sqlConsole, serviceLabel, sql);
  await sqlConsole.getByRole('button', { name: 'Run' }).click();
  await expect(sqlConsole).toHaveAttribute('data-status', 'idle', { timeout: 30_000 });
}

/** The speed control, by role: a fault's label may contain the word "Speed" too (analytics' speed layer). */
export function speedControl(root: Locator): Locator {
  return root.getByRole('combobox', { name: /^Speed/ });
}

/** Plays at the fastest speed until the lab is quiet (Play stops itself then). */
export async function playUntilQuiet(root: Locator) {
  await speedControl(root).selectOption('50');
  await root.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(root.locator('.lab-clock')).toContainText('quiet', { timeout: 90_000 });
  await expect(root).toHaveAttribute('data-status', 'ready');
}
