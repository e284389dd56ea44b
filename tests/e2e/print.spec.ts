import { expect, test } from '@playwright/test';
import { act, stepUntilQuiet, startLab } from './lab-driver.ts';

test('a chapter prints as a handout: the lab as its tables and pictures, no controls, links written out', async ({ page }) => {
  const root = await startLab(page);
  await act(root, 'Transfer 30 from Alice to Bob');
  await stepUntilQuiet(root);
  await page.emulateMedia({ media: 'print' });

  // What the lab shows stays; what only works on screen goes.
  await expect(root.locator('.lab-table-group').first()).toBeVisible();
  await expect(root.getByRole('table').first()).toBeVisible();
  await expect(root.locator('svg').first()).toBeVisible();
  await expect(root.getByRole('button', { name: 'Step', exact: true })).toBeHidden();
  await expect(page.locator('.exercise-check button').first()).toBeHidden();
  await expect(page.locator('.sql-run button').first()).toBeHidden();

  // A link in the prose prints its address after it; glossary links do not.
  const link = page.locator('.sl-markdown-content a[href^="/"]:not([href^="/reference/glossary/"])').first();
  const after = await link.evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain(await link.getAttribute('href'));

  // Nothing is wider than the printed page, and the browser renders it to PDF.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});
