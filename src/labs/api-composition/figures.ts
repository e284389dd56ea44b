/** The lab's figures, computed from the facts of one run: the measures panel and the chapter's table both read these. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { BreakerState, CompositionFact, Outcome, PageKind, Source, Way } from './messages.ts';

export type Recorded = RecordedFact<CompositionFact>;
type Of<K extends CompositionFact['kind']> = Extract<CompositionFact, { kind: K }>;

export function factsOfKind<K extends CompositionFact['kind']>(facts: readonly Recorded[], kind: K): { at: number; fact: Of<K> }[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [{ at: f.at, fact: f.fact as Of<K> }] : []));
}

export interface PageFigure {
  readonly reqId: number;
  readonly way: Way;
  readonly page: PageKind;
  readonly issuedAt: number;
  readonly latencyMs: number;
  readonly outcome: Outcome;
  readonly rowsMoved: number;
  readonly rowsShown: number;
  readonly missing: readonly Source[];
  /** Read model only: changes committed before the page was asked for that it had not applied yet. */
  readonly behind: number;
}

export function pageFigures(facts: readonly Recorded[]): PageFigure[] {
  const commits = factsOfKind(facts, 'committed');
  return factsOfKind(facts, 'shown').map(({ at, fact }) => {
    const checkpoints = fact.checkpoints;
    const behind = checkpoints ? commits.filter((c) => c.at <= fact.issuedAt && c.fact.position > checkpoints[c.fact.source]).length : 0;
    return {
      reqId: fact.reqId,
      way: fact.way,
      page: fact.page,
      issuedAt: fact.issuedAt,
      latencyMs: at - fact.issuedAt,
      outcome: fact.outcome,
      rowsMoved: fact.rowsMoved,
      rowsShown: fact.rowsShown,
      missing: fact.missing,
      behind,
    };
  });
}

export interface CallFigures {
  readonly service: Source;
  readonly answered: number;
  readonly timedOut: number;
  readonly shortCircuited: number;
  readonly rows: number;
  readonly breaker: BreakerState;
}

export function callFigures(facts: readonly Recorded[]): CallFigures[] {
  const calls = factsOfKind(facts, 'call');
  const breakers = factsOfKind(facts, 'breaker');
  return (['orders', 'customers', 'payments'] as const).map((service) => {
    const mine = calls.filter((c) => c.fact.service === service);
    return {
      service,
      answered: mine.filter((c) => c.fact.outcome === 'answered').length,
      timedOut: mine.filter((c) => c.fact.outcome === 'timed-out').length,
      shortCircuited: mine.filter((c) => c.fact.outcome === 'short-circuited').length,
      rows: mine.reduce((n, c) => n + c.fact.rows, 0),
      breaker: breakers.filter((b) => b.fact.service === service).at(-1)?.fact.state ?? 'closed',
    };
  });
}

/** From each change's commit to the projector's commit of it, in ms; undefined entries are still waiting. */
export function projectionLags(facts: readonly Recorded[]): (number | undefined)[] {
  const projected = factsOfKind(facts, 'projected');
  return factsOfKind(facts, 'committed').map(({ at, fact }) => {
    const done = projected.find((p) => p.at >= at && p.fact.source === fact.source && p.fact.position >= fact.position);
    return done ? done.at - at : undefined;
  });
}
