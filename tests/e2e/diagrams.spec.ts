/**
 * The chapters' sequence diagrams as a reader sees them, on a laptop and on a phone: drawn, never typed out in
 * a `pre` block; named for assistive technology; inside the page's width; and with text large enough to read.
 */
import { expect, test } from '@playwright/test';

const CHAPTERS = [
  { path: '/transactions/two-phase-commit/', diagrams: ['two-commits', 'two-phases'] },
  { path: '/transactions/sagas/', diagrams: ['orchestration', 'choreography'] },
  { path: '/transactions/eventual-consistency/', diagrams: ['background-sync', 'request-based', 'event-based'] },
];
/** Arrows and lifelines drawn with characters. */
const TEXT_DIAGRAM = /-{2,}>|<-{2,}|^\s*\|/m;
/** The smallest text the diagrams may show, in CSS pixels. */
const LEGIBLE_PX = 10.5;

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const chapter of CHAPTERS) {
      test(`${chapter.path} draws its diagrams, names them, and keeps them inside the page`, async ({ page }) => {
        await page.goto(chapter.path);
        const main = page.locator('main');
        for (const pre of await main.locator('pre').allTextContents())
          expect(pre, 'a diagram typed in a pre block').not.toMatch(TEXT_DIAGRAM);

        const figures = main.locator('figure.sequence-diagram');
        await expect(figures).toHaveCount(chapter.diagrams.length);
        for (const [i, id] of chapter.diagrams.entries()) {
          const figure = figures.nth(i);
          await expect(figure).toHaveAttribute('data-diagram', id);
          await expect(figure).toHaveAccessibleName(/\w.{20,}/);
          const drawing = figure.getByRole('img');
          await expect(drawing).toHaveCount(1);
          await expect(drawing).toHaveAccessibleName(/\w.{20,}/);
          // The steps in words sit in a closed disclosure, out of the way until a reader opens it.
          await figure.getByText('The steps in words').click();
          await expect(figure.getByRole('listitem').first()).toBeVisible();

          const measured = await drawing.evaluate((svg) => {
            const box = svg.getBoundingClientRect();
            const viewBox = (svg as SVGSVGElement).viewBox.baseVal;
            return { left: box.left, right: box.right, textPx: (13 * box.width) / viewBox.width };
          });
          expect(measured.left, id).toBeGreaterThanOrEqual(0);
          expect(measured.right, id).toBeLessThanOrEqual(width);
          expect(measured.textPx, `${id}: text size`).toBeGreaterThanOrEqual(LEGIBLE_PX);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      });
    }
  });
}
