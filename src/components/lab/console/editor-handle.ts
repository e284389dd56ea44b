/** The text to run: the selection when there is one, otherwise everything. */
export interface Submission {
  readonly text: string;
  /** UTF-16 index in the whole text where `text` starts, to place the engine's error position. */
  readonly from: number;
}

/** A span of the whole text to mark as wrong, in UTF-16 indexes. */
export interface ErrorMark {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/**
 * What the console needs from whichever editor is live: the plain textarea shown at once, or
 * Monaco once it has loaded. The console never reaches past this into either editor.
 */
export interface SqlEditorHandle {
  getText(): string;
  /** Replaces the text and puts the cursor at its end, as a shell does for a recalled command. */
  setText(text: string): void;
  getSubmission(): Submission;
  /** UTF-16 index of the cursor, carried over when Monaco replaces the textarea. */
  getCursor(): number;
  focus(): void;
  hasFocus(): boolean;
  markError(mark: ErrorMark | undefined): void;
  dispose(): void;
}

export function submissionOf(text: string, selectionStart: number, selectionEnd: number): Submission {
  const from = Math.min(selectionStart, selectionEnd);
  const to = Math.max(selectionStart, selectionEnd);
  const selected = text.slice(from, to);
  return selected.trim() === '' ? { text, from: 0 } : { text: selected, from };
}

/** The fallback editor: a textarea, usable before Monaco arrives or if it never does. */
export function textareaHandle(textarea: HTMLTextAreaElement): SqlEditorHandle {
  return {
    getText: () => textarea.value,
    setText(text) {
      textarea.value = text;
      textarea.setSelectionRange(text.length, text.length);
    },
    getSubmission: () => submissionOf(textarea.value, textarea.selectionStart, textarea.selectionEnd),
    getCursor: () => textarea.selectionEnd,
    focus: () => textarea.focus(),
    hasFocus: () => document.activeElement === textarea,
    // A textarea cannot underline a span; the error line below the editor says where.
    markError: () => undefined,
    dispose: () => undefined,
  };
}
