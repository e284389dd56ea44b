import type { ExerciseDefinition } from '../check/types.ts';
export const exercises: readonly ExerciseDefinition[] = [];
