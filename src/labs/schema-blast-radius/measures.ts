/** The latest answer each query got in each layout, from the answers the services recorded. */
import type { MeasureSpec, RecordedFact } from '../kit/define-lab.ts';
import type { Layout } from '../ticket-system/layout.ts';
import { QUERIES } from '../ticket-system/queries.ts';
import type { Answer, AnswerFact, SchemaBlastRadius } from './messages.ts';

export interface LatestAnswer {
  readonly service: string;
  readonly query: string;
  readonly outcome: string;
  readonly ok: boolean;
}

function describe(answer: Answer): string {
  if (answer.ok) return `ok, ${answer.rows ?? 0} row${answer.rows === 1 ? '' : 's'}`;
  const at = answer.position === undefined ? '' : ` (position ${answer.position})`;
  return `${answer.code ?? '?'}: ${answer.message ?? ''}${at}`;
}

/** For each query, the last answer a service got for it in this layout, in the order the services list them. */
export function latestAnswers(facts: readonly RecordedFact<AnswerFact>[], layout: Layout): LatestAnswer[] {
  const latest = new Map<string, LatestAnswer>();
  for (const { service, fact } of facts) {
    if (fact.layout !== layout) continue;
    latest.set(fact.query, { service, query: fact.query, outcome: describe(fact), ok: fact.ok });
  }
  return QUERIES.flatMap((q) => latest.get(q.id) ?? []);
}

function round(layout: Layout, label: string, where: string): MeasureSpec<SchemaBlastRadius> {
  return {
    id: `${layout}-round`,
    label,
    measure(facts) {
      const answers = latestAnswers(facts, layout);
      if (answers.length === 0) return { summary: `No request has reached ${where} yet.`, rows: [] };
      const failed = [...new Set(answers.filter((a) => !a.ok).map((a) => a.service))];
      const summary =
        failed.length === 0
          ? `All ${answers.length} queries answered on ${where}.`
          : `${failed.length} of 3 services got errors on ${where}: ${failed.join(', ')}.`;
      return { summary, rows: answers.map(({ service, query, outcome }) => ({ service, query, outcome })) };
    },
  };
}

export const measures: readonly MeasureSpec<SchemaBlastRadius>[] = [
  round('shared', 'Latest answers, shared database', 'the shared database'),
  round('split', 'Latest answers, one database per service', 'the services’ own databases'),
];
