/** What the Measured panel shows, all computed from the run's facts (see figures.ts). */
import type { MeasureSpec } from '../kit/define-lab.ts';
import { CHECKPOINTS_MS, erasureFigures, latestProbes } from './figures.ts';
import { SCHEME_LABEL, type PersonalData } from './messages.ts';
import { ROLES } from './settings.ts';

export const measures: readonly MeasureSpec<PersonalData>[] = [
  {
    id: 'erasure',
    label: 'Each erasure, both ways: copies still readable after the request',
    measure(facts) {
      const figures = erasureFigures(facts);
      if (figures.length === 0) return { summary: 'Nobody has asked to be forgotten yet.', rows: [] };
      const left = figures.filter((f) => f.atEnd.length > 0);
      return {
        summary:
          left.length === 0
            ? 'Every erased customer is unreadable everywhere.'
            : `Still readable: ${left.map((f) => `${f.customerId} ${f.scheme} in ${f.atEnd.join(', ')}`).join('; ')}.`,
        rows: figures.map((f) => ({
          customer: f.customerId,
          way: SCHEME_LABEL[f.scheme],
          'copies before': f.before.length,
          [`readable after ${CHECKPOINTS_MS.map((ms) => (ms / 1000).toLocaleString('en')).join(' / ')} s`]: f.atCheckpoints.join(' / '),
          'still readable': f.atEnd.join(', ') || 'none',
          'last copy gone after': f.lastGoneAfterMs === undefined ? '—' : `${f.lastGoneAfterMs.toLocaleString('en')} ms`,
        })),
      };
    },
  },
  {
    id: 'access',
    label: 'The last probe as each role: what Postgres let it read',
    measure(facts) {
      const cells = latestProbes(facts);
      if (cells.length === 0) return { summary: 'No probe has run yet: press “Probe as each role”.', rows: [] };
      const denied = cells.filter((c) => c.outcome === 'denied').length;
      return {
        summary: `${cells.length} probes, ${denied} refused with 42501.`,
        rows: ROLES.map((role) => {
          const mine = cells.filter((c) => c.role === role);
          const read = mine.filter((c) => c.outcome === 'read');
          return {
            role,
            'columns read': read.map((c) => `${c.relation}.${c.column}`).join(', ') || 'none',
            'rows seen': Math.max(0, ...read.map((c) => c.rows)),
            'refused (42501)': mine.filter((c) => c.outcome === 'denied').length,
          };
        }),
      };
    },
  },
];
