/**
 * A training room's progress, from the files its learners exported: who solved what, per exercise and per
 * learner, with the exercises the room is stuck on first. Files are read in the trainer's browser only.
 */
import { parseExport, stateOf, type ExerciseState } from './progress.ts';
import type { CatalogExercise } from './exercise-catalog.ts';

export interface LearnerFile {
  /** The file's name, used when the learner gave no name of their own. */
  readonly name: string;
  readonly text: string;
}

export interface Learner {
  readonly name: string;
  readonly states: Readonly<Record<string, ExerciseState>>;
  readonly solved: number;
}

export interface ExerciseRow {
  readonly exercise: CatalogExercise;
  readonly solved: number;
  /** Checked and not passed: the room's sticking points. */
  readonly stuck: number;
  readonly revealed: number;
  readonly notStarted: number;
}

export interface Room {
  readonly learners: readonly Learner[];
  /** Stuck exercises first (most learners stuck), then by fewest solved, then in the site's order. */
  readonly exercises: readonly ExerciseRow[];
  /** Files that were not progress files, with the reason, so the trainer can ask for them again. */
  readonly refused: readonly { readonly name: string; readonly reason: string }[];
}

export function aggregateRoom(files: readonly LearnerFile[], catalog: readonly CatalogExercise[]): Room {
  const learners: Learner[] = [];
  const refused: { name: string; reason: string }[] = [];
  for (const file of files) {
    const parsed = parseExport(file.text);
    if (!parsed.ok) {
      refused.push({ name: file.name, reason: parsed.reason });
      continue;
    }
    const states: Record<string, ExerciseState> = {};
    for (const entry of catalog) states[entry.key] = stateOf(parsed.file.exercises[entry.key]);
    const name = parsed.file.learner ?? file.name.replace(/\.json$/i, '');
    learners.push({ name, states, solved: Object.values(states).filter((s) => s === 'solved').length });
  }
  const rows = catalog.map((exercise, order) => {
    const count = (state: ExerciseState) => learners.filter((l) => l.states[exercise.key] === state).length;
    return {
      order,
      row: { exercise, solved: count('solved'), stuck: count('tried'), revealed: count('revealed'), notStarted: count('not-started') },
    };
  });
  rows.sort((a, b) => b.row.stuck - a.row.stuck || a.row.solved - b.row.solved || a.order - b.order);
  return { learners, exercises: rows.map((r) => r.row), refused };
}
