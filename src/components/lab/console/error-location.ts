import type { SqlError } from '../../../labs/engine/types.ts';

/** Where an engine-reported error sits in the text the reader sees. */
export interface ErrorLocation {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in characters (code points), as Postgres counts its `position`. */
  readonly column: number;
  /** 0-based UTF-16 index of the first offending character, for editors that index as JavaScript does. */
  readonly start: number;
  /** 0-based UTF-16 index just after the offending token; `end > start` whenever the text is not empty. */
  readonly end: number;
}

/**
 * One token at `index`: a word, a quoted literal or identifier, or else a single character.
 * The sticky flag anchors the match at `lastIndex`.
 */
const TOKEN = /[\p{L}\p{N}_$]+|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|[\s\S]/uy;

/**
 * Turns an engine's 1-based character position into a line, a column and a span to underline.
 * A position just past the end ("syntax error at end of input") keeps its line and column but
 * underlines the last visible character, so the reader sees where the input stopped.
 */
export function locateError(text: string, position: number | undefined): ErrorLocation | undefined {
  if (position === undefined || !Number.isInteger(position) || position < 1) return undefined;
  let line = 1;
  let column = 1;
  let utf16 = 0;
  let characters = 1;
  for (const character of text) {
    if (characters === position) break;
    if (character === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
    utf16 += character.length;
    characters += 1;
  }
  if (characters < position) return undefined;
  const [start, end] = utf16 < text.length ? tokenSpan(text, utf16) : lastVisibleSpan(text);
  return { line, column, start, end };
}

function tokenSpan(text: string, start: number): readonly [number, number] {
  TOKEN.lastIndex = start;
  const match = TOKEN.exec(text);
  const token = match?.[0] ?? text.charAt(start);
  // A quoted literal can run to the end of a long script; underlining the first line of it is enough.
  const newline = token.indexOf('\n');
  const length = newline > 0 ? newline : token.length;
  return [start, start + Math.max(1, length)];
}

function lastVisibleSpan(text: string): readonly [number, number] {
  const trimmed = text.trimEnd().length;
  if (trimmed === 0) return [text.length, text.length];
  const last = text.codePointAt(trimmed - 1) ?? 0;
  const width = last > 0xffff && trimmed >= 2 ? 2 : 1;
  return [trimmed - width, trimmed];
}

/**
 * When only part of the editor's text was submitted (a selection), the engine's position counts
 * from the start of that part; this gives the position in the whole text.
 */
export function shiftPosition(fullText: string, submittedFrom: number, position: number | undefined): number | undefined {
  if (position === undefined) return undefined;
  return [...fullText.slice(0, submittedFrom)].length + position;
}

/** `ERROR 42601 at line 1, column 8: syntax error at or near "selec"`. */
export function formatErrorLine(error: SqlError, location: ErrorLocation | undefined): string {
  const code = error.code === '' ? '' : ` ${error.code}`;
  const where = location === undefined ? '' : ` at line ${location.line}, column ${location.column}`;
  return `ERROR${code}${where}: ${error.message}`;
}
