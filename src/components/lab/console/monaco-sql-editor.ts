import type { CompletionEntry } from './completion.ts';
import type { SqlEditorHandle } from './editor-handle.ts';
import { monaco } from './monaco-setup.ts';
import type { EditorTheme } from './site-theme.ts';

export interface MonacoSqlEditorOptions {
  readonly host: HTMLElement;
  readonly text: string;
  readonly cursor: number;
  readonly focus: boolean;
  readonly theme: EditorTheme;
  readonly ariaLabel: string;
  readonly placeholder: string;
  readonly tabMovesFocus: boolean;
  readonly apple: boolean;
  readonly onRun: () => void;
  readonly onHistory: (direction: -1 | 1) => void;
  readonly onToggleTabMode: () => void;
  readonly completions: (text: string, cursor: number) => readonly CompletionEntry[];
}

export interface MonacoSqlEditor extends SqlEditorHandle {
  setTheme(theme: EditorTheme): void;
  setTabMovesFocus(tabMovesFocus: boolean): void;
}

const MARKER_OWNER = 'sql-console';

/*
 * Monaco's own themes colour SQL strings pure red and operators slate grey, below the WCAG AA
 * contrast of 4.5:1 that the rest of the site keeps (axe flags them). These themes inherit
 * everything else from vs / vs-dark and only darken or lighten those tokens.
 */
const THEMES: Record<EditorTheme, string> = { vs: 'sql-console-light', 'vs-dark': 'sql-console-dark' };
monaco.editor.defineTheme(THEMES.vs, {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'string.sql', foreground: 'A31515' },
    { token: 'operator.sql', foreground: '616161' },
    { token: 'predefined.sql', foreground: 'AA00AA' },
  ],
  colors: {},
});
monaco.editor.defineTheme(THEMES['vs-dark'], {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'string.sql', foreground: 'CE9178' },
    { token: 'operator.sql', foreground: '9B9B9B' },
    { token: 'comment', foreground: '6A9955' },
  ],
  colors: {},
});
const MIN_HEIGHT = 120;
const MAX_HEIGHT = 360;

/** Mounts Monaco into `host`, taking over the text, cursor and focus the textarea had. */
export function mountMonacoSqlEditor(options: MonacoSqlEditorOptions): MonacoSqlEditor {
  const { KeyCode, KeyMod } = monaco;
  const editor = monaco.editor.create(options.host, {
    value: options.text,
    language: 'pgsql',
    theme: THEMES[options.theme],
    ariaLabel: options.ariaLabel,
    placeholder: options.placeholder,
    tabFocusMode: options.tabMovesFocus,
    automaticLayout: true,
    // Suggestions and hovers are drawn outside the editor box so that a short editor does not clip them.
    fixedOverflowWidgets: true,
    minimap: { enabled: false },
    wordWrap: 'on',
    scrollBeyondLastLine: false,
    lineNumbersMinChars: 3,
    folding: false,
    overviewRulerLanes: 0,
    renderLineHighlight: 'none',
    fontSize: 14,
    tabSize: 2,
    padding: { top: 8, bottom: 8 },
    // The page keeps scrolling when the wheel reaches the end of a short script.
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  const model = editor.getModel();
  if (model === null) throw new Error('Monaco created an editor without a model');

  const fitHeight = () => {
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, editor.getContentHeight()));
    options.host.style.height = `${height}px`;
  };
  fitHeight();
  const disposables = [
    editor.onDidContentSizeChange(fitHeight),
    // The marker describes the text that was run; once that text changes it would point at the wrong place.
    editor.onDidChangeModelContent(() => monaco.editor.setModelMarkers(model, MARKER_OWNER, [])),
    monaco.languages.registerCompletionItemProvider('pgsql', {
      triggerCharacters: ['.'],
      provideCompletionItems(requested, position) {
        // One provider per console, all registered for the language: answer only for our own model.
        if (requested !== model) return { suggestions: [] };
        const word = requested.getWordUntilPosition(position);
        const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        const entries = options.completions(requested.getValue(), requested.getOffsetAt(position));
        return {
          suggestions: entries.map((entry) => ({
            label: { label: entry.label, description: entry.detail },
            kind: entry.kind === 'table' ? monaco.languages.CompletionItemKind.Struct : monaco.languages.CompletionItemKind.Field,
            detail: entry.detail,
            insertText: entry.insertText,
            sortText: entry.sortText,
            range,
          })),
        };
      },
    }),
  ];

  editor.addCommand(KeyMod.CtrlCmd | KeyCode.Enter, () => {
    // A suggestion list left open would hide the first rows of the result under it.
    editor.trigger('sql-console', 'hideSuggestWidget', null);
    options.onRun();
  });
  // Alt+Up/Down would move lines; in a console they recall history, as in a shell.
  editor.addCommand(KeyMod.Alt | KeyCode.UpArrow, () => options.onHistory(-1), '!suggestWidgetVisible');
  editor.addCommand(KeyMod.Alt | KeyCode.DownArrow, () => options.onHistory(1), '!suggestWidgetVisible');
  // Monaco's own toggle lives in a feature this console leaves out; the console keeps the state so its hint stays true.
  editor.addCommand(options.apple ? KeyMod.WinCtrl | KeyMod.Shift | KeyCode.KeyM : KeyMod.CtrlCmd | KeyCode.KeyM, options.onToggleTabMode);

  const cursor = model.getPositionAt(options.cursor);
  editor.setPosition(cursor);
  if (options.focus) editor.focus();

  return {
    getText: () => model.getValue(),
    setText(text) {
      editor.executeEdits('history', [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
      const end = model.getPositionAt(text.length);
      editor.setPosition(end);
      editor.revealPosition(end);
    },
    getSubmission() {
      const selection = editor.getSelection();
      const text = model.getValue();
      if (selection === null || selection.isEmpty()) return { text, from: 0 };
      const selected = model.getValueInRange(selection);
      return selected.trim() === '' ? { text, from: 0 } : { text: selected, from: model.getOffsetAt(selection.getStartPosition()) };
    },
    getCursor: () => model.getOffsetAt(editor.getPosition() ?? { lineNumber: 1, column: 1 }),
    focus: () => editor.focus(),
    hasFocus: () => editor.hasTextFocus(),
    markError(mark) {
      if (mark === undefined) {
        monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
        return;
      }
      const start = model.getPositionAt(mark.start);
      const end = model.getPositionAt(Math.max(mark.end, mark.start + 1));
      monaco.editor.setModelMarkers(model, MARKER_OWNER, [
        {
          severity: monaco.MarkerSeverity.Error,
          message: mark.message,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        },
      ]);
      editor.revealPositionInCenterIfOutsideViewport(start);
    },
    setTheme: (theme) => monaco.editor.setTheme(THEMES[theme]),
    setTabMovesFocus: (tabMovesFocus) => editor.updateOptions({ tabFocusMode: tabMovesFocus }),
    dispose() {
      for (const disposable of disposables) disposable.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
