/**
 * The lab workspace as a reader sees it, at a laptop's 1280 px and a phone's 390 px, in both themes: it fits
 * the page, its panels are never empty, its timeline lanes are readable, and every screenshot is kept in the
 * report (test-results/) for a reviewer to look at.
 */
import { expect, test } from '@playwright/test';
import { act, CHAPTER, speedControl, startLab, stepUntilQuiet } from './lab-driver.ts';
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
        await keepScreenshot(page, root, testInfo, `two-phase-commit-${size.width}-${theme}`, true);
        expect(await elementsWiderThanPage(page)).toEqual([]);
        expect(await emptyPanels(root)).toEqual([]);
        await expect(root.locator('.tl-lane-name')).toHaveCount(4);
        expect(await overlappingLaneNames(root)).toEqual([]);
        const fontSizes = await root
          .locator('.tl-event, .tl-lane-name')
          .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
        expect(Math.min(...fontSizes)).toBeGreaterThanOrEqual(12);
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
  await keepScreenshot(page, root, testInfo, 'two-phase-commit-messages-in-flight', true);

  await stepUntilQuiet(root);
  await expect(map.locator('[data-service="coordinator"]')).toHaveAttribute('data-state', 'crashed');
  await keepScreenshot(page, root, testInfo, 'two-phase-commit-coordinator-crashed', true);
  await map.getByRole('button', { name: /^Coordinator:/ }).click();
  await map.getByRole('button', { name: 'Restart this service (Coordinator)' }).click();
  await expect(map.locator('[data-service="coordinator"]')).not.toHaveAttribute('data-state', 'crashed');
});

test('the timeline highlights the current step, filters by service and rewinds to an event picked by mouse or keyboard', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const root = await startLab(page);
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  await expect(root).toHaveAttribute('data-step', '11');
  const timeline = root.locator('.lab-timeline');
  // The last events are the current ones (steps that only ran SQL leave no row of their own).
  const lastStep = await timeline.locator('.tl-event').last().getAttribute('data-step');
  await expect(timeline.locator('[aria-current="step"]').last()).toHaveAttribute('data-step', lastStep ?? '');

  await timeline.getByRole('button', { name: 'Bank A', exact: true }).click();
  await expect(timeline.locator('.tl-lane-name')).toHaveText(['Coordinator', 'Bank A']);
  await timeline.getByRole('button', { name: 'All services', exact: true }).click();
  await expect(timeline.locator('.tl-lane-name')).toHaveCount(4);

  await timeline.locator('.tl-event[data-step="3"]').first().click();
  await expect(root).toHaveAttribute('data-step', '3');
  await expect(root.locator('.lab-clock')).toContainText('Step 3 ·');

  // Keyboard: from the last event, one up and Enter rewinds one event earlier.
  const last = timeline.locator('.tl-event').last();
  await last.focus();
  await page.keyboard.press('ArrowUp');
  const lastRow = Number(await last.getAttribute('data-row'));
  await expect(page.locator(':focus')).toHaveAttribute('data-row', String(lastRow - 1));
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveAttribute('data-row', '0');
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('data-step'));
  await page.keyboard.press('Enter');
  await expect(root).toHaveAttribute('data-step', second ?? '');
});

test('a saga batch of thousands of events draws only the window of the timeline on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const root = await startLab(page, '/transactions/sagas/', 'order-saga');
  await root.getByRole('button', { name: 'Place 20 orders at once (orchestrated)', exact: true }).click();
  await speedControl(root).selectOption('50');
  await root.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThan(400);
  await root.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(root).toHaveAttribute('data-status', 'ready');
  const eventCount = async () => Number((await root.locator('.lab-timeline-text summary').textContent())?.match(/\((\d+) events\)/)?.[1]);
  // The window follows the end of the run: its last row is the run's last event (once the pause has refreshed).
  await expect
    .poll(async () => Number(await root.locator('.tl-event').last().getAttribute('data-row')) + 1 === (await eventCount()))
    .toBe(true);
  expect(await eventCount()).toBeGreaterThan(300);
  expect(await root.locator('.tl-event').count()).toBeLessThan(80);
});

test('the address bar holds the run: a copied link and a later visit replay it to the same step and trace hash', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const root = await startLab(page);
  const partition = root.getByRole('checkbox', { name: /^Network partition around Bank B/ });
  const step = root.getByRole('button', { name: 'Step', exact: true });
  await partition.check();
  await act(root, 'Transfer 30 from Alice to Bob');
  for (let i = 0; i < 4; i++) {
    await step.click();
    await expect(root).toHaveAttribute('data-step', String(i + 1));
  }
  await partition.uncheck();
  await step.click();
  await expect(root).toHaveAttribute('data-step', '5');
  const hash = await root.getAttribute('data-trace-hash');
  expect(hash).toMatch(/^[0-9a-f]+$/);
  await expect(page).toHaveURL(/[?&]lab=two-phase-commit&s=42&k=5&i=[^&#]+/);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await root.getByRole('button', { name: 'Copy link' }).click();
  await expect(root.getByRole('status').filter({ hasText: 'Link copied' })).toContainText('to step 5');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#lab-two-phase-commit$/);

  const other = await context.newPage();
  await other.setViewportSize({ width: 1280, height: 800 });
  await other.goto(link);
  const shared = other.locator('[data-lab="two-phase-commit"]').first();
  await expect(shared).toContainText('This link replays a run of this lab: seed 42, 3 inputs, to step 5.');
  await shared.getByRole('button', { name: /^Start/ }).click();
  await expect(shared).toHaveAttribute('data-step', '5', { timeout: 60_000 });
  await expect(shared).toHaveAttribute('data-trace-hash', hash ?? '');
  await other.close();

  // A later visit without the link offers to resume the run kept in this browser.
  await page.goto(CHAPTER);
  await root.scrollIntoViewIfNeeded();
  await root.getByRole('button', { name: 'Resume where you were (step 5, 3 inputs)' }).click();
  await expect(root).toHaveAttribute('data-step', '5', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-trace-hash', hash ?? '');

  // Another seed is in the address bar at once.
  await root.getByLabel('Seed').fill('7');
  await root.getByRole('button', { name: 'Use seed' }).click();
  await expect(page).toHaveURL(/[?&]s=7&k=0(&|$|#)/);
});
