/**
 * A 64-bit FNV-1a hash of the trace, as 16 hex digits. Same seed and same reader actions must give the
 * same hash; timings measured on the real clock never enter the trace.
 */
import type { TraceEntry } from './types.ts';

const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function hashTrace(entries: readonly TraceEntry[]): string {
  let hash = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(entries.map((entry) => JSON.stringify(entry)).join('\n'));
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
