/** The lab's figures, computed from the facts its services recorded; the Measured panel and the comparison read them. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { Change, Pattern, Shape, ShapesFact } from './messages.ts';
import { PATTERNS } from './patterns.ts';

type Facts = readonly RecordedFact<ShapesFact>[];
type Of<K extends ShapesFact['kind']> = Extract<ShapesFact, { kind: K }>;

export function only<K extends ShapesFact['kind']>(facts: Facts, kind: K): Of<K>[] {
  return facts.flatMap((f) => (f.fact.kind === kind ? [f.fact as Of<K>] : []));
}

export const SHAPES: readonly Shape[] = ['relational', 'graph', 'documents', 'key-value', 'search', 'vectors'];

/** Whose answer a shape's answer is held against: the normalised tables, and the graph walk for hops. */
export const REFERENCE: Readonly<Partial<Record<Pattern, Shape>>> = {
  'customer-with-tickets': 'relational',
  'tickets-per-product': 'relational',
  'ticket-by-id': 'relational',
  'within-hops': 'graph',
};

export interface PatternFigures {
  readonly pattern: Pattern;
  readonly shape: Shape;
  readonly rowsRead: number;
  readonly statements: number;
  readonly queryChars: number;
  readonly rowsReturned: number;
  readonly access: string;
  /** Whether the answer equals the reference shape's; null where there is no reference to hold it against. */
  readonly sameAnswer: boolean | null;
  readonly sameCategory: number | null;
  /** Median engine time of the last timed run; null until one ran. */
  readonly engineMs: number | null;
}

/** One row per pattern and shape that served it, from the newest run; in pattern order, then shape order. */
export function patternFigures(facts: Facts, run?: number): PatternFigures[] {
  const all = only(facts, 'pattern');
  const newest = run ?? Math.max(0, ...all.map((p) => p.run));
  const mine = all.filter((p) => p.run === newest);
  const timed = only(facts, 'timed');
  return PATTERNS.flatMap((pattern) =>
    SHAPES.flatMap((shape) => {
      const p = mine.find((x) => x.pattern === pattern && x.shape === shape);
      if (!p) return [];
      const reference = REFERENCE[pattern];
      const ref = reference === undefined ? undefined : mine.find((x) => x.pattern === pattern && x.shape === reference);
      return [
        {
          pattern,
          shape,
          rowsRead: p.rowsRead,
          statements: p.statements,
          queryChars: p.queryChars,
          rowsReturned: p.rowsReturned,
          access: p.access,
          sameAnswer: ref === undefined || reference === shape ? null : ref.answer === p.answer,
          sameCategory: p.sameCategory ?? null,
          engineMs: timed.findLast((t) => t.pattern === pattern && t.shape === shape)?.engineMs ?? null,
        },
      ];
    }),
  );
}

export interface WriteFigures {
  readonly position: number;
  readonly change: Change['kind'];
  /** Rows, documents or values each shape rewrote; a shape absent here was not touched. */
  readonly byShape: Readonly<Partial<Record<Shape, number>>>;
}

export function writeFigures(facts: Facts): WriteFigures[] {
  const writes = only(facts, 'write');
  return [...new Set(writes.map((w) => w.position))]
    .sort((a, b) => a - b)
    .map((position) => {
      const mine = writes.filter((w) => w.position === position);
      return {
        position,
        change: mine[0]?.change ?? 'product-renamed',
        byShape: Object.fromEntries(mine.map((w) => [w.shape, w.rowsWritten])),
      };
    });
}

export function syncFigures(facts: Facts) {
  return { duplicates: only(facts, 'skipped-duplicate').length, gaps: only(facts, 'gap').length };
}
