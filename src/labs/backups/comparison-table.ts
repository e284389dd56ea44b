/** The comparison as the chapter's tables: one row per schedule, one per repair, columns in the reader's words. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly damageAtMs: number;
  readonly schedules: readonly (Omit<Comparison['schedules'][number], 'restore'> & { readonly restore: string })[];
  readonly repairs: readonly (Omit<Comparison['repairs'][number], 'repair'> & { readonly repair: string })[];
}

const s = (ms: number) => `${Math.round(ms / 1_000).toLocaleString('en')} s`;
const kb = (bytes: number) => `${(bytes / 1_000).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;

export function scheduleRows(c: ComparisonFile): Record<string, string>[] {
  return c.schedules.map((r) => ({
    schedule: `dumps every ${r.dumpEveryMin} min, ${r.shipEveryS === 0 ? 'log off' : `log every ${r.shipEveryS} s`}`,
    restore: r.restore === 'pitr' ? 'dump + log' : 'dump',
    'orders lost': `${r.lost} of ${r.committed}`,
    'loss window (RPO)': s(r.lostWindowMs),
    'log replayed': String(r.replayed),
    'restore: transfer (modelled) + engine': `${r.transferMs.toLocaleString('en')} + ${Math.round(r.engineMs).toLocaleString('en')} ms`,
    'vault bytes': kb(r.vaultBytes),
    'orphan payments': String(r.orphans),
  }));
}

export function repairRows(c: ComparisonFile): Record<string, string>[] {
  return c.repairs.map((r) => ({
    repair: r.repair === 'replay' ? 'replay the broker’s topic' : 'reconcile from payments',
    'orphan payments before → after': `${r.orphansBefore} → ${r.orphansAfter}`,
    'orders recreated': String(r.recreated),
    'recreated without address': String(r.withoutAddress),
    'orders still lost': String(r.stillLost),
  }));
}
