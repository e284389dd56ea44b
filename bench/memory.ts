/**
 * Memory of the browser, read from /proc: the summed RSS of every process Playwright launched (the browser
 * and all its renderers, GPU, network and utility children). RSS counts shared pages once per process, so
 * PSS (proportional share, from smaps_rollup) is kept too as the fairer total.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Sample {
  readonly rssKb: number;
  readonly pssKb: number;
  /** PSS by Chromium process type (browser, renderer, gpu-process, utility, …), to see where a peak sits. */
  readonly byType: Readonly<Record<string, number>>;
}

const typeCache = new Map<number, string>();
function processType(pid: number): string {
  let t = typeCache.get(pid);
  if (t === undefined) {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    t = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
    typeCache.set(pid, t);
  }
  return t;
}

function parentOf(pid: number): number {
  try {
    // The comm field may contain spaces and parentheses; ppid is the 2nd field after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Descendants of `root`, leaving out the subtrees of `exclude` (our astro preview server). */
function descendants(root: number, exclude: ReadonlySet<number>): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    if (exclude.has(pid)) continue;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function field(text: string, name: string): number {
  return Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

export function sampleTree(exclude: ReadonlySet<number>): Sample {
  let rssKb = 0;
  let pssKb = 0;
  const byType: Record<string, number> = {};
  for (const pid of descendants(process.pid, exclude)) {
    try {
      const type = processType(pid);
      const rss = field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
      const pss = field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
      rssKb += rss;
      pssKb += pss;
      byType[type] = (byType[type] ?? 0) + pss;
    } catch {
      // the process ended between listing and reading
    }
  }
  return { rssKb, pssKb, byType };
}

/** Samples every `ms` until stopped; the peak is the sample with the highest RSS (its PSS and breakdown with it). */
export function startSampler(exclude: ReadonlySet<number>, ms = 100) {
  let peak: Sample = sampleTree(exclude);
  let count = 1;
  const take = () => {
    const s = sampleTree(exclude);
    count++;
    if (s.rssKb > peak.rssKb) peak = s;
  };
  const timer = setInterval(take, ms);
  return {
    stop(): { peak: Sample; last: Sample; count: number } {
      clearInterval(timer);
      const last = sampleTree(exclude);
      count++;
      if (last.rssKb > peak.rssKb) peak = last;
      return { peak, last, count };
    },
  };
}
