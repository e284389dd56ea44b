import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { QueryResult } from '../../../labs/engine/types.ts';
import { buildCompletions, type Catalog } from './completion.ts';
import { textareaHandle, type ErrorMark, type SqlEditorHandle } from './editor-handle.ts';
import { formatErrorLine, locateError, shiftPosition } from './error-location.ts';
import { AT_DRAFT, browserStorage, previewLine, readHistory, remember, step, writeHistory, type History } from './history.ts';
import type { MonacoSqlEditor } from './monaco-sql-editor.ts';
import { KeyboardHint } from './KeyboardHint.tsx';
import type { Outcome } from './outcome.ts';
import { OutputView } from './OutputView.tsx';
import { currentEditorTheme, isApplePlatform, shortcutLabels, watchEditorTheme } from './site-theme.ts';
import './sql-console.css';

export interface SqlConsoleProps {
  /** The services whose databases the reader may query. */
  readonly services: readonly { readonly name: string; readonly label: string }[];
  readonly initialService?: string;
  readonly run: (service: string, sql: string) => Promise<QueryResult>;
  /** Ends a runaway statement: the runtime terminates the worker and restores the service. */
  readonly stop?: (service: string) => void;
  /** Tables and columns of a service's database, for completion. */
  readonly catalog: (service: string) => Promise<Catalog>;
  readonly initialSql?: string;
  /** localStorage key prefix for this console's history. */
  readonly historyKey: string;
  /** Services where a transaction the reader began is still open: the console says so beside the service. */
  readonly transactionsOpen?: readonly string[];
}

/** Callbacks Monaco's key bindings reach through, refreshed on every render so they never go stale. */
interface Actions {
  run(): void;
  recall(direction: -1 | 1): void;
  toggleTabMode(): void;
}

/**
 * A SQL console on one service's database. A plain textarea works from the first paint; Monaco is
 * fetched on demand and takes over with the same text, cursor and focus.
 */
export function SqlConsole(props: SqlConsoleProps) {
  const { services, run, stop, catalog, historyKey } = props;
  const id = useId();
  const [service, setService] = useState(() => props.initialService ?? services[0]?.name ?? '');
  // Null until the textarea's handlers are live: a server-rendered textarea ignores keys until hydration,
  // and tests wait on `data-editor` to know the console answers.
  const [editorKind, setEditorKind] = useState<'textarea' | 'monaco' | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [history, setHistory] = useState<History>([]);
  const [pickedHistory, setPickedHistory] = useState('');
  const [tabMovesFocus, setTabMovesFocus] = useState(true);
  const [tabNotice, setTabNotice] = useState('');
  const [apple] = useState(() => typeof navigator !== 'undefined' && isApplePlatform(navigator.platform));

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<SqlEditorHandle | null>(null);
  const monacoRef = useRef<MonacoSqlEditor | null>(null);
  const catalogRef = useRef<Catalog>([]);
  const catalogRequest = useRef(0);
  const runningRef = useRef(false);
  const runToken = useRef(0);
  const historyCursor = useRef(AT_DRAFT);
  const pendingMark = useRef<{ mark: ErrorMark; text: string } | null>(null);
  const tabMovesFocusRef = useRef(tabMovesFocus);
  tabMovesFocusRef.current = tabMovesFocus;

  const labelOf = (name: string) => services.find((entry) => entry.name === name)?.label ?? name;

  function refreshCatalog(target: string) {
    const request = ++catalogRequest.current;
    catalog(target).then(
      (tables) => {
        if (request === catalogRequest.current) catalogRef.current = tables;
      },
      // Completion is a convenience: without a catalog the editor still works, only without names.
      () => undefined,
    );
  }

  async function runNow() {
    const editor = editorRef.current;
    if (runningRef.current || editor === null) return;
    const { text, from } = editor.getSubmission();
    if (text.trim() === '') return;
    const fullText = editor.getText();
    const target = service;
    const token = ++runToken.current;
    runningRef.current = true;
    setRunning(true);
    editor.markError(undefined);
    pendingMark.current = null;
    const updated = remember(readHistory(browserStorage(), historyKey), text);
    writeHistory(browserStorage(), historyKey, updated);
    setHistory(updated);
    setPickedHistory('');
    historyCursor.current = AT_DRAFT;

    let settled: Outcome;
    try {
      const result = await run(target, text);
      const location = result.ok ? undefined : locateError(fullText, shiftPosition(fullText, from, result.error.position));
      settled = { kind: 'result', result, location };
    } catch (error) {
      settled = { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    }
    // Stop (or unmounting) moved the token on: this run's answer no longer belongs on screen.
    if (token !== runToken.current) return;
    runningRef.current = false;
    setRunning(false);
    setOutcome(settled);
    if (settled.kind === 'result' && !settled.result.ok && settled.location !== undefined) {
      const mark = {
        start: settled.location.start,
        end: settled.location.end,
        message: formatErrorLine(settled.result.error, settled.location),
      };
      pendingMark.current = { mark, text: fullText };
      if (editorRef.current?.getText() === fullText) editorRef.current.markError(mark);
    }
    refreshCatalog(target);
  }

  function stopNow() {
    if (!runningRef.current || stop === undefined) return;
    runToken.current += 1;
    runningRef.current = false;
    setRunning(false);
    setOutcome({ kind: 'stopped' });
    stop(service);
    refreshCatalog(service);
  }

  function recall(direction: -1 | 1) {
    const editor = editorRef.current;
    if (editor === null) return;
    const next = step(history, historyCursor.current, direction, editor.getText());
    if (next === undefined) return;
    historyCursor.current = next.cursor;
    editor.setText(next.text);
  }

  function toggleTabMode() {
    const next = !tabMovesFocusRef.current;
    setTabMovesFocus(next);
    setTabNotice(next ? 'Tab now moves focus out of the editor.' : 'Tab now indents inside the editor.');
  }

  const actions = useRef<Actions>({ run: () => undefined, recall: () => undefined, toggleTabMode: () => undefined });
  actions.current = { run: () => void runNow(), recall, toggleTabMode };

  useEffect(() => {
    const textarea = textareaRef.current;
    if (textarea === null) return;
    editorRef.current = textareaHandle(textarea);
    setEditorKind('textarea');
    setHistory(readHistory(browserStorage(), historyKey));

    let disposed = false;
    let mounted: MonacoSqlEditor | undefined;
    // The server never shows the editor. Keeping the import out of the server bundle also keeps
    // Monaco's CSS a client-only asset, fetched with the editor's chunk when the console opens.
    const loading = import.meta.env.SSR
      ? Promise.reject(new Error('The editor is not loaded on the server'))
      : import('./monaco-sql-editor.ts');
    loading.then(
      ({ mountMonacoSqlEditor }) => {
        const host = hostRef.current;
        const fallback = editorRef.current;
        if (disposed || host === null || fallback === null) return;
        host.hidden = false;
        mounted = mountMonacoSqlEditor({
          host,
          text: fallback.getText(),
          cursor: fallback.getCursor(),
          focus: fallback.hasFocus(),
          theme: currentEditorTheme(),
          ariaLabel: 'SQL statement',
          placeholder: 'Type SQL here',
          tabMovesFocus: tabMovesFocusRef.current,
          apple,
          onRun: () => actions.current.run(),
          onHistory: (direction) => actions.current.recall(direction),
          onToggleTabMode: () => actions.current.toggleTabMode(),
          completions: (text, cursor) => buildCompletions(catalogRef.current, text, cursor),
        });
        // An error found while the textarea was live is underlined now, if the text is still the one that ran.
        const pending = pendingMark.current;
        if (pending !== null && pending.text === mounted.getText()) mounted.markError(pending.mark);
        editorRef.current = mounted;
        monacoRef.current = mounted;
        setEditorKind('monaco');
      },
      (error: unknown) => {
        // The textarea stays: the console keeps working, only without highlighting and completion.
        console.warn('The SQL editor could not load; keeping the plain text box.', error);
      },
    );
    const unwatchTheme = watchEditorTheme((theme) => monacoRef.current?.setTheme(theme));
    return () => {
      disposed = true;
      runToken.current += 1;
      unwatchTheme();
      mounted?.dispose();
      editorRef.current = null;
      monacoRef.current = null;
    };
  }, []);

  useEffect(() => {
    catalogRef.current = [];
    refreshCatalog(service);
  }, [service]);

  useEffect(() => {
    monacoRef.current?.setTabMovesFocus(tabMovesFocus);
  }, [tabMovesFocus]);

  function onTextareaKeyDown(event: TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void runNow();
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      recall(event.key === 'ArrowUp' ? -1 : 1);
    }
  }

  function onPickHistory(event: TargetedEvent<HTMLSelectElement>) {
    const value = event.currentTarget.value;
    setPickedHistory(value);
    const entry = value === '' ? undefined : history[Number(value)];
    if (entry === undefined) return;
    historyCursor.current = AT_DRAFT;
    editorRef.current?.setText(entry);
  }

  const newestFirst = history.map((_, index) => history.length - 1 - index);

  return (
    <section
      class="sql-console not-content"
      aria-label="SQL console"
      data-editor={editorKind ?? undefined}
      data-status={running ? 'running' : 'idle'}
    >
      <div class="sql-console__toolbar">
        <label class="sql-console__field">
          <span>Database</span>
          <select value={service} disabled={running} onChange={(event) => setService(event.currentTarget.value)}>
            {services.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        {props.transactionsOpen?.includes(service) === true && (
          <p class="sql-console__badge" role="status">
            Transaction open: <code>COMMIT</code> or <code>ROLLBACK</code> ends it
          </p>
        )}
        <label class="sql-console__field sql-console__field--grow">
          <span>History</span>
          <select value={pickedHistory} disabled={history.length === 0} onChange={onPickHistory}>
            <option value="">{history.length === 0 ? 'Nothing run yet' : `${history.length} recent`}</option>
            {newestFirst.map((index) => (
              <option key={index} value={String(index)}>
                {previewLine(history[index] ?? '')}
              </option>
            ))}
          </select>
        </label>
        <div class="sql-console__actions">
          <button
            type="button"
            class="sql-console__button sql-console__button--run"
            aria-disabled={running ? 'true' : 'false'}
            aria-keyshortcuts={apple ? 'Meta+Enter' : 'Control+Enter'}
            onClick={() => void runNow()}
          >
            Run
          </button>
          {stop === undefined ? null : (
            <button type="button" class="sql-console__button" aria-disabled={running ? 'false' : 'true'} onClick={stopNow}>
              Stop
            </button>
          )}
        </div>
      </div>

      <div class="sql-console__editor">
        {editorKind !== 'monaco' ? (
          <textarea
            ref={textareaRef}
            class="sql-console__textarea"
            aria-label="SQL statement"
            aria-describedby={`${id}-hint`}
            rows={5}
            spellcheck={false}
            autocapitalize="off"
            autocomplete="off"
            placeholder="Type SQL here"
            defaultValue={props.initialSql ?? ''}
            onKeyDown={onTextareaKeyDown}
          />
        ) : null}
        <div ref={hostRef} class="sql-console__monaco" hidden={editorKind !== 'monaco'} />
      </div>

      <KeyboardHint id={`${id}-hint`} keys={shortcutLabels(apple)} tabMovesFocus={editorKind === 'monaco' ? tabMovesFocus : null} />
      {/* Assertive, as Monaco itself announces this toggle: the reader just pressed the key and waits for it. */}
      <span class="sql-console__sr-only" aria-live="assertive">
        {tabNotice}
      </span>

      <OutputView outcome={outcome} runningOn={running ? labelOf(service) : undefined} />
    </section>
  );
}
