import { useEffect, useState } from 'preact/hooks';
import type { OfflineManifest } from '../../offline/offline-manifest.ts';
import { readManifest, saveLargeFiles, savedFiles, totalBytes } from './offline-copy.ts';
import '../lab/lab.css';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unsupported'; readonly why: string }
  | { readonly kind: 'ready'; readonly manifest: OfflineManifest }
  | { readonly kind: 'saving'; readonly manifest: OfflineManifest; readonly bytes: number }
  | { readonly kind: 'done'; readonly manifest: OfflineManifest }
  | { readonly kind: 'failed'; readonly manifest: OfflineManifest; readonly why: string };

/** Says what is available offline already, and saves the rest with a progress bar, its size shown first. */
export function OfflineCopy() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    void (async () => {
      if (!('serviceWorker' in navigator) || !('caches' in globalThis)) {
        setState({ kind: 'unsupported', why: 'This browser cannot keep a copy of a site (no service workers).' });
        return;
      }
      const manifest = await readManifest();
      if (!manifest) {
        setState({ kind: 'unsupported', why: 'Only the built site can be kept offline; this looks like the development server.' });
        return;
      }
      const saved = await savedFiles(manifest);
      setState({ kind: saved.size === manifest.large.length ? 'done' : 'ready', manifest });
    })();
  }, []);

  if (state.kind === 'loading') return <p class="lab-muted">Checking what this browser has kept…</p>;
  if (state.kind === 'unsupported') return <p role="status">{state.why}</p>;

  const { manifest } = state;
  const large = totalBytes(manifest.large);
  const save = async () => {
    setState({ kind: 'saving', manifest, bytes: 0 });
    try {
      await navigator.serviceWorker.ready;
      await saveLargeFiles(manifest, (bytes) => setState({ kind: 'saving', manifest, bytes }));
      setState({ kind: 'done', manifest });
    } catch (error) {
      setState({ kind: 'failed', manifest, why: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div class="offline-copy" data-offline={state.kind}>
      <p>
        Pages and search ({mb(totalBytes(manifest.precached))}) are kept on your first visit. The database engines, the labs' database
        snapshots and the editor ({mb(large)}) are kept the first time a lab needs them; to have every lab with no network, keep them all
        now.
      </p>
      {state.kind === 'ready' && (
        <button type="button" class="lab-button lab-primary" onClick={() => void save()}>
          Make every lab available offline ({mb(large)})
        </button>
      )}
      {state.kind === 'saving' && (
        <label class="lab-field">
          Saving {mb(state.bytes)} of {mb(large)}
          <progress max={large} value={state.bytes} />
        </label>
      )}
      <p role="status">
        {state.kind === 'done' && `Every lab is available offline in this browser (${mb(large)} kept).`}
        {state.kind === 'failed' && `Saving stopped: ${state.why}. What was saved stays; try again when the network is back.`}
      </p>
      {state.kind === 'failed' && (
        <button type="button" class="lab-button" onClick={() => void save()}>
          Try again
        </button>
      )}
    </div>
  );
}
