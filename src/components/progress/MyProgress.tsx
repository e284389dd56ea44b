import { useEffect, useId, useState } from 'preact/hooks';
import { groupCatalog, type CatalogExercise } from '../../lib/exercise-catalog.ts';
import {
  browserStore,
  clearProgress,
  EMPTY_PROGRESS,
  exportProgress,
  importProgress,
  loadProgress,
  stateOf,
  type ExerciseState,
  type LoadResult,
} from '../../lib/progress.ts';
import { downloadText } from './download.ts';
import './progress.css';

interface Props {
  readonly catalog: readonly CatalogExercise[];
}

export const STATE_LABELS: Readonly<Record<ExerciseState, string>> = {
  'not-started': 'Not started',
  tried: 'Tried',
  solved: 'Solved',
  revealed: 'Solution revealed',
};

const today = () => new Date().toISOString().slice(0, 10);

/** Every exercise on the site with its state in this browser; clear, export and import. */
export function MyProgress({ catalog }: Props) {
  const id = useId();
  const [load, setLoad] = useState<LoadResult | null>(null);
  const [learner, setLearner] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  useEffect(() => setLoad(loadProgress(browserStore())), []);
  const reload = () => setLoad(loadProgress(browserStore()));

  const record = load?.ok ? load.record : EMPTY_PROGRESS;
  const states = catalog.map((e) => stateOf(record.exercises[e.key]));
  const solved = states.filter((s) => s === 'solved').length;
  const recorded = Object.keys(record.exercises).length;

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const result = importProgress(browserStore(), await file.text());
    setMessage(result.saved ? { ok: true, text: `Imported ${file.name}.` } : { ok: false, text: `Nothing was changed. ${result.reason}` });
    reload();
  };

  const onClear = () => {
    const result = clearProgress(browserStore());
    setConfirming(false);
    setMessage(
      result.saved
        ? { ok: true, text: 'Your progress in this browser is cleared.' }
        : { ok: false, text: `Not cleared: ${result.reason}.` },
    );
    reload();
  };

  return (
    <div class="progress-page" data-ready={load ? 'true' : 'false'}>
      {load && !load.ok && (
        <div class="progress-warning" role="alert">
          <p>
            Your saved progress could not be read because {load.reason}. It is kept exactly as it was. Export it as it is to keep a copy, or
            clear it to start again.
          </p>
          <button
            type="button"
            class="lab-button"
            onClick={() => downloadText(`data-in-services-progress-unreadable-${today()}.json`, load.raw)}
          >
            Export it as it is
          </button>
        </div>
      )}
      <p class="progress-summary" aria-live="polite">
        {solved} of {catalog.length} exercises solved in this browser.
      </p>

      {groupCatalog(catalog).map((part) => (
        <section key={part.part} class="progress-part">
          <h2>{part.part}</h2>
          {part.chapters.map((chapter) => (
            <div key={chapter.chapter}>
              <h3>{chapter.chapter}</h3>
              <ul class="progress-list">
                {chapter.exercises.map((exercise) => {
                  const state = stateOf(record.exercises[exercise.key]);
                  return (
                    <li key={exercise.key} data-exercise={exercise.key} data-state={state}>
                      <a href={exercise.href}>{exercise.title}</a>
                      <span class={`progress-state progress-${state}`}>{STATE_LABELS[state]}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}

      <section class="progress-tools" aria-labelledby={`${id}-tools`}>
        <h2 id={`${id}-tools`}>Keep, move or clear your progress</h2>
        <p>
          Progress lives in this browser only. Export it to a file to move it to another browser, or to hand it to a trainer; importing a
          file adds what it holds to what is here.
        </p>
        <div class="progress-row">
          <label class="lab-field">
            Your name in the file (optional)
            <input type="text" value={learner} maxLength={80} onInput={(e) => setLearner(e.currentTarget.value)} />
          </label>
          <button
            type="button"
            class="lab-button lab-primary"
            disabled={!load?.ok}
            onClick={() => downloadText(`data-in-services-progress-${today()}.json`, exportProgress(record, new Date(), learner))}
          >
            Export my progress
          </button>
        </div>
        <div class="progress-row">
          <label class="lab-field">
            Import a progress file
            <input type="file" accept=".json,application/json" onChange={(e) => void onImport(e.currentTarget.files?.[0])} />
          </label>
        </div>
        <div class="progress-row">
          {confirming ? (
            <div role="group" aria-label="Confirm clearing your progress" class="progress-confirm">
              <p>
                This forgets {load?.ok ? `${recorded} exercise${recorded === 1 ? '' : 's'}` : 'the unreadable record'} in this browser.
                Export first if you may want {load?.ok && recorded === 1 ? 'it' : 'them'} back.
              </p>
              <button type="button" class="lab-button lab-danger" onClick={onClear}>
                Yes, clear my progress
              </button>
              <button type="button" class="lab-button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" class="lab-button" onClick={() => setConfirming(true)}>
              Clear my progress…
            </button>
          )}
        </div>
        <p
          class={message ? (message.ok ? 'progress-message progress-ok' : 'progress-message progress-bad') : 'progress-message'}
          role="status"
        >
          {message?.text ?? ''}
        </p>
      </section>
    </div>
  );
}
