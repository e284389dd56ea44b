/**
 * `npm run bench`: the figures of DESIGN.md §7, measured on the built site in headless Chromium, each printed
 * next to its budget. It reports, it does not judge: 'over' marks a figure beyond its budget, and the exit code
 * is 0 unless the bench itself breaks.
 *
 * BENCH_BASELINE=<path of another checkout, built> measures that build too, in the same run, interleaved with
 * this one lab by lab and run by run, and prints both side by side (before → after). BENCH_RUNS (default 3)
 * sets how many runs each timing is the median of; BENCH_PORT (default 4330) the first port (this build; the
 * naive page on the next, the baseline on the one after); BENCH_DWELL_MS (default 1000) how long a warm run
 * leaves the lab on screen before pressing Start, as a reader reading its introduction; BENCH_LABS=a,b measures
 * only those labs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootAndRun, chapterScripts, floorBoot, launch, naiveBoot, startToReady, warmNaiveCache } from './browser.ts';
import { databaseCounts, discoverLabs } from './labs.ts';
import { buildIfMissing, startNaiveServer, startPreview, type Preview } from './server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE = process.env['BENCH_BASELINE'];
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3) || 3);
const PORT = Number(process.env['BENCH_PORT'] ?? 4330) || 4330;
const DWELL_MS = Math.max(0, Number(process.env['BENCH_DWELL_MS'] ?? 1000) || 0);
const ONLY = process.env['BENCH_LABS']?.split(',').filter(Boolean);

const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (ms: number) => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const msf = (ms: number) => (Number.isNaN(ms) ? '–' : `${ms.toFixed(0)} ms`);
const list = (ms: number[]) => ms.map((x) => (x / 1000).toFixed(2)).join(', ');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const load = () => loadavg()[0]!.toFixed(2);

/** A figure of this build, the baseline's when measured, its budget and whether it is over. */
type Row = [figure: string, after: string, before?: string, budget?: string, over?: boolean];
const rows: Row[] = [];

interface Site {
  readonly name: 'before' | 'after';
  readonly root: string;
  readonly port: number;
  preview?: Preview;
}

/** Engine files (.wasm, .data) the build ships more than once under different names. */
function duplicateEngineFiles(root: string): string[] {
  const byHash = new Map<string, string[]>();
  for (const e of readdirSync(join(root, 'dist'), { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.(wasm|data)$/.test(e.name)) continue;
    const hash = createHash('sha256')
      .update(readFileSync(join(e.parentPath, e.name)))
      .digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), e.name]);
  }
  return [...byHash.values()].filter((names) => names.length > 1).map((names) => names.join(' = '));
}

async function main() {
  // The bench itself keeps both cores busy, so only the load before it says whether others share the machine.
  const before = Number(load());
  const busy = before > 1 ? ': others are busy, expect noisy figures' : '';
  console.log(`load average before the bench ${before.toFixed(2)} on ${availableParallelism()} cores${busy}`);
  const sites: Site[] = [{ name: 'after', root: ROOT, port: PORT }];
  if (BASELINE) sites.push({ name: 'before', root: BASELINE, port: PORT + 2 });
  for (const site of sites) buildIfMissing(site.root);
  const labs = discoverLabs(ROOT).filter((l) => !ONLY || ONLY.includes(l.id));
  const counts = await databaseCounts(ROOT);
  const postgresServices = (id: string) => counts.get(id)?.postgres ?? 0;
  const allServices = (id: string) => counts.get(id)?.all ?? 0;
  if (labs.length === 0) throw new Error('no data-lab="…" found in dist/**/*.html');
  console.log(
    `labs: ${labs.map((l) => `${l.id} (${l.path})`).join(', ')}; ${RUNS} run(s) each, warm runs press Start ${DWELL_MS} ms after the lab is in view`,
  );
  if (BASELINE) console.log(`before = ${BASELINE}, after = ${ROOT}, interleaved run by run`);

  for (const site of sites) site.preview = await startPreview(site.root, site.port);
  const naive = await startNaiveServer(ROOT, PORT + 1);
  const browser = await launch();
  const url = (site: Site) => site.preview!.url;
  try {
    // 1. Start → ready, cold and warm, and the first action once ready, per lab and per build, interleaved.
    const timings = new Map<string, Map<Site['name'], { cold: number[]; warm: number[]; action: number[] }>>();
    for (const lab of labs) {
      const bySite = new Map(sites.map((s) => [s.name, { cold: [] as number[], warm: [] as number[], action: [] as number[] }]));
      for (let i = 0; i < RUNS; i++) {
        // Alternate which build goes first, so neither always follows the other's leftovers.
        for (const site of i % 2 ? [...sites].reverse() : sites) {
          const r = await startToReady(browser, url(site), lab.id, lab.path, DWELL_MS);
          const t = bySite.get(site.name)!;
          t.cold.push(r.cold);
          t.warm.push(r.warm);
          t.action.push(r.firstAction);
        }
      }
      for (const [name, t] of bySite) {
        console.log(
          `${lab.id} [${name}]: cold ${list(t.cold)} s, warm ${list(t.warm)} s, first action ${t.action.map((x) => x.toFixed(0)).join(', ')} ms`,
        );
      }
      timings.set(lab.id, bySite);
    }
    console.log(`load average after Start→ready: ${load()}`);
    const figure = (id: string, site: Site['name'], what: 'cold' | 'warm' | 'action') => {
      const t = timings.get(id)?.get(site);
      return t ? median(t[what]) : NaN;
    };
    const slowest = labs.reduce((a, b) => (figure(b.id, 'after', 'warm') > figure(a.id, 'after', 'warm') ? b : a));

    // 2. The naive baseline (as many instances as the slowest lab has Postgres services) and the one-instance floor.
    const n = postgresServices(slowest.id);
    const naiveContext = await browser.newContext();
    const naiveTotals: number[] = [];
    let floors: number[] = [];
    try {
      await warmNaiveCache(naiveContext, naive.url);
      floors = await floorBoot(naiveContext, naive.url, 2 * RUNS + 1);
      console.log(`floor (one PGlite from the base snapshot): ${list(floors)} s`);
      for (let i = 0; i < RUNS; i++) {
        const r = await naiveBoot(naiveContext, naive.url, n);
        console.log(`naive × ${n}: ${sec(r.total)} (each ${list(r.each)} s)`);
        naiveTotals.push(r.total);
      }
    } finally {
      await naiveContext.close();
    }
    const naiveMs = median(naiveTotals);
    const floorMs = median(floors);

    for (const lab of labs) {
      const b = (what: 'cold' | 'warm' | 'action') => (BASELINE ? figure(lab.id, 'before', what) : NaN);
      const warm = figure(lab.id, 'after', 'warm');
      rows.push([`${lab.id} Start→ready (cold)`, sec(figure(lab.id, 'after', 'cold')), sec(b('cold'))]);
      rows.push([`${lab.id} Start→ready (warm)`, sec(warm), sec(b('warm')), '≤ 1.5 s idle', warm > 1500]);
      const action = figure(lab.id, 'after', 'action');
      rows.push([`${lab.id} first action after ready`, msf(action), msf(b('action')), '≤ 200 ms', action > 200]);
    }
    const slowestMs = figure(slowest.id, 'after', 'warm');
    rows.push([`slowest lab (warm): ${slowest.id}`, sec(slowestMs), BASELINE ? sec(figure(slowest.id, 'before', 'warm')) : '']);
    rows.push(['one PGlite from the base snapshot (floor)', sec(floorMs)]);
    rows.push(['slowest lab / floor', (slowestMs / floorMs).toFixed(2), '', '≤ 2.00', slowestMs > 2 * floorMs]);
    rows.push([`naive PGlite.create() × ${n} (main thread)`, sec(naiveMs)]);
    rows.push(['slowest lab / naive', (slowestMs / naiveMs).toFixed(2)]);

    // 3. Chapter JS before a lab is on screen: every page that holds a lab; the heaviest is the figure.
    const pages = [];
    // The labs' own chapters first, so that on a tie the table names a chapter.
    const chapterFirst = [...new Set([...labs.map((l) => l.path), ...labs[0]!.allPaths])];
    for (const path of chapterFirst) {
      const r = await chapterScripts(browser, url(sites[0]!) + path, '[data-lab]');
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
      '',
      '≤ 60 KB',
      heaviest.total > 60 * 1024,
    ]);
    rows.push(['engine/editor scripts before a lab', String(flagged.length), '', '0', flagged.length > 0]);
    const dupes = sites.map((s) => duplicateEngineFiles(s.root));
    for (const [i, d] of dupes.entries()) for (const names of d) console.log(`[${sites[i]!.name}] shipped twice: ${names}`);
    rows.push([
      'engine files shipped more than once',
      String(dupes[0]!.length),
      BASELINE ? String(dupes[1]!.length) : '',
      '0',
      dupes[0]!.length > 0,
    ]);

    // 4. Main thread while each lab boots and plays its first action; 5. memory, from the same runs.
    const runs = new Map<string, Map<Site['name'], Awaited<ReturnType<typeof bootAndRun>>>>();
    for (const [i, lab] of labs.entries()) {
      const bySite = new Map<Site['name'], Awaited<ReturnType<typeof bootAndRun>>>();
      for (const site of i % 2 ? [...sites].reverse() : sites) {
        const run = await bootAndRun(browser, url(site), lab.id, lab.path, new Set(sites.map((s) => s.preview!.pid)));
        bySite.set(site.name, run);
        console.log(
          `[${site.name}] ${lab.id}: ready ${sec(run.readyAt)} after Start; "${run.actionName}" played to "${run.clockText}"; ` +
            `${run.longTasksDuring} long task(s) after Start, the longest (${run.longestDuring.toFixed(0)} ms) began ` +
            `${sec(run.longestAt)} after Start (its CPU time ${run.longestTracedCpu.toFixed(0)} ms; the most CPU in one task ` +
            `${run.mostCpu.toFixed(0)} ms); longest before Start (page load) ${run.longestBefore.toFixed(0)} ms; load ${load()}`,
        );
      }
      runs.set(lab.id, bySite);
    }
    for (const lab of labs) {
      const after = runs.get(lab.id)!.get('after')!;
      const was = runs.get(lab.id)!.get('before');
      rows.push([
        `longest main-thread task, ${lab.id} boot + run`,
        `${after.longestDuring.toFixed(0)} ms`,
        was ? `${was.longestDuring.toFixed(0)} ms` : '',
        '≤ 200 ms',
        after.longestDuring > 200,
      ]);
      rows.push([
        `most main-thread CPU in one task, ${lab.id}`,
        `${after.mostCpu.toFixed(0)} ms`,
        was ? `${was.mostCpu.toFixed(0)} ms` : '',
      ]);
    }

    const largest = labs.reduce((a, b) => (allServices(b.id) > allServices(a.id) ? b : a));
    const dbCount = allServices(largest.id);
    for (const site of sites) {
      const run = runs.get(largest.id)!.get(site.name)!;
      const types = Object.keys({ ...run.baseline.byType, ...run.peak.byType });
      console.log(
        `\n[${site.name}] ${largest.id}: ${run.samples} memory samples, PSS at the end ${mb(run.end.pssKb)}; PSS by process, baseline → peak: ` +
          types.map((t) => `${t} ${mb(run.baseline.byType[t] ?? 0)} → ${mb(run.peak.byType[t] ?? 0)}`).join(', '),
      );
    }
    const after = runs.get(largest.id)!.get('after')!;
    const was = runs.get(largest.id)!.get('before');
    const rss = (r: typeof after) => r.peak.rssKb - r.baseline.rssKb;
    const pss = (r: typeof after) => r.peak.pssKb - r.baseline.pssKb;
    rows.push([
      `browser RSS baseline / peak (${largest.id})`,
      `${mb(after.baseline.rssKb)} / ${mb(after.peak.rssKb)}`,
      was ? `${mb(was.baseline.rssKb)} / ${mb(was.peak.rssKb)}` : '',
    ]);
    rows.push([`${largest.id} memory, RSS peak − baseline`, mb(rss(after)), was ? mb(rss(was)) : '', '≤ 350 MB', rss(after) > 350 * 1024]);
    rows.push([`${largest.id} memory, PSS peak − baseline`, mb(pss(after)), was ? mb(pss(was)) : '', '≤ 350 MB', pss(after) > 350 * 1024]);
    rows.push([`${largest.id}, per database service (RSS ÷ ${dbCount})`, mb(rss(after) / dbCount), was ? mb(rss(was) / dbCount) : '']);

    // Per Postgres service: the lab with the most Postgres services and nothing else, so no SQLite worker counts.
    const pgOnly = labs
      .filter((l) => postgresServices(l.id) === allServices(l.id))
      .reduce<(typeof labs)[number] | undefined>((a, b) => (!a || postgresServices(b.id) > postgresServices(a.id) ? b : a), undefined);
    if (pgOnly) {
      const n = postgresServices(pgOnly.id);
      const perService = new Map<Site['name'], number>();
      for (const site of sites) {
        const run = runs.get(pgOnly.id)!.get(site.name)!;
        perService.set(site.name, rss(run) / n);
        console.log(`[${site.name}] ${pgOnly.id}: RSS ${mb(run.baseline.rssKb)} → ${mb(run.peak.rssKb)} with ${n} Postgres services`);
      }
      const each = perService.get('after')!;
      const before = perService.get('before');
      rows.push([
        `per Postgres service (${pgOnly.id}, RSS ÷ ${n})`,
        mb(each),
        before !== undefined ? mb(before) : '',
        '≤ 70 MB',
        each > 70 * 1024,
      ]);
    }
  } finally {
    await browser.close().catch(() => undefined); // a crashed browser must not hide the real error
    naive.server.close();
    for (const site of sites) site.preview?.stop();
  }
  console.log(`\nload average at the end ${load()} (before the bench ${before.toFixed(2)})\n`);
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  console.log(`${'figure'.padEnd(w)}${(BASELINE ? 'after' : 'value').padEnd(16)}${BASELINE ? 'before'.padEnd(16) : ''}budget`);
  for (const [figure, value, was = '', budget = '', over] of rows) {
    console.log(
      `${figure.padEnd(w)}${value.padEnd(16)}${BASELINE ? was.padEnd(16) : ''}${budget.padEnd(14)}${over ? 'over' : ''}`.trimEnd(),
    );
  }
}

// Ctrl-C or a kill: exit through process.exit so that the 'exit' hook stops the preview servers.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
