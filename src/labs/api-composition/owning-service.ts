/**
 * What the three owning services share: they answer a query after their own cost in virtual time, they
 * hand their outbox to the projector, and after each write they say so, once, to the read model.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import type { LabContext } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { Answer, ApiComposition, ChangeEvent, FetchChanges, Reply, Source } from './messages.ts';
import { ROWS_PER_MS, SERVICE_BASE_MS } from './settings.ts';

type Ctx<S extends Source> = LabContext<ApiComposition, S, unknown>;

/** Reading and shipping rows takes time: the bigger the answer, the later it leaves. */
export const costOf = (rows: number) => SERVICE_BASE_MS + Math.ceil(rows / ROWS_PER_MS);

/** `later` is the service's own `setTimer`: the reply comes back to it when its cost has been paid. */
export function answerLater(later: (delayMs: number, reply: Reply) => void, answer: Answer, extraMs = 0) {
  later(costOf(answer.rows.length) + extraMs, { type: 'reply', answer });
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The outbox after `after`, oldest first; `row` as JSON text whatever the engine. */
export function outboxSql(source: Source, after: number, limit: number): string {
  const row = source === 'payments' ? 'row' : 'row::text AS row';
  return `SELECT position, key, version, ${row} FROM outbox WHERE position > ${sqlInt(after)} ORDER BY position LIMIT ${sqlInt(limit)}`;
}

export function eventOf(row: Record<string, Cell>): ChangeEvent {
  return { position: Number(row['position']), key: String(row['key']), version: Number(row['version']), row: String(row['row']) };
}

export async function handOverChanges<S extends Source>(ctx: Ctx<S>, source: S, m: FetchChanges) {
  const events = rowsOf(await ctx.sql(outboxSql(source, m.after, m.limit))).map(eventOf);
  const holds = events.length === 0 ? 'nothing new' : `positions ${events[0]?.position ?? ''}–${events.at(-1)?.position ?? ''}`;
  ctx.send('read-model', { type: 'changes', holds, source, after: m.after, events });
}

/** After a write's transaction: the fact for the measures, and a nudge to the projector. Returns the changed key. */
export function committed<S extends Source>(ctx: Ctx<S>, source: S, result: QueryResult): string | undefined {
  // The script ends SELECT …; COMMIT: the row is in the second-to-last result.
  const row = result.ok ? rowsOf({ ...result, results: result.results.slice(-2, -1) })[0] : undefined;
  if (!row) return undefined;
  const key = String(row['key']);
  ctx.fact({ kind: 'committed', source, position: Number(row['position']), key });
  ctx.send('read-model', { type: 'changed', source });
  return key;
}

/** The last statement of a write's script: where its change went in the outbox. */
export const LAST_CHANGE = 'SELECT position, key FROM outbox ORDER BY position DESC LIMIT 1';

/** A SQL `IN` list; an empty one matches nothing. */
export const inList = (values: readonly string[]) => `(${values.length === 0 ? 'NULL' : values.map(sqlText).join(', ')})`;
