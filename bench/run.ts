/**
 * `npm run bench`: the figures of DESIGN.md §7, measured on the built site in headless Chromium, each printed
 * next to its budget. It reports, it does not judge: 'over' marks a figure beyond its budget, and the exit code
 * is 0 unless the bench itself breaks.
 * BENCH_RUNS (default 3) sets how many runs each timing is the median of; BENCH_PORT (default 4330) the
 * preview port, with the naive page on the next one.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bootAndRun, chapterScripts, launch, naiveBoot, startToReady, warmNaiveCache } from './browser.ts';
import { allServices, discoverLabs, postgresServices } from './labs.ts';
import { buildIfMissing, startNaiveServer, startPreview } from './server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3) || 3);
const PORT = Number(process.env['BENCH_PORT'] ?? 4330) || 4330;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const list = (ms: number[]) => ms.map((x) => (x / 1000).toFixed(2)).join(', ');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

type Row = [figure: string, value: string, budget?: string, over?: boolean];
const rows: Row[] = [];

async function main() {
  // The bench itself keeps both cores busy, so only the load before it says whether others share the machine.
  const load = loadavg()[0]!;
  const busy = load > 1 ? ': others are busy, expect noisy figures' : '';
  console.log(`load average before the bench ${load.toFixed(2)} on ${availableParallelism()} cores${busy}`);
  buildIfMissing(ROOT);
  const labs = discoverLabs(ROOT);
  if (labs.length === 0) throw new Error('no data-lab="…" found in dist/**/*.html');
  console.log(`labs: ${labs.map((l) => `${l.id} (${l.path})`).join(', ')}; ${RUNS} run(s) each`);

  const preview = await startPreview(ROOT, PORT);
  const naive = await startNaiveServer(ROOT, PORT + 1);
  const browser = await launch();
  try {
    // 1. Start → ready, cold and warm, per lab.
    const timings = [];
    for (const lab of labs) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await startToReady(browser, preview.url, lab.id, lab.path);
        cold.push(r.cold);
        warm.push(r.warm);
      }
      console.log(`${lab.id}: cold ${list(cold)} s, warm ${list(warm)} s`);
      timings.push({ lab, cold: median(cold), warm: median(warm) });
    }
    const slowest = timings.reduce((a, b) => (b.warm > a.warm ? b : a));
    for (const t of timings) {
      rows.push([`${t.lab.id} Start→ready (cold)`, sec(t.cold)]);
      rows.push([`${t.lab.id} Start→ready (warm)`, sec(t.warm), '≤ 1.5 s', t.warm > 1500]);
    }
    if (timings.length > 1) rows.push(['slowest lab (warm)', slowest.lab.id]);

    // 2. The naive baseline, as many instances as the slowest lab has Postgres services.
    const n = postgresServices(ROOT, slowest.lab.id);
    const naiveContext = await browser.newContext();
    const naiveTotals: number[] = [];
    try {
      await warmNaiveCache(naiveContext, naive.url);
      for (let i = 0; i < RUNS; i++) {
        const r = await naiveBoot(naiveContext, naive.url, n);
        console.log(`naive × ${n}: ${sec(r.total)} (each ${list(r.each)} s)`);
        naiveTotals.push(r.total);
      }
    } finally {
      await naiveContext.close();
    }
    const naiveMs = median(naiveTotals);
    const ratio = slowest.warm / naiveMs;
    rows.push([`naive PGlite.create() × ${n} (main thread)`, sec(naiveMs)]);
    rows.push(['warm lab / naive', ratio.toFixed(2), '≤ 0.20', ratio > 0.2]);

    // 3. Chapter JS before a lab is on screen: every page that holds a lab; the heaviest is the figure.
    const pages = [];
    // The labs' own chapters first, so that on a tie the table names a chapter.
    const chapterFirst = [...new Set([...labs.map((l) => l.path), ...labs[0]!.allPaths])];
    for (const path of chapterFirst) {
      const r = await chapterScripts(browser, preview.url + path, '[data-lab]');
      console.log(
        `JS on ${path} before a lab: ${(r.total / 1024).toFixed(1)} KB gzip${r.labOnScreen ? ' (a lab is on screen without scrolling!)' : ''}`,
      );
      pages.push({ path, ...r });
    }
    const heaviest = pages.reduce((a, b) => (b.total > a.total ? b : a));
    console.log(`\nscripts on ${heaviest.path} (raw → gzip -9):`);
    for (const f of [...heaviest.files].sort((a, b) => b.gzip - a.gzip)) {
      console.log(
        `  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB  ${(f.raw / 1024).toFixed(1).padStart(7)} KB raw  ${f.url}${f.flagged ? '   <-- engine/editor bytes' : ''}`,
      );
    }
    const flagged = pages.flatMap((p) => p.files.filter((f) => f.flagged).map((f) => `${p.path}: ${f.url}`));
    for (const f of flagged) console.log(`engine/editor script before a lab: ${f}`);
    rows.push([
      `chapter JS before a lab (gzip) ${heaviest.path}`,
      `${(heaviest.total / 1024).toFixed(1)} KB`,
      '≤ 60 KB',
      heaviest.total > 60 * 1024,
    ]);
    rows.push(['engine/editor scripts before a lab', String(flagged.length), '0', flagged.length > 0]);

    // 4 and 5. Main thread and memory while the largest lab (most services) boots and plays its first action.
    const largest = labs.reduce((a, b) => (allServices(ROOT, b.id) > allServices(ROOT, a.id) ? b : a));
    const run = await bootAndRun(browser, preview.url, largest.id, largest.path, new Set([preview.pid]));
    console.log(
      `\n${largest.id}: ready ${sec(run.readyAt)} after Start; "${run.actionName}" played to "${run.clockText}"; ` +
        `${run.longTasksDuring} long task(s) after Start, the longest (${run.longestDuring.toFixed(0)} ms) began ` +
        `${sec(run.longestAt)} after Start; longest before Start (page load) ${run.longestBefore.toFixed(0)} ms; ` +
        `${run.samples} memory samples, PSS at the end ${mb(run.end.pssKb)}`,
    );
    rows.push(['longest main-thread task (boot + run)', `${run.longestDuring.toFixed(0)} ms`, '≤ 200 ms', run.longestDuring > 200]);
    const rssDelta = run.peak.rssKb - run.baseline.rssKb;
    rows.push([`browser RSS baseline / peak (${largest.id})`, `${mb(run.baseline.rssKb)} / ${mb(run.peak.rssKb)}`]);
    rows.push(['largest lab memory, RSS (peak − baseline)', mb(rssDelta), '< 600 MB', rssDelta >= 600 * 1024]);
    rows.push(['largest lab memory, PSS (peak − baseline)', mb(run.peak.pssKb - run.baseline.pssKb)]);
    const types = Object.keys({ ...run.baseline.byType, ...run.peak.byType });
    console.log(
      `PSS by process, baseline → peak: ${types.map((t) => `${t} ${mb(run.baseline.byType[t] ?? 0)} → ${mb(run.peak.byType[t] ?? 0)}`).join(', ')}`,
    );
  } finally {
    await browser.close().catch(() => undefined); // a crashed browser must not hide the real error
    naive.server.close();
    preview.stop();
  }
  console.log();
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  console.log(`${'figure'.padEnd(w)}${'value'.padEnd(16)}budget`);
  for (const [figure, value, budget = '', over] of rows) {
    console.log(`${figure.padEnd(w)}${value.padEnd(16)}${budget.padEnd(10)}${over ? 'over' : ''}`.trimEnd());
  }
}

// Ctrl-C or a kill: exit through process.exit so that the 'exit' hook stops the preview server.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
