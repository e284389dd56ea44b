import { useEffect, useState } from 'preact/hooks';
import { exerciseAnchor, exercisesOnPage } from './workspace.ts';

/** The way from a lab to its exercises on the page: one link to the first of them, with how many there are. */
export function LabLinks({ labId }: { readonly labId: string }) {
  const [exercises, setExercises] = useState<readonly string[]>([]);
  useEffect(() => setExercises(exercisesOnPage(document, labId)), [labId]);
  const [first] = exercises;
  if (!first) return null;
  return (
    <a class="lab-link" href={`#${exerciseAnchor(first)}`}>
      Exercises ({exercises.length})
    </a>
  );
}
