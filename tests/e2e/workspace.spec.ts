/**
 * The lab workspace as a reader sees it, at a laptop's 1280 px and a phone's 390 px, in both themes: it fits
 * the page, its panels are never empty, its timeline lanes are readable, and every screenshot is kept in the
 * report (test-results/) for a reviewer to look at.
 */
import { expect, test } from '@playwright/test';
import { act, CHAPTER, startLab, stepUntilQuiet } from './lab-driver.ts';
import { elementsWiderThanPage, emptyPanels, keepScreenshot, overlappingLaneNames } from './workspace-checks.ts';

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    for (const theme of ['light', 'dark'] as const) {
      test(`the two-phase-commit workspace fits, has no empty panel and readable lanes (${theme})`, async ({ page }, testInfo) => {
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        const root = await startLab(page);
        await act(root, 'Transfer 30 from Alice to Bob');
        await stepUntilQuiet(root);
        await keepScreenshot(page, root, testInfo, `two-phase-commit-${size.width}-${theme}`);
        expect(await elementsWiderThanPage(page)).toEqual([]);
        expect(await emptyPanels(root)).toEqual([]);
        expect(await overlappingLaneNames(root)).toEqual([]);
      });
    }
  });
}

test('a lab links to its exercises and each exercise links back to its lab', async ({ page }) => {
  await page.goto(CHAPTER);
  const root = await startLab(page);
  const toExercises = root.getByRole('link', { name: /^Exercises \(\d+\)$/ });
  await expect(toExercises).toHaveText('Exercises (3)');
  await toExercises.click();
  await expect(page).toHaveURL(/#exercise-/);
  const back = page.locator('.exercise-check').first().getByRole('link', { name: 'Open the lab' });
  await back.click();
  await expect(page).toHaveURL(/#lab-two-phase-commit$/);
  await expect(root).toBeInViewport();
});

test('before a lab starts, an exercise on a page with two labs names the one it needs', async ({ page }) => {
  await page.goto('/transactions/choosing/');
  const check = page.locator('.exercise-check[data-exercise="refused-by-a-lock"]');
  await check.scrollIntoViewIfNeeded();
  await expect(check).toContainText('Start the lab “Two-phase commit between two banks” on this page first');
});

test('the service map sets faults from the picture, by mouse and by keyboard, and draws what they do', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const root = await startLab(page);
  const map = root.locator('.map');
  await expect(map.locator('[data-service]')).toHaveCount(3);

  // A service: Enter selects it, and its own faults are offered as switches.
  await map.getByRole('button', { name: /^Coordinator:/ }).focus();
  await page.keyboard.press('Enter');
  const crash = map.getByRole('button', { name: 'Coordinator crashes after both banks prepared', exact: true });
  await crash.click();
  await expect(crash).toHaveAttribute('aria-pressed', 'true');
  await expect(root.getByRole('checkbox', { name: 'Coordinator crashes after both banks prepared' })).toBeChecked();

  // A link: the partition declared between the coordinator and Bank B.
  await map.getByRole('button', { name: /^Link Coordinator to Bank B/ }).click();
  await map.getByRole('button', { name: 'Network partition around Bank B', exact: true }).click();
  await expect(map.locator('[data-link="bank-b~coordinator"]')).toHaveAttribute('data-state', 'partitioned');
  await map.getByRole('button', { name: 'Network partition around Bank B', exact: true }).click();
  await expect(map.locator('[data-link="bank-b~coordinator"]')).toHaveAttribute('data-state', 'up');

  // Messages on their way are drawn on their links.
  await act(root, 'Transfer 30 from Alice to Bob');
  await root.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(map.locator('.map-msg')).toHaveCount(2);
  await keepScreenshot(page, root, testInfo, 'two-phase-commit-messages-in-flight');

  await stepUntilQuiet(root);
  await expect(map.locator('[data-service="coordinator"]')).toHaveAttribute('data-state', 'crashed');
  await keepScreenshot(page, root, testInfo, 'two-phase-commit-coordinator-crashed');
  await map.getByRole('button', { name: /^Coordinator:/ }).click();
  await map.getByRole('button', { name: 'Restart this service (Coordinator)' }).click();
  await expect(map.locator('[data-service="coordinator"]')).not.toHaveAttribute('data-state', 'crashed');
});
