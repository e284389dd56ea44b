/** The lab's figures, computed from the facts of one run: the measures panel and the chapter's table both read these. */
import { verdicts, type PageVerdict } from './freshness.ts';
import { factsOfKind, percentile, type Recorded, WriteHistory } from './history.ts';
import type { Fix } from './messages.ts';
import { YOU } from './settings.ts';

export interface LagFigures {
  readonly events: number;
  /** Events committed that the projection had not covered by the end of the run. */
  readonly pending: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  /** Events the read model was behind the write side when it answered a read. */
  readonly behindP50: number;
  readonly behindP99: number;
}

export function lagFigures(facts: readonly Recorded[], history = new WriteHistory(facts)): LagFigures {
  const lags: number[] = [];
  let pending = 0;
  for (const { at, fact } of history.commits) {
    const handled = history.handledAt(fact.position, at);
    if (handled === undefined) pending++;
    else lags.push(handled - at);
  }
  const behind = factsOfKind(facts, 'served').map(({ at, fact }) => Math.max(0, history.headAt(at) - fact.checkpoint));
  return {
    events: history.commits.length,
    pending,
    lagP50Ms: percentile(lags, 0.5),
    lagP99Ms: percentile(lags, 0.99),
    lagMaxMs: lags.reduce((m, l) => Math.max(m, l), 0),
    behindP50: percentile(behind, 0.5),
    behindP99: percentile(behind, 0.99),
  };
}

export interface BacklogFigures {
  readonly peak: number;
  readonly peakAt: number;
  /** How long the backlog had been growing when it peaked. */
  readonly grewForMs: number;
  /** When it was back to nothing after the peak; undefined if it never was. */
  readonly drainedAt: number | undefined;
  readonly rebuilds: readonly { readonly at: number; readonly events: number; readonly tookMs: number | undefined }[];
  readonly failedBatches: number;
  readonly deadLettered: number;
  readonly crashes: number;
}

export function backlogFigures(facts: readonly Recorded[], history = new WriteHistory(facts)): BacklogFigures {
  const moments = [
    ...history.commits.map(({ at, fact }) => ({ at, head: fact.position })),
    ...history.checkpoints.map(({ at, fact }) => ({ at, checkpoint: fact.position })),
  ].sort((a, b) => a.at - b.at);
  let head = 0;
  let checkpoint = 0;
  let emptySince = 0;
  let peak = { backlog: 0, at: 0, grewForMs: 0 };
  let drainedAt: number | undefined = 0;
  for (const m of moments) {
    if ('head' in m) head = Math.max(head, m.head);
    else checkpoint = m.checkpoint;
    const backlog = Math.max(0, head - checkpoint);
    if (backlog > peak.backlog) {
      peak = { backlog, at: m.at, grewForMs: m.at - emptySince };
      drainedAt = undefined;
    }
    if (backlog === 0) {
      emptySince = m.at;
      drainedAt ??= m.at;
    }
  }
  const rebuilds = factsOfKind(facts, 'rebuild-started').map(({ at }) => {
    const events = history.headAt(at);
    const done = history.checkpoints.find((c) => c.at >= at && c.fact.position >= events && (events > 0 || c.fact.position === 0));
    return { at, events, tookMs: done ? done.at - at : undefined };
  });
  return {
    peak: peak.backlog,
    peakAt: peak.at,
    grewForMs: peak.grewForMs,
    drainedAt: peak.backlog === 0 ? undefined : drainedAt,
    rebuilds,
    failedBatches: factsOfKind(facts, 'batch-failed').length,
    deadLettered: factsOfKind(facts, 'dead-lettered').length,
    crashes: factsOfKind(facts, 'projector-crashed').length,
  };
}

export interface ReadFigures {
  readonly fix: Fix;
  /** Pages shown right after one of your writes. */
  readonly afterWrite: number;
  readonly fresh: number;
  readonly stale: number;
  readonly guessed: number;
  /** From asking to seeing the page, for reads right after a write. */
  readonly pageP50Ms: number;
  readonly pageP99Ms: number;
  readonly timeouts: number;
  /** Reads of any kind that the write side answered. */
  readonly writeSideReads: number;
}

const FIXES: readonly Fix[] = ['none', 'read-your-writes', 'version-token', 'optimistic'];

/** One row per fix the run used, in the order the chapter presents them. */
export function readFigures(facts: readonly Recorded[], pages: readonly PageVerdict[] = verdicts(facts)): ReadFigures[] {
  return FIXES.flatMap((fix) => {
    const mine = pages.filter((p) => p.fix === fix);
    if (mine.length === 0) return [];
    const afterWrite = mine.filter((p) => p.purpose === 'after-write');
    const waits = afterWrite.map((p) => p.at - p.issuedAt);
    return [
      {
        fix,
        afterWrite: afterWrite.length,
        fresh: afterWrite.filter((p) => p.freshness === 'fresh').length,
        stale: afterWrite.filter((p) => p.freshness === 'stale').length,
        guessed: afterWrite.filter((p) => p.freshness === 'guessed').length,
        pageP50Ms: percentile(waits, 0.5),
        pageP99Ms: percentile(waits, 0.99),
        timeouts: afterWrite.filter((p) => p.timedOut).length,
        writeSideReads: mine.filter((p) => p.source === 'write-side').length,
      },
    ];
  });
}

export interface FollowFigures {
  /** Reads the open page sent to keep itself current. */
  readonly polls: number;
  /** Messages the read model sent to tell the page of a change. */
  readonly pushes: number;
  /** From the write side's final status of one of your orders to the page showing it. */
  readonly finalSeenP50Ms: number;
  readonly finalSeenMaxMs: number;
  /** Your orders still not shown in their final status at the end of the run. */
  readonly finalUnseen: number;
  /** Guesses the page had to take back, and for how long each was shown wrong. */
  readonly takeBacks: readonly { readonly orderId: string; readonly shownMs: number; readonly afterTruthMs: number }[];
}

export function followFigures(facts: readonly Recorded[], history = new WriteHistory(facts)): FollowFigures {
  const shown = factsOfKind(facts, 'shown');
  const finals = history.commits.filter(({ fact }) => fact.customerId === YOU && fact.status !== 'placed');
  const delays: number[] = [];
  let finalUnseen = 0;
  for (const { at, fact } of finals) {
    const seen = shown.find(
      (s) => s.at >= at && s.fact.rows.some((r) => r.orderId === fact.orderId && !r.guessed && r.status === fact.status),
    );
    if (seen) delays.push(seen.at - at);
    else finalUnseen++;
  }
  const takeBacks = [];
  for (const { at, fact } of finals) {
    const guess = shown.find((s) => s.fact.rows.some((r) => r.orderId === fact.orderId && r.guessed && r.status !== fact.status));
    const corrected = shown.find(
      (s) => s.at >= at && s.fact.rows.some((r) => r.orderId === fact.orderId && !r.guessed && r.status === fact.status),
    );
    if (guess && corrected) takeBacks.push({ orderId: fact.orderId, shownMs: corrected.at - guess.at, afterTruthMs: corrected.at - at });
  }
  return {
    polls: shown.filter((s) => s.fact.purpose === 'poll').length,
    pushes: factsOfKind(facts, 'pushed').length,
    finalSeenP50Ms: percentile(delays, 0.5),
    finalSeenMaxMs: delays.reduce((m, d) => Math.max(m, d), 0),
    finalUnseen,
    takeBacks,
  };
}
