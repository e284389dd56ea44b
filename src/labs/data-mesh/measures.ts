/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { changeFigures, consumerFigures, freshnessFigures, policyFigures, probeFigures } from './figures.ts';
import type { MeshLab } from './messages.ts';

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const measures: readonly MeasureSpec<MeshLab>[] = [
  {
    id: 'consumer',
    label: 'Marketing’s queries on the products: run, failed, and Postgres’s error',
    measure(facts) {
      const c = consumerFigures(facts);
      return {
        summary:
          c.runs === 0
            ? 'Marketing has not queried yet.'
            : `${c.runs} queries run, ${c.failed} failed; ${c.broken} of ${c.queries.length} consumer queries broken${c.codes.length > 0 ? ` (${c.codes.join(', ')})` : ''}.`,
        rows: c.queries.map((q) => ({ query: q.query, runs: q.runs, failed: q.failed, 'first error': q.firstError ?? '–' })),
      };
    },
  },
  {
    id: 'changes',
    label: 'Producers’ breaking changes: deployed onto the served version, or refused by the contract test and published as a new version',
    measure(facts) {
      const c = changeFigures(facts);
      return {
        summary:
          c.changes.length === 0
            ? 'No producer has shipped a change yet.'
            : `${c.applied} deployed onto a served version, ${c.refused} refused and published as v2.`,
        rows: c.changes.map((x) => ({
          domain: x.domain,
          change: x.change,
          'contract tests': x.contractTests ? 'on' : 'off',
          outcome:
            x.outcome === 'applied' ? 'deployed onto v1' : `refused (${x.breaches} breach${x.breaches === 1 ? '' : 'es'}), v2 published`,
        })),
      };
    },
  },
  {
    id: 'policy',
    label: 'Federated policy: personal columns found unmasked by the platform’s catalog check',
    measure(facts) {
      const p = policyFigures(facts);
      return {
        summary:
          p.violations.length === 0 ? 'No unmasked personal column found.' : `${p.violations.length} found: ${p.violations.join(', ')}.`,
        rows: p.violations.map((v) => ({ 'unmasked column': v })),
      };
    },
  },
  {
    id: 'freshness',
    label: 'Freshness per product: time since its last publish, against its objective, at each platform check',
    measure(facts) {
      const f = freshnessFigures(facts);
      return {
        summary:
          f.length === 0
            ? 'The platform has not checked yet.'
            : f.map((p) => `${p.table}: worst ${ms(p.worstMs)} (objective ${ms(p.sloMs)})`).join('; '),
        rows: f.map((p) => ({
          product: `${p.domain}: ${p.table}`,
          objective: ms(p.sloMs),
          worst: ms(p.worstMs),
          'checks over objective': `${p.overSlo} of ${p.checks}`,
        })),
      };
    },
  },
  {
    id: 'probe',
    label: 'Probe as marketing: what the consumer’s role can read in each domain',
    measure(facts) {
      const p = probeFigures(facts);
      return {
        summary:
          p.length === 0
            ? 'No probe yet: press Probe as marketing.'
            : p
                .map(
                  (d) => `${d.domain}: ${d.productsRead} of ${d.products} products, ${d.internalRead.length} of ${d.internal} own tables`,
                )
                .join('; '),
        rows: p.map((d) => ({
          domain: d.domain,
          'products read': `${d.productsRead} of ${d.products}`,
          'own tables read': `${d.internalRead.length} of ${d.internal}`,
          which: d.internalRead.join(', ') || '–',
        })),
      };
    },
  },
];
