/**
 * Every lab's workspace, started and stepped a little, at a laptop's 1280 px and a phone's 390 px, in the light
 * and the dark theme: nothing sticks out of the page, no panel is empty, no two lane names overlap, and the
 * screenshots are kept in the report (test-results/) so that a reviewer can look at each lab.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startLab } from './lab-driver.ts';
import { elementsWiderThanPage, emptyPanels, keepScreenshot, overlappingLaneNames } from './workspace-checks.ts';

// One lab a test, sharing nothing: both workers may take them.
test.describe.configure({ mode: 'parallel' });

const LABS = [
  { id: 'two-phase-commit', path: '/transactions/two-phase-commit/' },
  { id: 'order-saga', path: '/transactions/sagas/' },
  { id: 'eventual-consistency', path: '/transactions/eventual-consistency/' },
  { id: 'ownership-detective', path: '/ownership/who-owns/' },
  { id: 'joint-ownership', path: '/ownership/joint-ownership/' },
  { id: 'pull-apart', path: '/ownership/pulling-apart/' },
  { id: 'report-contention', path: '/operational-data/operational-vs-analytical/' },
  { id: 'connection-pressure', path: '/operational-data/shared-database/' },
  { id: 'schema-blast-radius', path: '/operational-data/shared-database/' },
  { id: 'cqrs-lag', path: '/reading/cqrs/' },
  { id: 'read-replicas', path: '/reading/consistency-you-can-feel/' },
  { id: 'cache-patterns', path: '/reading/caching/' },
  { id: 'event-sourcing', path: '/events/event-sourcing/' },
  { id: 'read-paths', path: '/reading/call-copy-or-cache/' },
  { id: 'api-composition', path: '/reading/api-composition/' },
  { id: 'isolation', path: '/boundaries/transactional-boundaries/' },
  { id: 'flight-booking', path: '/boundaries/aggregates/' },
  { id: 'outbox-relay', path: '/events/getting-events-out/' },
  { id: 'backups', path: '/boundaries/backups/' },
  { id: 'sharding', path: '/boundaries/sharding/' },
  { id: 'personal-data', path: '/boundaries/personal-data/' },
  { id: 'analytics-feeds', path: '/analytics/feeding-analytics/' },
  { id: 'data-mesh', path: '/analytics/data-mesh/' },
  { id: 'warehouse-layers', path: '/analytics/warehouse-layers/' },
  { id: 'log-views', path: '/events/inside-out/' },
  { id: 'data-shapes', path: '/analytics/choosing/' },
] as const;

/** The lab's first action and a few steps, so that the timeline and the map have something to show. */
async function runALittle(root: Locator) {
  await root.locator('.lab-actions button').first().click();
  await expect(root.locator('.lab-clock')).toContainText('pending');
  const step = root.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 6 && (await step.isEnabled()); i++) {
    await step.click();
    await expect(root).toHaveAttribute('data-status', 'ready');
  }
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
}

for (const { id, path } of LABS) {
  test(`the ${id} workspace fits a laptop and a phone, with no empty panel and readable lanes`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const root = await startLab(page, path, id);
    await runALittle(root);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      // Both themes on screen; the whole lab in one of them: light on a laptop, dark on a phone.
      const wholeIn = width > 500 ? 'light' : 'dark';
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(page, theme);
        await keepScreenshot(page, root, testInfo, `${id}-${width}-${theme}`, theme === wholeIn);
      }
      expect(await elementsWiderThanPage(page), `${width} px`).toEqual([]);
      expect(await emptyPanels(root), `${width} px`).toEqual([]);
      expect(await overlappingLaneNames(root), `${width} px`).toEqual([]);
    }
  });
}
