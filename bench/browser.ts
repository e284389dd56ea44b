/** The measurements taken in Chromium. Each drives the page as lab-driver.ts does: roles, names, data-status. */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.ts';
import { sampleTree, startSampler } from './memory.ts';

const LAB_TIMEOUT = 120_000;

export function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

function labRoot(page: Page, id: string): Locator {
  return page.locator(`[data-lab="${id}"]`).first();
}

/** Scrolls the lab into view (it hydrates on visible) and waits until its Start button can be pressed. */
async function readyToStart(page: Page, id: string): Promise<Locator> {
  const root = labRoot(page, id);
  await root.scrollIntoViewIfNeeded();
  const start = root.getByRole('button', { name: /^Start/ });
  await start.waitFor({ timeout: LAB_TIMEOUT });
  await page.waitForFunction((b) => !(b as HTMLButtonElement).disabled, await start.elementHandle(), { timeout: LAB_TIMEOUT });
  return start;
}

/**
 * Clicks Start and returns the ms until data-status="ready". Both ends are stamped inside the page (a capture
 * listener for the click, a MutationObserver for the attribute), so Playwright's polling does not add to it.
 */
interface Stamps {
  click?: number;
  ready?: number;
  error?: string;
  /** With `act`: when the lab's first action was pressed (at ready) and when its clock line showed messages pending. */
  acted?: number;
  answered?: number;
}

/**
 * Clicks Start and returns the ms until data-status="ready". Both ends are stamped inside the page (a capture
 * listener for the click, a MutationObserver for the attribute), so Playwright's polling does not add to it.
 * `act`: the moment the lab says ready, the page itself presses the lab's first action (as an eager reader
 * would, as soon as the button is enabled), and `firstAction` is the ms from ready until the lab's clock line
 * shows its messages pending. NaN without an action.
 */
async function clickStartTimed(page: Page, id: string, dwellMs = 0, act = false): Promise<{ ready: number; firstAction: number }> {
  const start = await readyToStart(page, id);
  if (dwellMs > 0) await page.waitForTimeout(dwellMs);
  await page.evaluate(
    ([labId, act]) => {
      const w = window as unknown as { __bench: Stamps };
      const b: Stamps = (w.__bench = {});
      const root = () => document.querySelector(`[data-lab="${labId}"]`);
      document.addEventListener('click', () => (b.click ??= performance.now()), { capture: true, once: true });
      new MutationObserver(() => {
        const el = root();
        const status = el?.getAttribute('data-status');
        if (b.click === undefined) return;
        if (b.ready === undefined && status === 'ready') {
          b.ready = performance.now();
          // Pressed as soon as it can be: a lab still busy after saying ready keeps its buttons disabled.
          const press = () => {
            const action = root()?.querySelector<HTMLButtonElement>('[role=group][aria-label=Actions] button');
            if (!act || !action) return;
            if (action.disabled) return void setTimeout(press, 5);
            b.acted = performance.now();
            action.click();
          };
          press();
        }
        if (b.acted !== undefined && b.answered === undefined && (el?.querySelector('.lab-clock')?.textContent ?? '').includes('pending'))
          b.answered = performance.now();
        if (status === 'error') b.error = el?.textContent?.slice(0, 300) ?? 'error';
      }).observe(document.body, { attributes: true, childList: true, characterData: true, subtree: true });
    },
    [id, act] as const,
  );
  await start.click();
  const handle = await page.waitForFunction(
    (act) => {
      const b = (window as unknown as { __bench: Stamps }).__bench;
      if (b.error !== undefined) return b;
      if (b.ready === undefined) return undefined;
      return !act || b.answered !== undefined ? b : undefined;
    },
    act,
    { timeout: LAB_TIMEOUT, polling: 50 },
  );
  const b = (await handle.jsonValue())!;
  if (b.error !== undefined) throw new Error(`lab ${id} went to error: ${b.error}`);
  return { ready: b.ready! - b.click!, firstAction: b.answered !== undefined ? b.answered - b.ready! : NaN };
}

/**
 * One cold run (fresh context, empty cache, Start pressed as soon as it can be) and one warm run (same context,
 * reload, Start pressed `dwellMs` after the lab came into view, as a reader who reads its introduction first:
 * what the page does in that time, it does before the reader asks), with the first action pressed at ready.
 */
export async function startToReady(
  browser: Browser,
  base: string,
  id: string,
  path: string,
  dwellMs: number,
): Promise<{ cold: number; warm: number; firstAction: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(base + path);
    const cold = await clickStartTimed(page, id);
    await page.reload();
    const warm = await clickStartTimed(page, id, dwellMs, true);
    return { cold: cold.ready, warm: warm.ready, firstAction: warm.firstAction };
  } finally {
    await context.close();
  }
}

/**
 * One PGlite started from the build's base snapshot on the naive page (see server.ts), `runs` times, each in a
 * fresh page as each lab service starts in a fresh worker: warm HTTP cache, cold JavaScript.
 */
export async function floorBoot(context: BrowserContext, url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { naiveReady?: boolean }).naiveReady === true);
      times.push(...(await page.evaluate(() => (window as unknown as { floorBoot: (n: number) => Promise<number[]> }).floorBoot(1))));
    } finally {
      await page.close();
    }
  }
  return times;
}

/** Naive boot of n instances; the first page load only warms the HTTP cache (so it compares with a warm lab). */
export async function naiveBoot(context: BrowserContext, url: string, n: number): Promise<{ total: number; each: number[] }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { naiveReady?: boolean }).naiveReady === true);
    return await page.evaluate(
      (k) => (window as unknown as { naiveBoot: (n: number) => Promise<{ total: number; each: number[] }> }).naiveBoot(k),
      n,
    );
  } finally {
    await page.close();
  }
}

export async function warmNaiveCache(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => Promise.all(['pglite.wasm', 'pglite.data', 'initdb.wasm'].map((f) => fetch(f).then((r) => r.arrayBuffer()))));
  await page.close();
}

export interface ScriptFile {
  readonly url: string;
  readonly raw: number;
  readonly gzip: number;
  readonly flagged: boolean;
}

const HEAVY = /pglite|sql-wasm|monaco|editor\.worker/i;

/**
 * JS a reader downloads before a lab is on screen: 1280x720, no scrolling, until the network is idle. Every
 * response that is a script (resource type script covers <script src>, imports and modulepreload in Chromium;
 * the content type or .js catches anything else), gzipped at level 9. Inline <script> text is counted as one
 * more entry, since it is JavaScript the page runs too.
 */
export async function chapterScripts(browser: Browser, url: string, labSelector: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const pending: Promise<ScriptFile | undefined>[] = [];
    page.on('response', (res) => {
      const type = res.request().resourceType();
      const ct = res.headers()['content-type'] ?? '';
      if (type !== 'script' && !ct.includes('javascript') && !/\.m?js(\?|$)/.test(res.url())) return;
      pending.push(
        res.body().then(
          (body) => ({
            url: new URL(res.url()).pathname,
            raw: body.length,
            gzip: gzipSync(body, { level: 9 }).length,
            flagged: HEAVY.test(res.url()),
          }),
          () => undefined,
        ),
      );
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')]
        .filter((s) => !s.getAttribute('type') || /module|javascript/.test(s.getAttribute('type')!))
        .map((s) => s.textContent ?? '')
        .join('\n'),
    );
    const files = (await Promise.all(pending)).filter((f): f is ScriptFile => f !== undefined);
    const inlineBuf = Buffer.from(inline);
    files.push({
      url: '(inline <script> in the HTML)',
      raw: inlineBuf.length,
      gzip: gzipSync(inlineBuf, { level: 9 }).length,
      flagged: false,
    });
    // Tells whether the lab was already on screen without scrolling, which would make the figure a different one.
    const labOnScreen = await page.evaluate((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return !!r && r.top < innerHeight && r.bottom > 0;
    }, labSelector);
    return { files, total: files.reduce((s, f) => s + f.gzip, 0), labOnScreen };
  } finally {
    await context.close();
  }
}

/**
 * Boot, first action and Play until quiet, in a fresh context, recording long tasks (observer installed before
 * any page script runs) and the browser's memory every 100 ms from just before Start.
 */
export async function bootAndRun(browser: Browser, base: string, id: string, path: string, exclude: ReadonlySet<number>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    const page = await context.newPage();
    await page.goto(base + path);
    const root = labRoot(page, id);
    const start = await readyToStart(page, id);
    await page.waitForTimeout(1000); // let hydration settle so the baseline is the page without the lab booted
    const baseline = sampleTree(exclude);
    const sampler = startSampler(exclude);
    // A trace of the main thread's tasks from just before Start: it also tells each task's CPU time, which the
    // long-task API does not. On a busy machine a task's wall time is mostly time the thread waited for a core.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Tracing.start', { categories: '-*,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
    const clickedAt = await page.evaluate(() => performance.now());
    let result: { actionName: string; clockText: string };
    let mem: ReturnType<typeof sampler.stop>;
    let readyAt = clickedAt;
    try {
      await start.click();
      await page.waitForSelector(`[data-lab="${id}"][data-status="ready"]`, { timeout: LAB_TIMEOUT });
      readyAt = await page.evaluate(() => performance.now());
      const clock = root.locator('.lab-clock');
      const action = root.locator('[role=group][aria-label=Actions] button').first();
      const actionName = (await action.textContent())?.trim() ?? '?';
      await action.click();
      await page.waitForFunction((el) => (el?.textContent ?? '').includes('pending'), await clock.elementHandle(), {
        timeout: LAB_TIMEOUT,
      });
      // At the fastest speed: the largest lab's first action may be a workload of hundreds of steps, which at the
      // default two steps a second would not go quiet within the timeout (and the renders are what is measured).
      await root.getByRole('combobox', { name: /^Speed/ }).selectOption('50');
      await root.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForFunction((el) => (el?.textContent ?? '').includes('quiet'), await clock.elementHandle(), {
        timeout: LAB_TIMEOUT,
        polling: 100,
      });
      await page.waitForSelector(`[data-lab="${id}"][data-status="ready"]`, { timeout: LAB_TIMEOUT });
      result = { actionName, clockText: (await clock.textContent())?.trim() ?? '' };
    } finally {
      mem = sampler.stop();
    }
    const traced = await mainThreadTasks(cdp);
    const tasks = await page.evaluate(() => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks);
    const during = tasks.filter((t) => t.start >= clickedAt).sort((a, b) => b.duration - a.duration);
    const before = tasks.filter((t) => t.start < clickedAt);
    return {
      ...result,
      longestDuring: during[0]?.duration ?? 0,
      // When it began, in ms after the Start click: tells boot from play.
      longestAt: (during[0]?.start ?? clickedAt) - clickedAt,
      readyAt: readyAt - clickedAt,
      longTasksDuring: during.length,
      /** From the trace: the longest task's CPU time, and the most CPU time any one task took. */
      longestTracedCpu: traced.reduce((a, t) => (t.wall > a.wall ? t : a), { wall: 0, cpu: 0 }).cpu,
      mostCpu: Math.max(0, ...traced.map((t) => t.cpu)),
      longestBefore: Math.max(0, ...before.map((t) => t.duration)),
      baseline,
      peak: mem.peak,
      end: mem.last,
      samples: mem.count,
    };
  } finally {
    await context.close();
  }
}

/** Ends the trace `cdp` records and returns the page's main-thread tasks in it: wall and CPU time, in ms. */
async function mainThreadTasks(cdp: CDPSession): Promise<{ wall: number; cpu: number }[]> {
  const done = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  if (!stream) return [];
  let data = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    data += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  interface TraceEvent {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string };
  }
  const parsed = JSON.parse(data) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, { wall: number; cpu: number }[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 });
    byThread.set(key, list);
  }
  // The page's renderer is the one that ran the most tasks (a service worker's or another page's ran fewer).
  return [...byThread.values()].reduce((a, b) => (b.length > a.length ? b : a), []);
}
