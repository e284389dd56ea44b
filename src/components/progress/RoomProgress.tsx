import { useState } from 'preact/hooks';
import type { CatalogExercise } from '../../lib/exercise-catalog.ts';
import { aggregateRoom, type LearnerFile, type Room } from '../../lib/room-progress.ts';
import { STATE_LABELS } from './MyProgress.tsx';
import './progress.css';

interface Props {
  readonly catalog: readonly CatalogExercise[];
}

const SHORT = { 'not-started': '–', tried: 'tried', solved: '✓ solved', revealed: 'revealed' } as const;

/** The room's progress from learners' exported files, read here and sent nowhere. */
export function RoomProgress({ catalog }: Props) {
  const [files, setFiles] = useState<LearnerFile[]>([]);
  const [dragging, setDragging] = useState(false);
  const room: Room | null = files.length > 0 ? aggregateRoom(files, catalog) : null;

  const add = async (list: FileList | null | undefined) => {
    if (!list) return;
    const read = await Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() })));
    // A file given again replaces its earlier copy, so a learner can hand in a newer export.
    setFiles((current) => [...current.filter((c) => !read.some((r) => r.name === c.name)), ...read]);
  };

  return (
    <div class="room-page" data-learners={room?.learners.length ?? 0}>
      <div
        class={dragging ? 'room-drop room-dragging' : 'room-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void add(e.dataTransfer?.files);
        }}
      >
        <label class="lab-field">
          Learners’ progress files (drop them here, or choose them)
          <input type="file" multiple accept=".json,application/json" onChange={(e) => void add(e.currentTarget.files)} />
        </label>
        <p class="lab-muted">The files are read in this browser; nothing is uploaded anywhere.</p>
        {files.length > 0 && (
          <button type="button" class="lab-button" onClick={() => setFiles([])}>
            Start again
          </button>
        )}
      </div>

      {room && room.refused.length > 0 && (
        <div class="progress-warning" role="alert">
          <p>Not counted:</p>
          <ul>
            {room.refused.map((r) => (
              <li key={r.name}>
                {r.name}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      {room && room.learners.length > 0 && (
        <>
          <p class="progress-summary" aria-live="polite">
            {room.learners.length} learner{room.learners.length === 1 ? '' : 's'}:{' '}
            {room.learners.map((l) => `${l.name} solved ${l.solved} of ${catalog.length}`).join('; ')}.
          </p>
          <div class="room-table" role="region" aria-label="Progress per exercise and learner" tabIndex={0}>
            <table>
              <caption>Exercises the room is stuck on come first: tried and not solved yet.</caption>
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Stuck</th>
                  <th scope="col">Solved</th>
                  <th scope="col">Revealed</th>
                  {room.learners.map((l) => (
                    <th scope="col" key={l.name}>
                      {l.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {room.exercises.map((row) => (
                  <tr key={row.exercise.key} data-exercise={row.exercise.key}>
                    <th scope="row">
                      <a href={row.exercise.href}>{row.exercise.title}</a>
                      <span class="lab-muted"> · {row.exercise.chapter}</span>
                    </th>
                    <td>{row.stuck}</td>
                    <td>{row.solved}</td>
                    <td>{row.revealed}</td>
                    {room.learners.map((l) => {
                      const state = l.states[row.exercise.key] ?? 'not-started';
                      return (
                        <td key={l.name} class={`progress-${state}`} title={STATE_LABELS[state]}>
                          {SHORT[state]}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
