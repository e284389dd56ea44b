/** The comparison as the chapter's tables: one row per run (contract tests off, on), and one per product's freshness. */
import type { Comparison } from './standard-run.ts';

/** comparison.generated.json as a JSON import types it. */
export type ComparisonFile = Comparison;

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export function contractTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.runs.map((r) => ({
    'contract tests': r.contractTests ? 'on' : 'off',
    'consumer queries broken': `${r.brokenQueries} of ${r.consumerQueries}${r.errorCodes.length > 0 ? ` (${r.errorCodes.join(', ')})` : ''}`,
    'failed query runs': `${r.failedRuns} of ${r.queryRuns}`,
    'breaking changes: onto v1 / as v2': `${r.changesDeployed} / ${r.changesRefusedPublishedV2}`,
    'contract breaches at the end': String(r.contractBreaches),
    'unmasked personal columns found': `${r.policyViolations.length}${r.policyViolations.length > 0 ? ` (${r.policyViolations.map((v) => v.split('.').slice(-2).join('.')).join(', ')})` : ''}`,
    'marketing could read: products / own tables': `${r.productsReadable} of ${r.products} / ${r.internalReadable} of ${r.internalTables}`,
  }));
}

export function freshnessTableRows(comparison: ComparisonFile): Record<string, string>[] {
  return comparison.freshness.map((f) => ({
    product: f.product,
    'freshness objective': ms(f.sloMs),
    'worst staleness measured': ms(f.worstMs),
    'platform checks over the objective': `${f.overSlo} of ${f.checks}`,
  }));
}
