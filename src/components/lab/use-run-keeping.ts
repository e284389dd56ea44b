import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { readSavedRun, runKey, savedRun, scenarioFromParams, scenarioParams, type Scenario } from './scenario-link.ts';
import { labAnchor } from './workspace.ts';

/** While playing, the address bar and the saved run follow the lab at most this often. */
const KEEP_EVERY_MS = 1000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The address of this page that replays the session's run, landing on the lab. */
export function runLink(session: LabSession): string {
  const params = scenarioParams(session.lab.id, session.lab, session.scenario(), new URLSearchParams(location.search));
  return `${location.origin}${location.pathname}?${params.toString()}#${labAnchor(session.lab.id)}`;
}

/** What the page offers before the lab starts: the run a link holds, or the reader's last run on this browser. */
export function useRunOffer(session: LabSession | undefined): { link?: Scenario | Error; saved?: Scenario } {
  return useMemo(() => {
    if (!session) return {};
    const link = scenarioFromParams(session.lab.id, session.lab, new URLSearchParams(location.search));
    const saved = readSavedRun(session.lab, storage()?.getItem(runKey(session.lab.id)) ?? null);
    return { ...(link ? { link } : {}), ...(saved ? { saved } : {}) };
  }, [session]);
}

/**
 * Once the lab has started, keeps its run in the address bar (seed, inputs, step) and in this browser's storage,
 * so that the address can be shared and a reload can resume. The lab the reader last moved owns the address.
 */
export function useRunKeeping(session: LabSession | undefined, view: LabView | undefined, started: boolean) {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!session || !view || !started) return;
    const keep = () => {
      last.current = performance.now();
      const scenario = session.scenario();
      const params = scenarioParams(session.lab.id, session.lab, scenario, new URLSearchParams(location.search));
      history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
      storage()?.setItem(runKey(session.lab.id), savedRun(session.lab, scenario));
    };
    clearTimeout(timer.current);
    const wait = view.playing ? Math.max(0, KEEP_EVERY_MS - (performance.now() - last.current)) : 0;
    timer.current = setTimeout(keep, wait);
    return () => clearTimeout(timer.current);
  }, [session, started, view?.steps, view?.seed, view?.traceHash, view?.playing, view?.faultsOn]);
}
