export type EditorTheme = 'vs' | 'vs-dark';

/**
 * Starlight writes the resolved theme (`light` or `dark`) to `<html data-theme>`. Without it, as on a
 * page outside Starlight, the system preference decides.
 */
export function editorThemeFor(dataTheme: string | null, prefersDark: boolean): EditorTheme {
  if (dataTheme === 'light') return 'vs';
  if (dataTheme === 'dark') return 'vs-dark';
  return prefersDark ? 'vs-dark' : 'vs';
}

export function currentEditorTheme(): EditorTheme {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return editorThemeFor(document.documentElement.getAttribute('data-theme'), prefersDark);
}

/** Calls `onChange` whenever Starlight's theme switch changes `data-theme`; returns the unsubscribe. */
export function watchEditorTheme(onChange: (theme: EditorTheme) => void): () => void {
  const observer = new MutationObserver(() => onChange(currentEditorTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** Apple keyboards say Cmd where others say Ctrl; Monaco's Ctrl+M is Ctrl+Shift+M there. */
export function isApplePlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

export interface ShortcutLabels {
  readonly run: string;
  readonly tabMode: string;
}

export function shortcutLabels(apple: boolean): ShortcutLabels {
  return apple ? { run: '⌘+Enter', tabMode: 'Ctrl+Shift+M' } : { run: 'Ctrl+Enter', tabMode: 'Ctrl+M' };
}
