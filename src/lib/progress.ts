/**
 * The reader's progress on the site's exercises, kept in this browser only, in a versioned record apart from
 * the lab databases (which are a disposable cache).
 *
 * Two promises shape this module. Nothing readable is ever lost: a record this version cannot read (damaged,
 * or written by a newer version of the site) is never overwritten; it is kept as it is, the reader is told,
 * and its raw text can still be exported. And a save that fails (storage full, storage refused) says so
 * instead of pretending.
 */

export const PROGRESS_KEY = 'data-in-services:progress';
export const PROGRESS_VERSION = 2;
/** What an exported file says it is, so that a file from anything else is refused. */
export const EXPORT_FORMAT = 'data-in-services-progress';

/** What happened to one exercise, each with when it first happened. */
export interface ExerciseProgress {
  /** The reader checked and did not pass yet. */
  readonly tried?: string;
  readonly solved?: string;
  readonly revealed?: string;
}

export interface ProgressRecord {
  readonly v: typeof PROGRESS_VERSION;
  /** Keyed by `<lab-id>/<exercise-id>`. */
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

export type ProgressEvent = keyof ExerciseProgress;
export type ExerciseState = 'not-started' | 'tried' | 'solved' | 'revealed';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type LoadResult =
  { readonly ok: true; readonly record: ProgressRecord } | { readonly ok: false; readonly reason: string; readonly raw: string };

export type SaveResult = { readonly saved: true; readonly record: ProgressRecord } | { readonly saved: false; readonly reason: string };

export const EMPTY_PROGRESS: ProgressRecord = { v: PROGRESS_VERSION, exercises: {} };

const EXERCISE_KEY = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
const EVENTS: readonly ProgressEvent[] = ['tried', 'solved', 'revealed'];

export function exerciseKey(labId: string, exerciseId: string): string {
  return `${labId}/${exerciseId}`;
}

/** The one state shown for an exercise: solved wins, then a revealed solution, then a try. */
export function stateOf(progress: ExerciseProgress | undefined): ExerciseState {
  if (progress?.solved) return 'solved';
  if (progress?.revealed) return 'revealed';
  if (progress?.tried) return 'tried';
  return 'not-started';
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/** Checks a parsed record's exercises: every key and every event must be well formed; anything else is refused. */
function validExercises(value: unknown): Record<string, ExerciseProgress> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it has no list of exercises';
  const out: Record<string, ExerciseProgress> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!EXERCISE_KEY.test(key)) return `"${key.slice(0, 60)}" is not an exercise of this site`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `the entry for ${key} is not a record`;
    const progress: Record<string, string> = {};
    for (const [event, at] of Object.entries(entry as Record<string, unknown>)) {
      if (!EVENTS.includes(event as ProgressEvent)) return `the entry for ${key} has an unknown field "${event.slice(0, 30)}"`;
      if (!isTimestamp(at)) return `the entry for ${key} has a "${event}" that is not a date`;
      progress[event] = at;
    }
    out[key] = progress;
  }
  return out;
}

/** Reads a stored record's text: this version's, or the first version's, which is carried forward. */
export function parseRecord(raw: string): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'it is damaged (not valid JSON)', raw };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'it is not a progress record', raw };
  const record = parsed as { v?: unknown; exercises?: unknown; completed?: unknown };
  if (record.v === 1) {
    // The first version knew only completions: each becomes a solved exercise, with its time.
    const completed = record.completed;
    if (typeof completed !== 'object' || completed === null)
      return { ok: false, reason: 'it is damaged (version 1 without completions)', raw };
    const exercises: Record<string, ExerciseProgress> = {};
    for (const [key, value] of Object.entries(completed)) {
      const at = (value as { at?: unknown } | null)?.at;
      if (!EXERCISE_KEY.test(key) || !isTimestamp(at)) return { ok: false, reason: `it is damaged (entry "${key.slice(0, 60)}")`, raw };
      exercises[key] = { solved: at };
    }
    return { ok: true, record: { v: PROGRESS_VERSION, exercises } };
  }
  if (record.v !== PROGRESS_VERSION) {
    const version = typeof record.v === 'number' ? `version ${record.v}` : 'an unknown version';
    return { ok: false, reason: `it was written by another version of this site (${version})`, raw };
  }
  const exercises = validExercises(record.exercises);
  if (typeof exercises === 'string') return { ok: false, reason: `it is damaged: ${exercises}`, raw };
  return { ok: true, record: { v: PROGRESS_VERSION, exercises } };
}

export function loadProgress(store: KeyValueStore | undefined): LoadResult {
  let raw: string | null;
  try {
    raw = store?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return { ok: true, record: EMPTY_PROGRESS };
  }
  return raw === null ? { ok: true, record: EMPTY_PROGRESS } : parseRecord(raw);
}

function write(store: KeyValueStore | undefined, record: ProgressRecord): SaveResult {
  if (!store) return { saved: false, reason: 'this browser does not allow the site to store anything (a private window, perhaps)' };
  try {
    store.setItem(PROGRESS_KEY, JSON.stringify(record));
    return { saved: true, record };
  } catch (error) {
    const full = error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));
    return { saved: false, reason: full ? 'the browser’s storage for this site is full' : 'the browser refused to store it' };
  }
}

function unreadable(load: Extract<LoadResult, { ok: false }>): SaveResult {
  return {
    saved: false,
    reason: `your saved progress could not be read because ${load.reason}; it was left untouched, and My progress can export it as it is`,
  };
}

/** Notes that something happened to an exercise. The first time of each kind is kept. */
export function recordEvent(store: KeyValueStore | undefined, key: string, event: ProgressEvent, at: Date): SaveResult {
  const load = loadProgress(store);
  if (!load.ok) return unreadable(load);
  const current = load.record.exercises[key] ?? {};
  if (current[event]) return { saved: true, record: load.record };
  const next: ProgressRecord = {
    v: PROGRESS_VERSION,
    exercises: { ...load.record.exercises, [key]: { ...current, [event]: at.toISOString() } },
  };
  return write(store, next);
}

/** Forgets every exercise. Also the way out of a record that cannot be read, once the reader has chosen it. */
export function clearProgress(store: KeyValueStore | undefined): SaveResult {
  if (!store) return write(store, EMPTY_PROGRESS);
  try {
    store.removeItem(PROGRESS_KEY);
    return { saved: true, record: EMPTY_PROGRESS };
  } catch {
    return { saved: false, reason: 'the browser refused to change its storage' };
  }
}

export interface ExportFile {
  readonly format: typeof EXPORT_FORMAT;
  readonly v: typeof PROGRESS_VERSION;
  readonly exportedAt: string;
  /** A name the learner gives, so a trainer can tell files apart. */
  readonly learner?: string;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
}

export function exportProgress(record: ProgressRecord, at: Date, learner?: string): string {
  const name = learner?.trim().slice(0, 80);
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    v: PROGRESS_VERSION,
    exportedAt: at.toISOString(),
    ...(name ? { learner: name } : {}),
    exercises: record.exercises,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ParsedExport = { readonly ok: true; readonly file: ExportFile } | { readonly ok: false; readonly reason: string };

/** Reads an exported file, refusing anything that is not one, whole and well formed. */
export function parseExport(text: string): ParsedExport {
  if (text.length > 2_000_000) return { ok: false, reason: 'The file is far larger than a progress file can be.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The file is not valid JSON: it may be damaged or cut short.' };
  }
  const file = (typeof parsed === 'object' ? parsed : null) as Partial<Record<keyof ExportFile, unknown>> | null;
  if (file?.format !== EXPORT_FORMAT) {
    return { ok: false, reason: 'This is not a progress file from this site.' };
  }
  if (file.v !== PROGRESS_VERSION) {
    return {
      ok: false,
      reason: `The file was written by another version of this site (version ${String(file.v)}); this one reads version ${PROGRESS_VERSION}.`,
    };
  }
  if (!isTimestamp(file.exportedAt)) return { ok: false, reason: 'The file has no valid export date: it may be damaged.' };
  if (file.learner !== undefined && typeof file.learner !== 'string')
    return { ok: false, reason: 'The learner’s name in the file is not text.' };
  const exercises = validExercises(file.exercises);
  if (typeof exercises === 'string') return { ok: false, reason: `The file is damaged: ${exercises}.` };
  return {
    ok: true,
    file: {
      format: EXPORT_FORMAT,
      v: PROGRESS_VERSION,
      exportedAt: file.exportedAt,
      ...(typeof file.learner === 'string' ? { learner: file.learner } : {}),
      exercises,
    },
  };
}

/** Combines two records, keeping for each exercise and event the earliest time either knows. */
export function mergeProgress(a: ProgressRecord, b: Readonly<Record<string, ExerciseProgress>>): ProgressRecord {
  const exercises: Record<string, ExerciseProgress> = { ...a.exercises };
  for (const [key, theirs] of Object.entries(b)) {
    const ours: Record<string, string> = { ...exercises[key] };
    for (const event of EVENTS) {
      const at = theirs[event];
      const mine = ours[event];
      if (at && (!mine || Date.parse(at) < Date.parse(mine))) ours[event] = at;
    }
    exercises[key] = ours;
  }
  return { v: PROGRESS_VERSION, exercises };
}

/**
 * Imports a file into this browser's progress. A file that cannot be read changes nothing; neither does an
 * import over a stored record that cannot be read (clear it first, having exported it).
 */
export function importProgress(store: KeyValueStore | undefined, text: string): SaveResult {
  const parsed = parseExport(text);
  if (!parsed.ok) return { saved: false, reason: parsed.reason };
  const load = loadProgress(store);
  if (!load.ok) return unreadable(load);
  return write(store, mergeProgress(load.record, parsed.file.exercises));
}

/** localStorage when the browser allows it (private modes may refuse). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
