/** The comparison as the chapter's tables, columns in the reader's words. */
/** What the tables read of comparison.generated.json (see standard-run.ts), with its names as plain strings. */
export interface ComparisonFile {
  readonly rebuilds: readonly {
    readonly upTo: number;
    readonly events: number;
    readonly batches: number;
    readonly engineMs: number;
    readonly hashBefore: string;
    readonly hashAfter: string;
  }[];
  readonly catchUp: readonly {
    readonly view: string;
    readonly upTo: number;
    readonly events: number;
    readonly batches: number;
    readonly engineMs: number;
  }[];
  readonly holders: readonly { readonly store: string; readonly rows: number }[];
}

const ms = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: 1 })} ms`;
const n = (x: number) => x.toLocaleString('en');

export function rebuildRows(c: ComparisonFile): Record<string, string>[] {
  return [
    ...c.rebuilds.map((r) => ({
      'what is replayed': 'reporting (Postgres), dropped and rebuilt',
      'log length': n(r.upTo),
      'events / batches': `${n(r.events)} / ${n(r.batches)}`,
      'engine time': ms(r.engineMs),
      'per 1,000 events': ms((r.engineMs * 1000) / Math.max(1, r.events)),
      'content hash before → after': `${r.hashBefore.slice(0, 10)} → ${r.hashAfter.slice(0, 10)}`,
    })),
    ...c.catchUp.map((r) => ({
      'what is replayed': `${r.view} (SQLite), added later`,
      'log length': n(r.upTo),
      'events / batches': `${n(r.events)} / ${n(r.batches)}`,
      'engine time': ms(r.engineMs),
      'per 1,000 events': ms((r.engineMs * 1000) / Math.max(1, r.events)),
      'content hash before → after': 'new: checked against the fold',
    })),
  ];
}

export function personalDataRows(c: ComparisonFile): Record<string, string>[] {
  return c.holders.map((h) => ({
    store: h.store,
    'rows with Ada’s email, after she asked to be forgotten': n(h.rows),
    'can it delete them?':
      h.store === 'orders.log' ? 'no: the log refuses UPDATE and DELETE (23001)' : 'yes: it applied customer-forgotten',
  }));
}
