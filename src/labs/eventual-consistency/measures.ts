/**
 * The lab's measures, all computed in virtual time from the facts services recorded and the trace, and the comparison row per pattern that
 * the chapter's table shows (comparison.generated.json is this, for the standard workload).
 */
import type { MeasureSpec } from '../kit/define-lab.ts';
import type { TraceEntry } from '../sim/types.ts';
import { labFacts, type Fact } from './facts.ts';
import type { EventualConsistency } from './messages.ts';
import { PATTERNS, type Pattern, type PatternId } from './patterns.ts';
import { outagesOf, recoveryOf, requestOutcomes, talksTo, touches, within } from './trace-reading.ts';
import { windowsOf } from './windows.ts';

export interface ComparisonRow {
  readonly pattern: PatternId;
  readonly label: string;
  readonly windowMaxMs: number;
  readonly windowMeanMs: number;
  readonly changesMeasured: number;
  readonly stillWrong: number;
  readonly outageMs: number;
  readonly duringOutage: { readonly requests: number; readonly accepted: number; readonly refused: number; readonly undecided: number };
  readonly longestWaitMs: number;
  readonly talksTo: readonly string[];
  readonly touches: readonly string[];
  readonly recoveredBy: string;
  readonly recoveryFigures: Readonly<Record<string, number>>;
}

/** What became of ticket requests while the customer side of `p` was down, and the longest wait overall. */
function outageOf(trace: readonly TraceEntry[], facts: readonly Fact[], p: Pattern) {
  const outages = outagesOf(trace, p);
  const outcomes = requestOutcomes(facts, p);
  const during = outcomes.filter((o) => within(o.requestedAt, outages));
  return {
    outageMs: outages.reduce((n, i) => n + i.to - i.from, 0),
    during: {
      requests: during.length,
      accepted: during.filter((o) => o.outcome === 'accepted').length,
      refused: during.filter((o) => o.outcome === 'refused').length,
      undecided: during.filter((o) => o.outcome === 'undecided').length,
    },
    longestWaitMs: outcomes.reduce((m, o) => Math.max(m, o.waitMs ?? 0), 0),
  };
}

export function comparisonRow(trace: readonly TraceEntry[], facts: readonly Fact[], p: Pattern): ComparisonRow {
  const w = windowsOf(facts, p);
  const outage = outageOf(trace, facts, p);
  const recovery = recoveryOf(trace, facts, p);
  return {
    pattern: p.id,
    label: p.label,
    windowMaxMs: w.maxMs,
    windowMeanMs: w.meanMs,
    changesMeasured: w.windows.length,
    stillWrong: w.unresolved,
    outageMs: outage.outageMs,
    duringOutage: outage.during,
    longestWaitMs: outage.longestWaitMs,
    talksTo: talksTo(trace, p),
    touches: touches(trace, facts, p),
    recoveredBy: recovery.summary,
    recoveryFigures: recovery.figures,
  };
}

export function comparison(trace: readonly TraceEntry[]): ComparisonRow[] {
  const facts = labFacts(trace);
  return PATTERNS.map((p) => comparisonRow(trace, facts, p));
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

export const measures: readonly MeasureSpec<EventualConsistency>[] = [
  {
    id: 'inconsistency-window',
    label: 'Inconsistency window: from a ticket’s commit until its customer’s count is right',
    measure(facts) {
      const rows = PATTERNS.map((p) => {
        const w = windowsOf(facts, p);
        return {
          pattern: p.label,
          'max ms': w.maxMs,
          'mean ms': w.meanMs,
          'changes measured': w.windows.length,
          'still wrong': w.unresolved,
        };
      });
      const measured = rows.filter((r) => r['changes measured'] > 0);
      const summary =
        measured.length === 0
          ? 'No ticket has changed yet.'
          : measured.map((r) => `${r.pattern}: longest ${ms(r['max ms'])}, mean ${ms(r['mean ms'])}`).join('; ') + '.';
      return { summary, rows };
    },
  },
  {
    id: 'outage',
    label: 'Ticket requests while the customer side was down',
    measure(facts, trace) {
      const rows = PATTERNS.map((p) => {
        const o = outageOf(trace, facts, p);
        return {
          pattern: p.label,
          'down for ms': o.outageMs,
          requests: o.during.requests,
          accepted: o.during.accepted,
          refused: o.during.refused,
          undecided: o.during.undecided,
          'longest wait ms': o.longestWaitMs,
        };
      });
      const any = rows.some((r) => r['down for ms'] > 0);
      return {
        summary: any
          ? rows.map((r) => `${r.pattern}: ${r.accepted} accepted, ${r.refused} refused of ${r.requests}`).join('; ') + '.'
          : 'No customer side has been down yet.',
        rows,
      };
    },
  },
  {
    id: 'coupling',
    label: 'Coupling: who talks to whom, who touches which database (from the trace)',
    measure(facts, trace) {
      const rows = PATTERNS.map((p) => ({
        pattern: p.label,
        'talks to': talksTo(trace, p).join(', ') || 'nobody',
        'touches databases': touches(trace, facts, p).join(' | ') || 'nothing yet',
      }));
      return { summary: 'Read from the messages sent and the SQL each actor ran.', rows };
    },
  },
  {
    id: 'recovery',
    label: 'What put the counts right again',
    measure(facts, trace) {
      const rows = PATTERNS.map((p) => ({ pattern: p.label, 'recovered by': recoveryOf(trace, facts, p).summary }));
      return { summary: rows.map((r) => `${r.pattern}: ${r['recovered by']}`).join('; ') + '.', rows };
    },
  },
];
