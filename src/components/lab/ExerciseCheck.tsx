import { useEffect, useId, useRef, useState } from 'preact/hooks';
import './lab.css';
import type { CheckResult } from '../../labs/check/types.ts';
import { browserStore, exerciseKey, markCompleted, readProgress } from './progress.ts';
import { useSession } from './use-session.ts';
import { labAnchor } from './workspace.ts';

interface Props {
  readonly labId: string;
  /** Named when the reader is asked to start the lab: a page may have two. */
  readonly labTitle: string;
  readonly exerciseId: string;
  readonly answer?: { readonly service: string; readonly placeholder: string };
}

/** The check button of an exercise: runs the lab's check against its real databases and remembers success. */
export function ExerciseCheck({ labId, labTitle, exerciseId, answer }: Props) {
  const { session, view } = useSession(labId);
  const key = exerciseKey(labId, exerciseId);
  const id = useId();
  const [done, setDone] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  // Uncontrolled, so that what was typed into the server-rendered box before this island ran is kept.
  const answerBox = useRef<HTMLTextAreaElement>(null);

  // The lab this exercise checks is usually on the same page; when it is, "Open the lab" leads back to it.
  const [labOnPage, setLabOnPage] = useState(false);
  useEffect(() => setDone(key in readProgress(browserStore()).completed), [key]);
  useEffect(() => setLabOnPage(document.getElementById(labAnchor(labId)) !== null), [labId]);

  const started = view !== undefined && view.status !== 'idle' && view.status !== 'booting' && view.status !== 'error';
  const check = async () => {
    if (!session) return;
    setChecking(true);
    try {
      const outcome = await session.checkExercise(exerciseId, answer ? (answerBox.current?.value ?? '') : undefined);
      setResult(outcome);
      if (outcome.passed) {
        markCompleted(browserStore(), key, new Date());
        setDone(true);
      }
    } finally {
      setChecking(false);
    }
  };

  return (
    <div class="exercise-check" data-exercise={exerciseId} data-exercise-lab={labId} data-completed={done ? 'true' : 'false'}>
      {done && <p class="exercise-done">✓ Completed in this browser.</p>}
      {answer && (
        <label class="exercise-answer" for={`${id}-answer`}>
          Your SQL (runs on {answer.service})
          <textarea id={`${id}-answer`} ref={answerBox} rows={3} spellcheck={false} placeholder={answer.placeholder} />
        </label>
      )}
      <button type="button" class="lab-button lab-primary" onClick={() => void check()} disabled={!started || checking}>
        {checking ? 'Checking…' : 'Check my work'}
      </button>
      {!started && (
        <span class="lab-muted">
          {' '}
          Start the lab “{labTitle}” {labOnPage ? 'on this page ' : ''}first: the check reads its databases.
        </span>
      )}
      {labOnPage && (
        <a class="lab-link" href={`#${labAnchor(labId)}`}>
          Open the lab
        </a>
      )}
      <p
        class={result ? (result.passed ? 'exercise-result exercise-pass' : 'exercise-result exercise-fail') : 'exercise-result'}
        role="status"
        aria-live="polite"
      >
        {result ? `${result.passed ? 'Passed' : 'Not yet'}: ${result.message}` : ''}
      </p>
    </div>
  );
}
