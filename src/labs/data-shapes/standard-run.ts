/**
 * The runs behind the chapter's tables, on one seed. Run A runs the six patterns, times them, makes one change
 * of each kind (a rename, a new ticket, a new link) and runs the patterns again. Run B is the broken variant
 * whose rename forgets the documents: it renames, then runs the patterns. Each action is left to finish before
 * the next, so every store has applied every change when the patterns run.
 */
import type { Database } from '../engine/types.ts';
import { factsOf } from '../kit/define-lab.ts';
import { Simulation } from '../sim/simulation.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { patternFigures, SHAPES, writeFigures, type PatternFigures } from './figures.ts';
import type { Shape, ShapesFact } from './messages.ts';

export const STANDARD_SEED = 17;

export interface WriteRow {
  readonly change: string;
  readonly cost: Readonly<Partial<Record<Shape, number>>>;
}

export interface Comparison {
  readonly seed: number;
  readonly workload: string;
  readonly patterns: readonly PatternFigures[];
  readonly writes: readonly WriteRow[];
  /** Run A's second pass, after the three changes: answers that still equal the relational ones, of those compared. */
  readonly afterChanges: { readonly same: number; readonly compared: number };
  /** Run B: answers that differ from the relational ones after the rename, and the documents invariant. */
  readonly brokenRename: { readonly differing: readonly string[]; readonly documentsInvariant: string };
}

export async function play(lab: LabDefinition, databases: ReadonlyMap<ServiceName, Database>, actions: readonly string[]) {
  const sim = new Simulation({ lab, seed: STANDARD_SEED, databases });
  for (const actionId of actions) {
    await sim.apply({ kind: 'action', actionId });
    await sim.runUntilQuiet(20_000);
  }
  return sim;
}

export async function measureComparison(
  lab: LabDefinition,
  broken: LabDefinition,
  databases: ReadonlyMap<ServiceName, Database>,
  reset: () => Promise<void>,
): Promise<Comparison> {
  // `databases` start as the lab's first state (freshly opened); they are reset between the two runs.
  const a = await play(lab, databases, [
    'run-patterns',
    'time-patterns',
    'rename-product',
    'open-ticket',
    'link-customers',
    'run-patterns',
  ]);
  const factsA = factsOf<ShapesFact>(a.trace);
  const second = patternFigures(factsA, 2).filter((p) => p.sameAnswer !== null);
  await reset();
  const b = await play(broken, databases, ['rename-product', 'run-patterns']);
  const invariant = (await b.checkInvariants()).get('documents-equal-join')?.status ?? 'missing';
  return {
    seed: STANDARD_SEED,
    workload:
      'the data set every store starts with, asked the same six questions; then one product rename, one new ticket and one new link',
    patterns: patternFigures(factsA, 1),
    writes: writeFigures(factsA).map((w) => ({
      change: w.change,
      cost: Object.fromEntries(SHAPES.flatMap((s) => (w.byShape[s] === undefined ? [] : [[s, w.byShape[s]]]))),
    })),
    afterChanges: { same: second.filter((p) => p.sameAnswer === true).length, compared: second.length },
    brokenRename: {
      differing: patternFigures(factsOf<ShapesFact>(b.trace), 1)
        .filter((p) => p.sameAnswer === false)
        .map((p) => `${p.shape}: ${p.pattern}`),
      documentsInvariant: invariant,
    },
  };
}
