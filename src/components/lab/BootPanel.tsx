import type { LabView } from '../../labs/runtime/lab-session.ts';
import { BootProgress } from './BootProgress.tsx';
import type { Scenario } from './scenario-link.ts';

interface Props {
  readonly title: string;
  readonly serviceCount: number;
  readonly view: LabView | undefined;
  /** A run the page's address holds for this lab, or why it cannot be replayed. */
  readonly link?: Scenario | Error | undefined;
  /** The reader's last run of this lab in this browser. */
  readonly saved?: Scenario | undefined;
  readonly onStart: (scenario?: Scenario) => void;
}

const inputsWord = (n: number) => `${n} input${n === 1 ? '' : 's'}`;

/** Before Start: what the lab is and a button, and the run a link holds or a reload can resume. While booting: progress. */
export function BootPanel({ title, serviceCount, view, link, saved, onStart }: Props) {
  const status = view?.status ?? 'idle';
  if (status === 'booting') return <BootProgress progress={view?.progress} label="Starting the lab" />;
  const shared = link instanceof Error ? undefined : link;
  return (
    <div class="lab-boot">
      <p>
        {serviceCount} services, each with its own real database, run in this page. Nothing is installed and nothing leaves your browser.
      </p>
      {shared && (
        <p class="lab-offer">
          This link replays a run of this lab: seed {shared.seed}, {inputsWord(shared.inputs.length)}, to step {shared.step}.
        </p>
      )}
      {link instanceof Error && (
        <p class="lab-offer">This link holds a run that cannot be replayed ({link.message}); the lab starts afresh.</p>
      )}
      <button type="button" class="lab-button lab-primary" onClick={() => onStart(shared)} disabled={!view}>
        Start the lab: {title}
      </button>
      {!shared && saved && (
        <button type="button" class="lab-button" onClick={() => onStart(saved)} disabled={!view}>
          Resume where you were (step {saved.step}, {inputsWord(saved.inputs.length)})
        </button>
      )}
      {status === 'error' && (
        <p class="lab-error" role="alert">
          {view?.error} Press Start to start it again, or reload the page.
        </p>
      )}
    </div>
  );
}
