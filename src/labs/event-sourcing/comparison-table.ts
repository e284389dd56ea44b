/** The comparison as the chapter's tables, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export type ComparisonFile = Omit<Comparison, 'rush'> & {
  readonly rush: readonly (Omit<Comparison['rush'][number], 'check'> & { readonly check: string })[];
};

const ms = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: 2 })} ms`;
const n = (x: number) => x.toLocaleString('en');
const kb = (bytes: number) => `${n(Math.round(bytes / 1024))} kB`;

export function replayRows(c: ComparisonFile): Record<string, string>[] {
  return c.replay.map((r) => ({
    'stream length (events)': n(r.length),
    'from the first event: rows read': n(r.fullRead),
    'from the first event: Postgres time': ms(r.fullMs),
    'from the newest snapshot: rows read': `1 + ${n(r.snapshotRead)}`,
    'from the newest snapshot: Postgres time': ms(r.snapshotMs),
  }));
}

export function rushRows(c: ComparisonFile): Record<string, string>[] {
  return c.rush.map((r) => ({
    'command handler': r.check === 'optimistic' ? 'expected version + 1' : 'no check: after whatever is there',
    'appended / rejected': `${n(r.figures.appended)} / ${n(r.figures.rejected)}`,
    'conflicts (23505), commands decided again': `${n(r.figures.conflicts)}, ${n(r.figures.retried)}`,
    'appended on a stale state': n(r.figures.decidedOnStale),
    'withdrawals past the limit': n(r.overdrawn),
  }));
}

export function storageRows(c: ComparisonFile): Record<string, string>[] {
  const s = c.storage;
  return [
    {
      table: 'events (the record)',
      rows: n(s.events),
      size: kb(s.eventsBytes),
      'per row': `${n(Math.round(s.eventsBytes / s.events))} bytes`,
    },
    {
      table: 'snapshots (every 100 events)',
      rows: n(s.snapshots),
      size: kb(s.snapshotsBytes),
      'per row': `${n(Math.round(s.snapshotsBytes / s.snapshots))} bytes`,
    },
    {
      table: 'accounts (current state only)',
      rows: n(s.accounts),
      size: kb(s.stateBytes),
      'per row': `${n(Math.round(s.stateBytes / s.accounts))} bytes`,
    },
  ];
}

export function projectionRows(c: ComparisonFile): Record<string, string>[] {
  return c.projections.map((p) => ({
    projection: p.projection === 'summary_v2' ? 'summary_v2 (the fix, replayed beside v1)' : `${p.projection} (a new consumer)`,
    'events replayed': n(p.events),
    batches: n(p.batches),
    'SQLite time': ms(p.engineMs),
    'caught up after (virtual)': p.caughtUpAfterMs < 0 ? 'not yet' : ms(p.caughtUpAfterMs),
  }));
}
