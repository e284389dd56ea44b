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
