import { useEffect, useState } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { getSession } from './sessions.ts';

/**
 * The page's session for a lab and its live view; both undefined until the lab's module has loaded.
 * Subscribes once the session exists, so every island of the page follows the same session.
 */
export function useSession(labId: string): { session: LabSession | undefined; view: LabView | undefined } {
  const [session, setSession] = useState<LabSession>();
  const [view, setView] = useState<LabView>();
  useEffect(() => {
    let live = true;
    let unsubscribe: (() => void) | undefined;
    void getSession(labId).then((s) => {
      if (!live) return;
      setSession(s);
      unsubscribe = s.view.subscribe(setView);
    });
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [labId]);
  return { session, view };
}
