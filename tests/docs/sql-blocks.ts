/**
 * Finds the fenced SQL blocks in chapters, at any indentation (inside list items or JSX such as
 * `<Solution>` too), and reads the meta that says where each runs and how it must end:
 * ```sql lab=two-phase-commit service=bank-a expect=55P03
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SqlBlock {
  /** Path relative to the folder the search started from, with `/` separators. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly sql: string;
  readonly lab: string | undefined;
  readonly service: string | undefined;
  /** `ok`, or the error code the statement must fail with. */
  readonly expect: string | undefined;
  /** What is wrong with the meta; empty when the block can run. */
  readonly problems: readonly string[];
}

const OPENING = /^( *)(`{3,}|~{3,})([^`]*)$/;
/** `ok`, a Postgres SQLSTATE, or a SQLite result name as sql.js reports it. */
const EXPECTATION = /^(ok|[0-9A-Z]{5}|SQLITE_[A-Z_]+)$/;
const REQUIRED = ['lab', 'service', 'expect'] as const;

function parseMeta(words: readonly string[]): Map<string, string> {
  const meta = new Map<string, string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    // `lab=` with nothing after it counts as missing.
    if (eq > 0 && eq < word.length - 1) meta.set(word.slice(0, eq), word.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
  }
  return meta;
}

function describeProblems(meta: Map<string, string>): string[] {
  const problems = REQUIRED.filter((key) => !meta.has(key)).map((key) => `missing ${key}=`);
  const expect = meta.get('expect');
  if (expect && !EXPECTATION.test(expect)) problems.push(`expect=${expect} is neither ok nor an error code such as 23514`);
  return problems;
}

/** The SQL blocks of one Markdown or MDX text, in order. */
export function sqlBlocksIn(text: string, file: string): SqlBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: SqlBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    const closing = new RegExp(`^ *${fence.startsWith('`') ? '`' : '~'}{${fence.length},} *$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end] ?? '')) end++;
    const [language = '', ...words] = info.trim().split(/\s+/);
    if (language.toLowerCase() === 'sql') {
      // Drop the fence's own indentation from each line, as Markdown does, and no more.
      const body = lines.slice(i + 1, end).map((line) => line.replace(new RegExp(`^ {0,${indent.length}}`), ''));
      const meta = parseMeta(words);
      blocks.push({
        file,
        line: i + 1,
        sql: body.join('\n'),
        lab: meta.get('lab'),
        service: meta.get('service'),
        expect: meta.get('expect'),
        problems: describeProblems(meta),
      });
    }
    i = end;
  }
  return blocks;
}

/** Every Markdown and MDX file under `root`, sorted so that test order is stable. */
export function docFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.mdx?$/.test(path))
    .map((path) => join(root, path))
    .sort();
}

/** The SQL blocks of every chapter under `root`, with paths relative to `base`. */
export function sqlBlocksUnder(root: string, base: string): SqlBlock[] {
  return docFiles(root).flatMap((path) => sqlBlocksIn(readFileSync(path, 'utf8'), relative(base, path).split('\\').join('/')));
}
