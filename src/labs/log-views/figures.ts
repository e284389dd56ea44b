/** The lab's figures, computed from the facts of one run: the Measured panel and the chapter's tables both read these. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { LogFact, ViewName } from './messages.ts';

type Recorded = RecordedFact<LogFact>;
type Of<K extends LogFact['kind']> = Extract<LogFact, { kind: K }>;

function ofKind<K extends LogFact['kind']>(facts: readonly Recorded[], kind: K): { step: number; at: number; fact: Of<K> }[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [{ step: f.step, at: f.at, fact: f.fact as Of<K> }] : []));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Replay {
  readonly view: ViewName;
  /** The log's length the replay had to cover. */
  readonly upTo: number;
  readonly events: number;
  readonly batches: number;
  /** Real engine time of the replay's batches, summed. */
  readonly engineMs: number;
  /** Virtual time from the drop (or the start) to the batch that caught up; undefined while replaying. */
  readonly virtualMs: number | undefined;
}

export interface Rebuild extends Replay {
  readonly hashBefore: string;
  readonly hashAfter: string | undefined;
}

/** Each rebuild: from the drop to the batch that reached the position the view had been at. */
export function rebuildFigures(facts: readonly Recorded[]): Rebuild[] {
  const done = ofKind(facts, 'rebuilt');
  return ofKind(facts, 'rebuild-started').map(({ step, at, fact }) => {
    const end = done.find((d) => d.step >= step && d.fact.view === fact.view);
    const batches = ofKind(facts, 'applied').filter(
      (a) => a.step >= step && a.fact.view === fact.view && a.fact.rebuilding && (end === undefined || a.step <= end.step),
    );
    return {
      view: fact.view,
      upTo: fact.livePosition,
      events: batches.reduce((n, b) => n + b.fact.events, 0),
      batches: batches.length,
      engineMs: round2(batches.reduce((n, b) => n + b.fact.engineMs, 0)),
      virtualMs: end ? end.at - at : undefined,
      hashBefore: fact.hash,
      hashAfter: end?.fact.hashAfter,
    };
  });
}

export interface CatchUp extends Replay {
  /** The writer's schema fingerprint when the log was first loaded, and when the new view subscribed. */
  readonly writerSchemaBefore: string | undefined;
  readonly writerSchemaAfter: string | undefined;
}

/** Each view started after the fact: from its start to the batch that reached the head it subscribed at. */
export function catchUpFigures(facts: readonly Recorded[]): CatchUp[] {
  const firstSchema = ofKind(facts, 'history-loaded')[0]?.fact.writerSchema;
  return ofKind(facts, 'view-started').map(({ step, at, fact }) => {
    const subscribed = ofKind(facts, 'subscribed').find((s) => s.step >= step && s.fact.view === fact.view);
    const head = subscribed?.fact.head ?? 0;
    const applied = ofKind(facts, 'applied').filter((a) => a.step >= step && a.fact.view === fact.view);
    const caughtUp = applied.findIndex((a) => a.fact.to >= head);
    const replay = caughtUp < 0 ? applied : applied.slice(0, caughtUp + 1);
    return {
      view: fact.view,
      upTo: head,
      events: replay.reduce((n, b) => n + b.fact.events, 0),
      batches: replay.length,
      engineMs: round2(replay.reduce((n, b) => n + b.fact.engineMs, 0)),
      virtualMs: caughtUp < 0 ? undefined : (applied[caughtUp]?.at ?? at) - at,
      writerSchemaBefore: firstSchema,
      writerSchemaAfter: subscribed?.fact.writerSchema,
    };
  });
}

export interface Delivery {
  readonly view: ViewName;
  readonly applied: number;
  readonly skipped: number;
  readonly parked: number;
  readonly crashes: number;
}

/** Per view: events applied, redelivered events skipped by the checkpoint, events parked, crashes. */
export function deliveryFigures(facts: readonly Recorded[]): Delivery[] {
  const views = [...new Set(ofKind(facts, 'applied').map((a) => a.fact.view))];
  return views.map((view) => ({
    view,
    applied: ofKind(facts, 'applied')
      .filter((a) => a.fact.view === view)
      .reduce((n, a) => n + a.fact.events, 0),
    skipped: ofKind(facts, 'skipped')
      .filter((a) => a.fact.view === view)
      .reduce((n, a) => n + a.fact.events, 0),
    parked: ofKind(facts, 'applied')
      .filter((a) => a.fact.view === view)
      .reduce((n, a) => n + a.fact.parked, 0),
    crashes: ofKind(facts, 'crashed').filter((c) => c.fact.view === view).length,
  }));
}

export function forgottenFigures(facts: readonly Recorded[]): Of<'forgotten'>[] {
  return ofKind(facts, 'forgotten').map((f) => f.fact);
}
