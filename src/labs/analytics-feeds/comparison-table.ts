/** The comparison as the chapter's tables: one row per way of feeding, and one per way of syncing the score back. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly feeds: readonly (Omit<Comparison['feeds'][number], 'feed' | 'logic' | 'reprocessing'> & {
    readonly feed: string;
    readonly logic: string | null;
    readonly reprocessing: string;
  })[];
  readonly sync: readonly (Omit<Comparison['sync'][number], 'mode'> & { readonly mode: string })[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

const SYNC_LABEL: Readonly<Record<string, string>> = {
  direct: 'Pipeline writes customers.churn_risk',
  'owned-table': 'Pipeline writes its own table',
  api: 'Pipeline calls the service’s API',
};

export function feedTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.feeds.map((r) => ({
    'way in': r.label,
    'freshness (p50 / max)': `${r.freshnessP50Ms.toLocaleString('en')} / ${ms(r.freshnessMaxMs)}`,
    'off by, days already over (last read / worst)': `${r.errorLast} / ${r.errorMax} tickets`,
    'late events dropped': String(r.lateDropped),
    reprocessing:
      r.reprocessing === 'replay'
        ? `replay of ${r.reprocessedChanges} changes: ${ms(r.reprocessingEngineMs)} engine time`
        : r.reprocessing === 'nightly'
          ? `every night, all ${r.reprocessedChanges} tickets recopied and recounted`
          : 'none: a fix needs a replay',
    'code paths': String(r.codePaths),
    'speed layer corrected at night': r.feed === 'lambda' ? `${r.correctedAtNight} tickets` : '–',
  }));
}

export function syncTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.sync.map((r) => ({
    'reverse ETL': SYNC_LABEL[r.mode] ?? r.mode,
    'score pushes': String(r.pushes),
    'scores the form saved over': String(r.scoresOverwritten),
    'tables with two writers': String(r.sharedTables),
    'scores held at the end': String(r.scoresHeld),
  }));
}
