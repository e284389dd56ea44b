/** The latest answer each query got in each layout, read from the messages in the trace. */
import type { MeasureDefinition, TraceEntry } from '../sim/types.ts';
import type { Layout } from './layout.ts';
import type { QueryReply } from './messages.ts';
import { QUERIES } from './queries.ts';

export interface LatestAnswer {
  readonly service: string;
  readonly query: string;
  readonly outcome: string;
  readonly ok: boolean;
}

function describe(reply: QueryReply): string {
  if (reply.ok) return `ok, ${reply.rows ?? 0} row${reply.rows === 1 ? '' : 's'}`;
  const at = reply.position === undefined ? '' : ` (position ${reply.position})`;
  return `${reply.code ?? '?'}: ${reply.message ?? ''}${at}`;
}

/** For each query, the last reply a database sent for it in this layout. */
export function latestAnswers(trace: readonly TraceEntry[], layout: Layout): LatestAnswer[] {
  const latest = new Map<string, LatestAnswer>();
  for (const entry of trace) {
    if (entry.type !== 'send' || entry.message.type !== 'result') continue;
    const reply = entry.message as unknown as QueryReply;
    if (reply.layout !== layout) continue;
    latest.set(reply.query, { service: entry.to, query: reply.query, outcome: describe(reply), ok: reply.ok });
  }
  return QUERIES.flatMap((q) => latest.get(q.id) ?? []);
}

function round(layout: Layout, label: string, where: string): MeasureDefinition {
  return {
    id: `${layout}-round`,
    label,
    measure(trace) {
      const answers = latestAnswers(trace, layout);
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

export const measures: readonly MeasureDefinition[] = [
  round('shared', 'Latest answers, shared database', 'the shared database'),
  round('split', 'Latest answers, one database per service', 'the services’ own databases'),
];
