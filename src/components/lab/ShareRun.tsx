import { useState } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { runLink } from './use-run-keeping.ts';

/** "Copy link": the address that replays this run to this step. Shown as text where the clipboard is refused. */
export function ShareRun({ session, view }: { readonly session: LabSession; readonly view: LabView }) {
  const [status, setStatus] = useState('');
  const [fallback, setFallback] = useState<string>();
  const copy = async () => {
    const link = runLink(session);
    const { inputs } = session.scenario();
    try {
      await navigator.clipboard.writeText(link);
      setFallback(undefined);
      setStatus(
        `Link copied: it replays seed ${view.seed} with your ${inputs.length} input${inputs.length === 1 ? '' : 's'} to step ${view.steps}.`,
      );
    } catch {
      setFallback(link);
      setStatus('Copy this link:');
    }
  };
  return (
    <div class="lab-share">
      <button
        type="button"
        class="lab-button"
        onClick={() => void copy()}
        title="The address bar keeps this run too: seed, your inputs and the step"
      >
        Copy link
      </button>
      <span class="lab-muted" role="status">
        {status}
      </span>
      {fallback && (
        <input class="lab-share-link" readOnly value={fallback} aria-label="Link to this run" onFocus={(e) => e.currentTarget.select()} />
      )}
    </div>
  );
}
