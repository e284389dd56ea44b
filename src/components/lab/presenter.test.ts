import { describe, expect, it } from 'vitest';
import { commandFor, nextFault, presentingFromUrl, SHORTCUTS } from './presenter.ts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('presenter view keys', () => {
  it('maps each shortcut to its command, in either case', () => {
    expect(commandFor(press('ArrowRight'), false)).toBe('step');
    expect(commandFor(press('N'), false)).toBe('step');
    expect(commandFor(press(' '), false)).toBe('play-pause');
    expect(commandFor(press('ArrowLeft'), false)).toBe('back');
    expect(commandFor(press('f'), false)).toBe('next-fault');
    expect(commandFor(press('?'), false)).toBe('shortcuts');
    expect(commandFor(press('Escape'), false)).toBe('leave');
    expect(commandFor(press('x'), false)).toBeUndefined();
  });

  it('leaves keys alone while the trainer types, or with a modifier held', () => {
    expect(commandFor(press('n'), true)).toBeUndefined();
    expect(commandFor(press('f', { ctrlKey: true }), false)).toBeUndefined();
  });

  it('lists every command once in the shortcuts shown', () => {
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(SHORTCUTS.length);
  });

  it('takes faults in order, round and round, and opens from its URL parameter', () => {
    expect([0, 1, 2, 3].map((n) => nextFault(['a', 'b', 'c'], n))).toEqual(['a', 'b', 'c', 'a']);
    expect(nextFault([], 0)).toBeUndefined();
    expect(presentingFromUrl('?present=two-phase-commit', 'two-phase-commit')).toBe(true);
    expect(presentingFromUrl('?present=order-saga', 'two-phase-commit')).toBe(false);
  });
});
