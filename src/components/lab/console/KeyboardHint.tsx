import type { ShortcutLabels } from './site-theme.ts';

interface KeyboardHintProps {
  readonly id: string;
  readonly keys: ShortcutLabels;
  /** Null while the textarea is live: a textarea always lets Tab move on. */
  readonly tabMovesFocus: boolean | null;
}

/** The visible line of shortcuts, also the editor's description for screen readers. */
export function KeyboardHint({ id, keys, tabMovesFocus }: KeyboardHintProps) {
  return (
    <p class="sql-console__hint" id={id}>
      <kbd>{keys.run}</kbd> runs the selection, or everything. <kbd>Alt+↑</kbd> <kbd>Alt+↓</kbd> recall history. On Postgres,{' '}
      <code>\dt</code> lists tables and <code>\d name</code> describes one, as in psql.
      {tabMovesFocus === null ? null : tabMovesFocus ? (
        <>
          {' '}
          Tab leaves the editor; <kbd>{keys.tabMode}</kbd> makes it indent.
        </>
      ) : (
        <>
          {' '}
          Tab indents; <kbd>{keys.tabMode}</kbd> makes it leave the editor.
        </>
      )}
    </p>
  );
}
