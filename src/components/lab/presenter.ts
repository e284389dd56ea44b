/**
 * The presenter view's keyboard: what each key does to a lab, as data, so the mapping is tested without a
 * browser and the shortcuts list shown to the trainer is the same table the handler reads.
 */
export type PresenterCommand = 'step' | 'play-pause' | 'back' | 'next-fault' | 'shortcuts' | 'leave';

export const SHORTCUTS: readonly { readonly keys: readonly string[]; readonly label: string; readonly command: PresenterCommand }[] = [
  { keys: ['ArrowRight', 'n'], label: '→ or N: one step', command: 'step' },
  { keys: [' ', 'p'], label: 'Space or P: play or pause', command: 'play-pause' },
  { keys: ['ArrowLeft', 'b'], label: '← or B: back one step', command: 'back' },
  { keys: ['f'], label: 'F: switch the next fault on or off', command: 'next-fault' },
  { keys: ['?', 'h'], label: '? or H: show or hide these shortcuts', command: 'shortcuts' },
  { keys: ['Escape'], label: 'Esc: leave the presenter view', command: 'leave' },
];

/** The command for a key press, unless the press belongs to a field the trainer is typing in. */
export function commandFor(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  typing: boolean,
): PresenterCommand | undefined {
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.command;
}

/** Which fault "next fault" toggles: faults are taken in the lab's order, one per press, round and round. */
export function nextFault(faults: readonly string[], pressed: number): string | undefined {
  return faults.length === 0 ? undefined : faults[pressed % faults.length];
}

/** The query parameter that opens a lab in the presenter view: `?present=<lab-id>`. */
export const PRESENT_PARAM = 'present';

export function presentingFromUrl(search: string, labId: string): boolean {
  return new URLSearchParams(search).get(PRESENT_PARAM) === labId;
}
