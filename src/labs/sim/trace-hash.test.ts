import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashTrace, TraceHasher } from './trace-hash.ts';
import type { TraceEntry } from './types.ts';

/** FNV-1a 64 written the obvious way, with BigInt, as the reference the fast version must equal. */
function reference(entries: readonly TraceEntry[]): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(entries.map((e) => JSON.stringify(e)).join('\n'))) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

const note = fc.record({
  type: fc.constant('note' as const),
  step: fc.nat(),
  at: fc.nat(),
  service: fc.string(),
  text: fc.string({ unit: 'grapheme' }),
});

describe('trace hash', () => {
  it('equals 64-bit FNV-1a over the entries as JSON lines', () => {
    fc.assert(
      fc.property(fc.array(note, { maxLength: 6 }), (entries) => {
        expect(hashTrace(entries)).toBe(reference(entries));
      }),
    );
  });

  it('is the same whether built at once or entry by entry', () => {
    const entries: TraceEntry[] = [
      { type: 'note', step: 1, at: 10, service: 'a', text: 'one' },
      { type: 'crash', step: 2, at: 20, service: 'b', reason: 'fault' },
    ];
    const hasher = new TraceHasher();
    expect(hasher.digest()).toBe(reference([]));
    hasher.add(entries[0]!);
    expect(hasher.digest()).toBe(reference(entries.slice(0, 1)));
    hasher.add(entries[1]!);
    expect(hasher.digest()).toBe(hashTrace(entries));
  });
});
