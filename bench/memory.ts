/**
 * Memory of the browser, read from /proc: the summed RSS of every process Playwright launched (the browser
 * and all its renderers, GPU, network and utility children). RSS counts shared pages once per process, so
 * PSS (proportional share, from smaps_rollup) is kept too as the fairer total.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Sample {
  readonly rssKb: number;
  readonly pssKb: number;
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
  for (const pid of descendants(process.pid, exclude)) {
    try {
      rssKb += field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
      pssKb += field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      // the process ended between listing and reading
    }
  }
  return { rssKb, pssKb };
}

/** Samples every `ms` until stopped; returns the peaks. */
export function startSampler(exclude: ReadonlySet<number>, ms = 100) {
  let peak: Sample = sampleTree(exclude);
  let count = 1;
  const timer = setInterval(() => {
    const s = sampleTree(exclude);
    count++;
    peak = { rssKb: Math.max(peak.rssKb, s.rssKb), pssKb: Math.max(peak.pssKb, s.pssKb) };
  }, ms);
  return {
    stop(): { peak: Sample; count: number } {
      clearInterval(timer);
      const s = sampleTree(exclude);
      return { peak: { rssKb: Math.max(peak.rssKb, s.rssKb), pssKb: Math.max(peak.pssKb, s.pssKb) }, count: count + 1 };
    },
  };
}
