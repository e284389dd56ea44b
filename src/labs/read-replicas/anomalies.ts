/**
 * How a browser judges one answer, against what its own session wrote and saw before it asked. Pure: the
 * rows come from a real database, the judgement is this function, and the tests pin it down.
 */
import type { Anomalies, CommentRow } from './messages.ts';

/** What a session knew when it sent a read. */
export interface SessionView {
  /** Comments this session posted and saw acknowledged. */
  readonly own: ReadonlySet<number>;
  /** Comments this session has been shown. */
  readonly seen: ReadonlySet<number>;
}

const missing = (ids: ReadonlySet<number>, shown: ReadonlySet<number>) => [...ids].some((id) => !shown.has(id));

/** A whole thread: own comments and comments seen before must be there, and every reply's parent with it. */
export function judgeThread(rows: readonly CommentRow[], before: SessionView): Anomalies {
  const shown = new Set(rows.map((r) => r.id));
  return {
    readYourWrites: missing(before.own, shown),
    monotonic: missing(before.seen, shown),
    causal: rows.some((r) => r.parentId !== null && !shown.has(r.parentId)),
  };
}

/**
 * The comment a reply answers, looked up after the reply was seen: not finding it breaks causal order, and
 * also the other guarantees when this session had posted or seen it.
 */
export function judgeParent(parentId: number, found: boolean, before: SessionView): Anomalies {
  return {
    readYourWrites: !found && before.own.has(parentId),
    monotonic: !found && before.seen.has(parentId),
    causal: !found,
  };
}

export const NO_ANOMALY: Anomalies = { readYourWrites: false, monotonic: false, causal: false };
