import { expect, test } from '@playwright/test';
import { act, CHAPTER, lab } from './lab-driver.ts';

test('the presenter view opens from its URL, fills the screen and drives the lab from the keyboard', async ({ page }) => {
  await page.goto(`${CHAPTER}?present=two-phase-commit`);
  const root = lab(page);
  await expect(root).toHaveAttribute('data-presenter', 'on');
  const box = await root.boundingBox();
  expect(box?.width).toBe(page.viewportSize()?.width);
  await root.getByRole('button', { name: /^Start/ }).click();
  await expect(root).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });

  await act(root, 'Transfer 30 from Alice to Bob');
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-step', '1');
  await page.keyboard.press('n');
  await expect(root).toHaveAttribute('data-step', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(root).toHaveAttribute('data-step', '1');

  // F switches the lab's first fault on, and the next press the second.
  await page.keyboard.press('f');
  await expect(root.getByRole('checkbox', { name: 'Bank B votes no' })).toBeChecked();

  await page.keyboard.press('?');
  await expect(root.getByRole('list', { name: 'Presenter shortcuts' })).toContainText('Space or P: play or pause');
  // Kept with the run's results, for a reviewer to look at how it reads from the back of a room.
  await page.screenshot({ path: test.info().outputPath('presenter.png') });

  await page.keyboard.press('Escape');
  await expect(root).toHaveAttribute('data-presenter', 'off');
  expect(new URL(page.url()).searchParams.has('present')).toBe(false);
  await expect(root.getByRole('button', { name: 'Present' })).toBeVisible();
});
