import { useEffect, useId, useRef, useState } from 'preact/hooks';
import './lab.css';
import type { CheckResult } from '../../labs/check/types.ts';
import { browserStore, exerciseKey, loadProgress, recordEvent, stateOf } from '../../lib/progress.ts';
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
  /** Why progress could not be read or saved, in the reader's terms; the check's own result stands apart. */
  const [storage, setStorage] = useState<string | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  // Uncontrolled, so that what was typed into the server-rendered box before this island ran is kept.
  const answerBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const load = loadProgress(browserStore());
    if (load.ok) setDone(stateOf(load.record.exercises[key]) === 'solved');
    else setStorage(`Your saved progress could not be read because ${load.reason}. It was left untouched; My progress can export it.`);
  }, [key]);
  // The lab this exercise checks is usually on the same page; when it is, "Open the lab" leads back to it.
  const [labOnPage, setLabOnPage] = useState(false);
  useEffect(() => setLabOnPage(document.getElementById(labAnchor(labId)) !== null), [labId]);

  const started = view !== undefined && view.status !== 'idle' && view.status !== 'booting' && view.status !== 'error';
  const check = async () => {
    if (!session) return;
    setChecking(true);
    try {
      const outcome = await session.checkExercise(exerciseId, answer ? (answerBox.current?.value ?? '') : undefined);
      setResult(outcome);
      const saved = recordEvent(browserStore(), key, outcome.passed ? 'solved' : 'tried', new Date());
      if (outcome.passed) setDone(true);
      setStorage(saved.saved ? null : `This was not saved: ${saved.reason}.`);
    } finally {
      setChecking(false);
    }
  };

  return (
    <div class="exercise-check" data-exercise={exerciseId} data-exercise-lab={labId} data-completed={done ? 'true' : 'false'}>
      {done && (
        <p class="exercise-done">
          ✓ Solved in this browser. <a href="/start/my-progress/">My progress</a>
        </p>
      )}
      {storage && (
        <p class="exercise-storage" role="alert">
          {storage}
        </p>
      )}
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
