/** The lab's figures, computed from the facts of one run: the Measured panel and the chapter's tables both read these. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { EsFact } from './messages.ts';

type Recorded = RecordedFact<EsFact>;
type Of<K extends EsFact['kind']> = Extract<EsFact, { kind: K }>;

function ofKind<K extends EsFact['kind']>(facts: readonly Recorded[], kind: K): { step: number; at: number; fact: Of<K> }[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [{ step: f.step, at: f.at, fact: f.fact as Of<K> }] : []));
}

export interface ReplayRow {
  readonly length: number;
  readonly fullRead: number;
  readonly fullMs: number;
  readonly snapshotRead: number;
  readonly snapshotMs: number;
  readonly same: boolean;
}

/** The latest timing at each length. */
export function replayFigures(facts: readonly Recorded[]): ReplayRow[] {
  const byLength = new Map<number, ReplayRow>();
  for (const { fact: f } of ofKind(facts, 'replay-timed'))
    byLength.set(f.length, {
      length: f.length,
      fullRead: f.fullRead,
      fullMs: f.fullMs,
      snapshotRead: f.snapshotRead,
      snapshotMs: f.snapshotMs,
      same: f.same,
    });
  return [...byLength.values()].sort((a, b) => a.length - b.length);
}

export type StorageFigures = Omit<Of<'storage'>, 'kind'>;

export function storageFigures(facts: readonly Recorded[]): StorageFigures | undefined {
  return ofKind(facts, 'storage').at(-1)?.fact;
}

export interface ConcurrencyFigures {
  readonly commands: number;
  readonly appended: number;
  /** Appends the primary key refused (23505). */
  readonly conflicts: number;
  /** Commands that needed more than one attempt. */
  readonly retried: number;
  readonly rejected: number;
  readonly gaveUp: number;
  /** Appends that landed on a version other than the one after the state they were decided on. */
  readonly decidedOnStale: number;
}

export function concurrencyFigures(facts: readonly Recorded[]): ConcurrencyFigures {
  const decided = new Map<string, number>();
  let decidedOnStale = 0;
  const appended = ofKind(facts, 'appended');
  for (const { fact } of ofKind(facts, 'decided')) decided.set(`${fact.commandId}#${fact.attempt}`, fact.onVersion);
  for (const { fact } of appended) {
    const on = decided.get(`${fact.commandId}#${fact.attempt}`);
    if (on !== undefined && fact.firstVersion !== on + 1) decidedOnStale++;
  }
  const ids = new Set([...ofKind(facts, 'decided'), ...ofKind(facts, 'rejected')].map((d) => d.fact.commandId));
  return {
    commands: ids.size,
    appended: appended.length,
    conflicts: ofKind(facts, 'conflict').length,
    retried: new Set(ofKind(facts, 'conflict').map((c) => c.fact.commandId)).size,
    rejected: ofKind(facts, 'rejected').length,
    gaveUp: ofKind(facts, 'gave-up').length,
    decidedOnStale,
  };
}

export interface ProjectionReplay {
  readonly projection: string;
  readonly startedAt: number;
  readonly events: number;
  readonly batches: number;
  readonly engineMs: number;
  /** Virtual time from its start to the batch that brought it to the log's head at that moment; undefined while catching up. */
  readonly caughtUpAfterMs: number | undefined;
  readonly switchedAt: number | undefined;
}

/** Projections started during the run (a new consumer, a replacement), and what their replay took. */
export function projectionFigures(facts: readonly Recorded[]): ProjectionReplay[] {
  const heads = [
    ...ofKind(facts, 'appended').map((a) => ({ step: a.step, position: a.fact.position })),
    ...ofKind(facts, 'history-loaded').map((h) => ({ step: h.step, position: h.fact.head })),
  ];
  const switched = ofKind(facts, 'switched');
  return ofKind(facts, 'projection-started').map(({ step, at, fact }) => {
    const batches = ofKind(facts, 'projected').filter((p) => p.step >= step && p.fact.projection === fact.projection);
    // By step, not time: an action applied when the lab is quiet shares the last event's moment.
    const headAt = (s: number) => heads.filter((h) => h.step <= s).reduce((m, h) => Math.max(m, h.position), 0);
    const caughtUp = batches.findIndex((b) => b.fact.to >= headAt(b.step) && b.fact.to >= headAt(step));
    // The replay is the catching up: what the projection takes afterwards is ordinary work.
    const replay = caughtUp < 0 ? batches : batches.slice(0, caughtUp + 1);
    return {
      projection: fact.projection,
      startedAt: at,
      events: replay.reduce((n, b) => n + b.fact.events, 0),
      batches: replay.length,
      engineMs: Math.round(replay.reduce((n, b) => n + b.fact.engineMs, 0) * 100) / 100,
      caughtUpAfterMs: caughtUp < 0 ? undefined : (batches[caughtUp]?.at ?? at) - at,
      switchedAt: fact.projection === 'summary_v2' ? switched.find((s) => s.step >= step)?.at : undefined,
    };
  });
}
