/** The comparison as the chapter's tables: tickets by plan per run, the pipeline's figures, and the two layouts. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it. */
export type ComparisonFile = Comparison;

const counts = (c: { readonly basic: number; readonly premium: number }) => `${c.basic} / ${c.premium}`;

export function reportTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.reports.map((r) => ({
    'model run': r.label,
    'truth (basic / premium)': counts(r.truth),
    'type 1 dimension': counts(r.type1),
    'type 2 dimension': counts(r.type2),
    'off by (type 1 / type 2)': `${r.type1Off} / ${r.type2Off} tickets`,
  }));
}

export function pipelineTableRows(comparison: ComparisonFile): Record<string, string>[] {
  const p = comparison.pipeline;
  return [
    { layer: 'bronze', figure: 'rows loaded (every delivery kept)', value: String(p.bronzeRows) },
    { layer: 'silver', figure: 'duplicates removed (one row per event seq)', value: String(p.duplicatesRemoved) },
    { layer: 'silver', figure: 'bad tickets sent by the desk', value: String(p.badSent) },
    { layer: 'silver', figure: 'rejected by not_null_customer', value: String(p.rejectedNotNull) },
    { layer: 'silver', figure: 'rejected by known_customer', value: String(p.rejectedKnownCustomer) },
    { layer: 'gold', figure: 'tickets from a clock running ahead that reached gold', value: String(p.clockAheadInGold) },
    { layer: 'gold', figure: 'fact rows (= silver.tickets)', value: `${p.factRows} (${p.silverTickets})` },
    { layer: 'runner', figure: 'engine time of the last run’s eight models', value: `${p.lastRunMs.toLocaleString('en')} ms` },
  ];
}

export function layoutTableRows(comparison: ComparisonFile): Record<string, string>[] {
  const l = comparison.layout;
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} kB`;
  return [
    { layout: 'one wide row per ticket (row store)', 'pages read by a count by plan': String(l.rowPages), 'on disk': kb(l.rowBytes) },
    { layout: 'one table per column: plan only', 'pages read by a count by plan': String(l.columnPages), 'on disk': kb(l.planColumnBytes) },
    { layout: 'one table per column: all eight columns', 'pages read by a count by plan': '–', 'on disk': kb(l.allColumnsBytes) },
  ];
}
