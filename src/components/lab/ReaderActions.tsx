import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** What the reader can ask the system to do, and the restart of any crashed service. */
export function ReaderActions({ session, view }: Props) {
  const { lab } = session;
  const disabled = view.busy && !view.playing;
  return (
    <div class="lab-actions" role="group" aria-label="Actions">
      {lab.actions.map((action) => (
        <button
          key={action.id}
          type="button"
          class="lab-button lab-primary"
          disabled={disabled}
          onClick={() => void session.input({ kind: 'action', actionId: action.id })}
        >
          {action.label}
        </button>
      ))}
      {view.crashed.map((service) => (
        <button
          key={service}
          type="button"
          class="lab-button lab-restart"
          disabled={disabled}
          onClick={() => void session.input({ kind: 'restart', service })}
        >
          Restart {lab.services.find((s) => s.name === service)?.label ?? service}
        </button>
      ))}
    </div>
  );
}
