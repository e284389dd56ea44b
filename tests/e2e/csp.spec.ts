import { expect, test } from '@playwright/test';

test('the built pages allow their own inline scripts by hash, and an injected inline handler does not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/transactions/two-phase-commit/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scriptSrc = policy?.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).toMatch(/'sha256-/);
  // The page's own inline scripts ran: the lab island (hydrated by Astro's inline loader once in view) is live.
  const lab = page.locator('[data-lab="two-phase-commit"]');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('button', { name: /^Start/ })).toBeEnabled();
  expect(violations).toEqual([]);

  // What an injected value would try, were it ever rendered as HTML.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onerror="window.injected = true">');
    const script = document.createElement('script');
    script.textContent = 'window.injectedScript = true';
    document.body.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  const ran = await page.evaluate(() => ['injected', 'injectedScript'].filter((name) => name in window));
  expect(ran).toEqual([]);
});
