import type { LabView } from '../../labs/runtime/lab-session.ts';
import { BootProgress } from './BootProgress.tsx';

interface Props {
  readonly title: string;
  readonly serviceCount: number;
  readonly view: LabView | undefined;
  readonly onStart: () => void;
}

/** Before Start: what the lab is and a button. While booting: progress as a bar and in words. */
export function BootPanel({ title, serviceCount, view, onStart }: Props) {
  const status = view?.status ?? 'idle';
  if (status === 'booting') return <BootProgress progress={view?.progress} label="Starting the lab" />;
  return (
    <div class="lab-boot">
      <p>
        {serviceCount} services, each with its own real database, run in this page. Nothing is installed and nothing leaves your browser.
      </p>
      <button type="button" class="lab-button lab-primary" onClick={onStart} disabled={!view}>
        Start the lab: {title}
      </button>
      {status === 'error' && (
        <p class="lab-error" role="alert">
          The lab could not start: {view?.error}. Reload the page to try again.
        </p>
      )}
    </div>
  );
}
