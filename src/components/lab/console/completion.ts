/** What `catalog(service)` returns: the tables a reader can query and their columns. */
export interface CatalogTable {
  readonly table: string;
  readonly columns: readonly string[];
}

export type Catalog = readonly CatalogTable[];

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'table' | 'column';
  /** Where the name comes from, shown beside it: `table`, or the tables that have this column. */
  readonly detail: string;
  /** The name quoted when SQL needs quotes for it. */
  readonly insertText: string;
  /** Tables before columns, each group in catalog order. */
  readonly sortText: string;
}

/** Words that cannot be a bare identifier (the ones a lab's table or column is likely to meet). */
const RESERVED = new Set(
  (
    'all and any as asc both case cast check collate column constraint create current_date current_time ' +
    'current_timestamp current_user default desc distinct do else end except false fetch for foreign from ' +
    'grant group having in initially intersect into lateral leading limit localtime not null offset on only ' +
    'or order placing primary references returning select session_user some symmetric table then to ' +
    'trailing true union unique user using variadic when where window with'
  ).split(' '),
);

/** Quotes a name the way both Postgres and SQLite accept, only when it needs it. */
export function quoteIdentifier(name: string): string {
  return name
    .split('.')
    .map((part) => (/^[a-z_][a-z0-9_$]*$/.test(part) && !RESERVED.has(part) ? part : `"${part.replaceAll('"', '""')}"`))
    .join('.');
}

/** Identifiers, quoted identifiers, and single punctuation characters, with comments and strings skipped. */
const TOKENS = /--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*'?|"((?:[^"]|"")*)"?|([\p{L}_][\p{L}\p{N}_$]*)|(\S)/gu;

interface Token {
  readonly text: string;
  /** Set for identifiers and quoted identifiers: the name as the engine sees it (unquoted names fold to lower case). */
  readonly name?: string;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  for (const match of sql.matchAll(TOKENS)) {
    const [text, quoted, word, punctuation] = match;
    if (quoted !== undefined) tokens.push({ text, name: quoted.replaceAll('""', '"') });
    else if (word !== undefined) tokens.push({ text, name: word.toLowerCase() });
    else if (punctuation !== undefined) tokens.push({ text });
  }
  return tokens;
}

/** Keywords that can follow a table name in FROM and so are never its alias. */
const NOT_AN_ALIAS = new Set(
  (
    'where join inner left right full outer cross natural on using set values select group order having ' +
    'limit offset union except intersect returning window for default as lateral tablesample'
  ).split(' '),
);
const TABLE_INTRODUCERS = new Set(['from', 'join', 'update', 'into', 'table']);

/** Maps each alias and table name mentioned after FROM, JOIN, UPDATE or INTO to its table (lower-cased keys). */
export function tableAliases(sql: string): ReadonlyMap<string, string> {
  const tokens = tokenize(sql);
  const aliases = new Map<string, string>();
  for (let i = 0; i < tokens.length; i += 1) {
    const introducer = tokens[i]?.name;
    if (introducer === undefined || !TABLE_INTRODUCERS.has(introducer) || tokens[i]?.text.startsWith('"')) continue;
    let j = i + 1;
    for (;;) {
      let table = tokens[j]?.name;
      if (table === undefined || (NOT_AN_ALIAS.has(table) && !tokens[j]?.text.startsWith('"'))) break;
      j += 1;
      while (tokens[j]?.text === '.' && tokens[j + 1]?.name !== undefined) {
        table = `${table}.${tokens[j + 1]?.name ?? ''}`;
        j += 2;
      }
      aliases.set(table, table);
      if (tokens[j]?.name === 'as') j += 1;
      const alias = tokens[j];
      if (alias?.name !== undefined && (!NOT_AN_ALIAS.has(alias.name) || alias.text.startsWith('"'))) {
        aliases.set(alias.name, table);
        j += 1;
      }
      // `FROM a x, b y` lists several tables; JOIN, UPDATE and INTO name one.
      if (introducer !== 'from' || tokens[j]?.text !== ',') break;
      j += 1;
    }
  }
  return aliases;
}

/** The name written just before a dot that precedes the word being typed, as in `o.to|` or `"Order".`. */
const QUALIFIER = /(?:"((?:[^"]|"")+)"|([\p{L}_][\p{L}\p{N}_$]*))\s*\.\s*(?:"[^"]*|[\p{L}\p{N}_$]*)$/u;

function sameName(catalogName: string, written: string): boolean {
  const lower = catalogName.toLowerCase();
  return lower === written || lower.endsWith(`.${written}`) || catalogName === written;
}

function findTable(catalog: Catalog, written: string): CatalogTable | undefined {
  return catalog.find((entry) => entry.table === written) ?? catalog.find((entry) => sameName(entry.table, written));
}

/** Keeps the catalog's own order (tables as the lab lists them, columns as the table defines them). */
function sortKey(group: 0 | 1, index: number): string {
  return `${group}${String(index).padStart(5, '0')}`;
}

function tableEntry(entry: CatalogTable, index: number, label = entry.table): CompletionEntry {
  return { label, kind: 'table', detail: 'table', insertText: quoteIdentifier(label), sortText: sortKey(0, index) };
}

function columnEntry(column: string, tables: readonly string[], index: number): CompletionEntry {
  return {
    label: column,
    kind: 'column',
    detail: `column of ${tables.join(', ')}`,
    insertText: quoteIdentifier(column),
    sortText: sortKey(1, index),
  };
}

/**
 * Completion for the word at `cursor` in `sql`. After `name.` it offers that table's columns, where
 * `name` may be a table, an alias given in the same text, or a schema; elsewhere every table and
 * every column (each column once, saying which tables have it).
 */
export function buildCompletions(catalog: Catalog, sql: string, cursor: number): CompletionEntry[] {
  const qualifier = QUALIFIER.exec(sql.slice(0, cursor));
  if (qualifier) {
    const written = qualifier[1]?.replaceAll('""', '"') ?? qualifier[2]?.toLowerCase() ?? '';
    const table = findTable(catalog, tableAliases(sql).get(written) ?? written);
    if (table) return table.columns.map((column, index) => columnEntry(column, [table.table], index));
    const inSchema = catalog.filter((entry) => entry.table.toLowerCase().startsWith(`${written}.`));
    return inSchema.map((entry, index) => tableEntry(entry, index, entry.table.slice(written.length + 1)));
  }
  const tablesByColumn = new Map<string, string[]>();
  for (const entry of catalog) {
    for (const column of entry.columns) {
      const tables = tablesByColumn.get(column);
      if (tables) tables.push(entry.table);
      else tablesByColumn.set(column, [entry.table]);
    }
  }
  return [
    ...catalog.map((entry, index) => tableEntry(entry, index)),
    ...[...tablesByColumn].map(([column, tables], index) => columnEntry(column, tables, index)),
  ];
}
