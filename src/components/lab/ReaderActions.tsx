import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { groupActions, type ActionItem } from './action-groups.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** What the reader can ask the system to do, and the restart of any crashed service. */
export function ReaderActions({ session, view }: Props) {
  const { lab } = session;
  const disabled = view.busy && !view.playing;
  const button = ({ action, text }: ActionItem) => (
    <button
      key={action.id}
      type="button"
      class="lab-button lab-primary"
      disabled={disabled}
      aria-label={text === action.label ? undefined : action.label}
      onClick={() => void session.input({ kind: 'action', actionId: action.id })}
    >
      {text}
    </button>
  );
  return (
    <div class="lab-actions" role="group" aria-label="Actions">
      {groupActions(lab.actions).map((entry) =>
        entry.kind === 'single' ? (
          button(entry.item)
        ) : (
          <div key={entry.subject} class="lab-action-group" role="group" aria-label={entry.subject}>
            <span class="lab-action-subject" aria-hidden="true">
              {entry.subject}:
            </span>
            {entry.items.map(button)}
          </div>
        ),
      )}
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
