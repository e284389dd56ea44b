import { useEffect, useRef, useState } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { commandFor, nextFault, PRESENT_PARAM, presentingFromUrl, type PresenterCommand } from './presenter.ts';

const PAGE_CLASS = 'lab-presenting';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor') !== null;
}

/**
 * The browser's top layer holds the lab above the site's header and sidebar, whatever their stacking, and sizes
 * it to the viewport whatever its frame: a manual popover, shown only while presenting.
 */
function showInTopLayer(root: HTMLElement, on: boolean) {
  if (on) {
    root.setAttribute('popover', 'manual');
    if (!root.matches(':popover-open')) root.showPopover();
  } else if (root.hasAttribute('popover')) {
    if (root.matches(':popover-open')) root.hidePopover();
    root.removeAttribute('popover');
  }
}

/** The presenter view of one lab: on and off, the URL that opens it, and the keyboard that drives the lab. */
export function usePresenter(labId: string, session: LabSession | undefined, view: LabView | undefined) {
  const [presenting, setPresenting] = useState(false);
  const wasPresenting = useRef(false);
  const [shortcuts, setShortcuts] = useState(false);
  const faultPresses = useRef(0);
  const latest = useRef(view);
  latest.current = view;

  // Read after hydration: hydrating keeps the server's markup, which cannot know the address.
  useEffect(() => setPresenting(presentingFromUrl(location.search, labId)), [labId]);

  useEffect(() => {
    if (!presenting && !wasPresenting.current) return;
    const url = new URL(location.href);
    if (presenting) url.searchParams.set(PRESENT_PARAM, labId);
    else if (url.searchParams.get(PRESENT_PARAM) === labId) url.searchParams.delete(PRESENT_PARAM);
    history.replaceState(history.state, '', url);
    document.documentElement.classList.toggle(PAGE_CLASS, presenting);
    const root = document.querySelector<HTMLElement>(`[data-lab="${labId}"]`);
    if (root) showInTopLayer(root, presenting);
    if (presenting) root?.focus();
    // Back in the chapter, the reader is where the lab is, as before the presenter view opened.
    else if (wasPresenting.current) root?.scrollIntoView({ block: 'start' });
    wasPresenting.current = presenting;
  }, [presenting, labId]);

  useEffect(() => {
    if (!presenting || !session) return;
    const run = (command: PresenterCommand) => {
      const v = latest.current;
      if (!v) return;
      switch (command) {
        case 'step':
          if (!v.playing && !v.quiet) void session.step();
          return;
        case 'play-pause':
          if (v.playing) session.pause();
          else if (!v.quiet) session.play();
          return;
        case 'back':
          if (v.steps > 0) void session.seek(v.steps - 1);
          return;
        case 'next-fault': {
          const fault = nextFault(
            session.lab.faults.map((f) => f.id),
            faultPresses.current++,
          );
          if (fault) void session.input({ kind: 'fault', faultId: fault, on: !v.faultsOn.includes(fault) });
          return;
        }
        case 'shortcuts':
          setShortcuts((shown) => !shown);
          return;
        case 'leave':
          setPresenting(false);
          return;
      }
    };
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event, isTyping(event.target));
      if (!command) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, session]);

  return { presenting, setPresenting, shortcuts, setShortcuts };
}
