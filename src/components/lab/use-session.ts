import { useEffect, useState } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { getSession } from './sessions.ts';

/**
 * The page's session for a lab and its live view; both undefined until the lab's module has loaded.
 * Subscribes once the session exists, so every island of the page follows the same session. `prewarm`: this
 * island can start the lab and has just come into view, so the engines get ready for its Start.
 */
export function useSession(
  labId: string,
  options: { readonly prewarm?: boolean } = {},
): { session: LabSession | undefined; view: LabView | undefined } {
  const prewarm = options.prewarm === true;
  const [session, setSession] = useState<LabSession>();
  const [view, setView] = useState<LabView>();
  useEffect(() => {
    let live = true;
    let unsubscribe: (() => void) | undefined;
    void getSession(labId).then((s) => {
      if (!live) return;
      if (prewarm) s.prewarm();
      setSession(s);
      unsubscribe = s.view.subscribe(setView);
    });
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [labId, prewarm]);
  return { session, view };
}
