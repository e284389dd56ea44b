/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { patternFigures, syncFigures, writeFigures, SHAPES } from './figures.ts';
import type { ShapesLab } from './messages.ts';
import { PATTERN_LABEL } from './patterns.ts';

const CHANGE_LABEL = {
  'product-renamed': 'product renamed',
  'ticket-opened': 'ticket opened',
  'customers-linked': 'customers linked',
} as const;

export const measures: readonly MeasureSpec<ShapesLab>[] = [
  {
    id: 'patterns',
    label:
      'Each access pattern on each shape that serves it: what the plan read, round trips, query length, and whether the answer equals the relational one',
    measure(facts) {
      const rows = patternFigures(facts);
      if (rows.length === 0) return { summary: 'Press “Run the access patterns” to run the six patterns on every shape.', rows: [] };
      const differ = rows.filter((r) => r.sameAnswer === false);
      return {
        summary: `${rows.length} pattern runs on ${new Set(rows.map((r) => r.shape)).size} shapes; ${differ.length === 0 ? 'every comparable answer equals the relational one' : `${differ.length} answer${differ.length === 1 ? '' : 's'} differ from the relational one (${differ.map((r) => `${r.shape}: ${r.pattern}`).join(', ')})`}.`,
        rows: rows.map((r) => ({
          pattern: PATTERN_LABEL[r.pattern],
          shape: r.shape,
          'rows read': r.rowsRead,
          'round trips': r.statements,
          'query chars': r.queryChars,
          'rows out': r.rowsReturned,
          'same answer':
            r.sameAnswer === null ? (r.sameCategory === null ? '–' : `${r.sameCategory} same category`) : r.sameAnswer ? 'yes' : 'NO',
          'engine ms (median)': r.engineMs ?? '–',
        })),
      };
    },
  },
  {
    id: 'writes',
    label: 'What each change cost each shape: rows, documents or values rewritten',
    measure(facts) {
      const writes = writeFigures(facts);
      if (writes.length === 0) return { summary: 'No change yet: rename a product, open a ticket or link two customers.', rows: [] };
      return {
        summary: writes
          .map(
            (w) =>
              `${CHANGE_LABEL[w.change]}: ${Object.entries(w.byShape)
                .map(([s, n]) => `${s} ${n}`)
                .join(', ')}`,
          )
          .join('; '),
        rows: writes.map((w) => ({
          change: `${w.position}: ${CHANGE_LABEL[w.change]}`,
          ...Object.fromEntries(SHAPES.map((s) => [s, w.byShape[s] ?? '–'])),
        })),
      };
    },
  },
  {
    id: 'sync',
    label: 'Keeping the shapes current: redelivered changes skipped, changes that waited for an earlier one',
    measure(facts) {
      const s = syncFigures(facts);
      return {
        summary: `${s.duplicates} redelivered change${s.duplicates === 1 ? '' : 's'} skipped; ${s.gaps} time${s.gaps === 1 ? '' : 's'} a change waited for an earlier one.`,
        rows: [
          { figure: 'redelivered changes skipped', value: s.duplicates },
          { figure: 'changes that waited for an earlier one', value: s.gaps },
        ],
      };
    },
  },
];
