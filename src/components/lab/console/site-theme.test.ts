import { describe, expect, it } from 'vitest';
import { editorThemeFor, isApplePlatform, shortcutLabels } from './site-theme.ts';

describe('editorThemeFor', () => {
  it("follows Starlight's data-theme", () => {
    expect(editorThemeFor('light', true)).toBe('vs');
    expect(editorThemeFor('dark', false)).toBe('vs-dark');
  });

  it('falls back to the system preference without it', () => {
    expect(editorThemeFor(null, true)).toBe('vs-dark');
    expect(editorThemeFor(null, false)).toBe('vs');
    expect(editorThemeFor('auto', false)).toBe('vs');
  });
});

describe('shortcuts', () => {
  it('names Cmd on Apple platforms and Ctrl elsewhere', () => {
    expect(isApplePlatform('MacIntel')).toBe(true);
    expect(isApplePlatform('iPhone')).toBe(true);
    expect(isApplePlatform('Linux x86_64')).toBe(false);
    expect(shortcutLabels(true)).toEqual({ run: '⌘+Enter', tabMode: 'Ctrl+Shift+M' });
    expect(shortcutLabels(false)).toEqual({ run: 'Ctrl+Enter', tabMode: 'Ctrl+M' });
  });
});
