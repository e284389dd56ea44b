/**
 * The reader's progress: which exercises they completed, kept in this browser only, in a versioned
 * record apart from the lab databases (which are a disposable cache). Written at once on completion,
 * so a reload or a crashed tab loses nothing.
 */
export const PROGRESS_KEY = 'data-in-services:progress';

export interface ProgressRecord {
  readonly v: 1;
  readonly completed: Readonly<Record<string, { readonly at: string }>>;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const empty: ProgressRecord = { v: 1, completed: {} };

export function exerciseKey(labId: string, exerciseId: string): string {
  return `${labId}/${exerciseId}`;
}

export function readProgress(store: KeyValueStore | undefined): ProgressRecord {
  try {
    const parsed = JSON.parse(store?.getItem(PROGRESS_KEY) ?? 'null') as Partial<ProgressRecord> | null;
    if (parsed?.v === 1 && parsed.completed && typeof parsed.completed === 'object') return { v: 1, completed: parsed.completed };
  } catch {
    // A damaged record reads as no progress rather than breaking the page; it is overwritten on the next completion.
  }
  return empty;
}

export function markCompleted(store: KeyValueStore | undefined, key: string, at: Date): ProgressRecord {
  const current = readProgress(store);
  const next: ProgressRecord = { v: 1, completed: { ...current.completed, [key]: { at: at.toISOString() } } };
  store?.setItem(PROGRESS_KEY, JSON.stringify(next));
  return next;
}

/** localStorage when the browser allows it (private modes may refuse). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
