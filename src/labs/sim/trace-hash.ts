/**
 * A 64-bit FNV-1a hash of the trace, as 16 hex digits. Same seed and same reader actions must give the
 * same hash; timings measured on the real clock never enter the trace.
 *
 * The hash is kept up to date as entries are appended (a saga batch traces thousands of them, and the
 * browser shows the hash on every refresh), in two 32-bit halves so that no BigInt work runs per byte.
 */
import type { TraceEntry } from './types.ts';

const encoder = new TextEncoder();
const NEWLINE = 0x0a;

export class TraceHasher {
  // FNV-1a 64-bit offset basis, high and low 32 bits.
  #hi = 0xcbf29ce4;
  #lo = 0x84222325;
  #entries = 0;

  add(entry: TraceEntry): void {
    if (this.#entries++ > 0) this.#byte(NEWLINE);
    for (const byte of encoder.encode(JSON.stringify(entry))) this.#byte(byte);
  }

  digest(): string {
    return (this.#hi >>> 0).toString(16).padStart(8, '0') + (this.#lo >>> 0).toString(16).padStart(8, '0');
  }

  /** hash = (hash ^ byte) * 0x100000001b3 mod 2^64, with the 64-bit product built from 16-bit pieces. */
  #byte(byte: number) {
    const lo = (this.#lo ^ byte) >>> 0;
    const hi = this.#hi >>> 0;
    // The prime is 2^40 + 0x1b3: multiply by 0x1b3, then add the value shifted left by 40 bits.
    const loLow = (lo & 0xffff) * 0x1b3;
    const loHigh = (lo >>> 16) * 0x1b3 + (loLow >>> 16);
    const newLo = ((loHigh & 0xffff) << 16) | (loLow & 0xffff);
    const carry = Math.floor(loHigh / 0x10000);
    const newHi = Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0);
    this.#lo = newLo >>> 0;
    this.#hi = newHi >>> 0;
  }
}

export function hashTrace(entries: readonly TraceEntry[]): string {
  const hasher = new TraceHasher();
  for (const entry of entries) hasher.add(entry);
  return hasher.digest();
}
