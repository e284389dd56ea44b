/** How many statements a console remembers; the oldest fall off first. */
export const HISTORY_LIMIT = 50;

/** Oldest first, newest last, each text at most once. */
export type History = readonly string[];

/** Adds a statement as the newest entry, moving an earlier copy up rather than keeping two. */
export function remember(history: History, sql: string, limit = HISTORY_LIMIT): History {
  const text = sql.trim();
  if (text === '') return history;
  const next = [...history.filter((entry) => entry !== text), text];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/**
 * Where Alt+Up / Alt+Down has got to. `index` is null while the reader edits their own draft;
 * the draft is kept so that stepping past the newest entry gives it back.
 */
export interface HistoryCursor {
  readonly index: number | null;
  readonly draft: string;
}

export const AT_DRAFT: HistoryCursor = { index: null, draft: '' };

export interface HistoryStep {
  readonly cursor: HistoryCursor;
  readonly text: string;
}

/** One step towards older (`-1`) or newer (`+1`) entries; undefined when there is nowhere to go. */
export function step(history: History, cursor: HistoryCursor, direction: -1 | 1, currentText: string): HistoryStep | undefined {
  const last = history.length - 1;
  if (cursor.index === null) {
    if (direction === 1 || last < 0) return undefined;
    return { cursor: { index: last, draft: currentText }, text: history[last] ?? '' };
  }
  const index = cursor.index + direction;
  if (index < 0) return undefined;
  if (index > last) return { cursor: { index: null, draft: cursor.draft }, text: cursor.draft };
  return { cursor: { index, draft: cursor.draft }, text: history[index] ?? '' };
}

/** The record stored per console, versioned so a later format can tell old records apart. */
interface StoredHistory {
  readonly v: 1;
  readonly entries: readonly string[];
}

export function historyStorageKey(prefix: string): string {
  return `${prefix}:history:v1`;
}

/** Reads whatever is stored; anything malformed counts as no history rather than an error. */
export function parseHistory(stored: string | null, limit = HISTORY_LIMIT): History {
  if (stored === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null || !('v' in value) || value.v !== 1) return [];
  if (!('entries' in value) || !Array.isArray(value.entries)) return [];
  const entries = value.entries.filter((entry: unknown): entry is string => typeof entry === 'string');
  return entries.slice(Math.max(0, entries.length - limit));
}

export function serializeHistory(history: History): string {
  const stored: StoredHistory = { v: 1, entries: history };
  return JSON.stringify(stored);
}

/** The page's localStorage, or nothing where reading the property itself throws (some sandboxed frames). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Storage may be missing or refuse access (private mode, sandboxed frames): history is then per page. */
export function readHistory(storage: Pick<Storage, 'getItem'> | undefined, prefix: string): History {
  try {
    return parseHistory(storage?.getItem(historyStorageKey(prefix)) ?? null);
  } catch {
    return [];
  }
}

export function writeHistory(storage: Pick<Storage, 'setItem'> | undefined, prefix: string, history: History): void {
  try {
    storage?.setItem(historyStorageKey(prefix), serializeHistory(history));
  } catch {
    // A full or disabled storage only costs the reader their history after a reload.
  }
}

/** A one-line preview of a statement for the history list. */
export function previewLine(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
