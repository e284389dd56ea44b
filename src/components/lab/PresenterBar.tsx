import { SHORTCUTS } from './presenter.ts';

interface Props {
  readonly title: string;
  readonly shortcuts: boolean;
  readonly onShortcuts: () => void;
  readonly onLeave: () => void;
}

/** The presenter view's own bar: what is on screen, the shortcuts on request, and the way back to the chapter. */
export function PresenterBar({ title, shortcuts, onShortcuts, onLeave }: Props) {
  return (
    <div class="lab-presenter-bar">
      <strong>{title}</strong>
      <button type="button" class="lab-button" aria-expanded={shortcuts} onClick={onShortcuts}>
        Shortcuts (?)
      </button>
      <button type="button" class="lab-button" onClick={onLeave}>
        Back to the chapter (Esc)
      </button>
      {shortcuts && (
        <ul class="lab-presenter-keys" aria-label="Presenter shortcuts">
          {SHORTCUTS.map((s) => (
            <li key={s.command}>{s.label}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
