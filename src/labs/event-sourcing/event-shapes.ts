/**
 * The account's events, and their shapes over time. The first release wrote a deposit as
 * `{"amount": "12.50"}` (euros, as text); the current one writes `{"cents": 1250}`. Events are never
 * rewritten, so every reader of the log must understand both: the upcaster turns an old event into the
 * current shape as it is read. It lives here once, in TypeScript for the service and in SQL for the
 * databases, and the tests check the three agree.
 */

export type AccountEvent =
  | { readonly type: 'opened' }
  | { readonly type: 'deposited'; readonly cents: number }
  | { readonly type: 'withdrawn'; readonly cents: number }
  | { readonly type: 'overdraft-limit-set'; readonly cents: number };

/** What the store hands back: the type, the JSON as written, and which shape it was written in. */
export interface RawEvent {
  readonly type: string;
  readonly data: string;
  readonly schema: number;
}

function centsOf(data: Record<string, unknown>, schema: number): number {
  if (schema === 1) return Math.round(Number(data['amount']) * 100);
  return Number(data['cents']);
}

/** The upcaster: any event, old shape or new, in the shape the current code folds. */
export function upcast(raw: RawEvent): AccountEvent {
  const data = JSON.parse(raw.data) as Record<string, unknown>;
  switch (raw.type) {
    case 'opened':
      return { type: 'opened' };
    case 'deposited':
    case 'withdrawn':
    case 'overdraft-limit-set':
      return { type: raw.type, cents: centsOf(data, raw.schema) };
    default:
      throw new Error(`unknown event type ${raw.type}`);
  }
}

/** How a release writes an event. The old release (a fault in the lab) writes deposits in the first shape. */
export function encode(event: AccountEvent, oldRelease: boolean): { readonly data: string; readonly schema: number } {
  if (event.type === 'opened') return { data: '{}', schema: 2 };
  if (event.type === 'deposited' && oldRelease) return { data: JSON.stringify({ amount: (event.cents / 100).toFixed(2) }), schema: 1 };
  return { data: JSON.stringify({ cents: event.cents }), schema: 2 };
}

/** The upcaster in Postgres, over a row of `events`: the amount of any event in cents, whatever its shape. */
export const CENTS_PG = `CASE WHEN schema = 1 THEN round((data->>'amount')::numeric * 100)::int ELSE (data->>'cents')::int END`;

/** The upcaster in SQLite, over a row of `incoming`. */
export const CENTS_SQLITE = `CASE WHEN schema = 1 THEN CAST(round(json_extract(data, '$.amount') * 100) AS INTEGER) ELSE json_extract(data, '$.cents') END`;

/** What the projection's first version read: the current shape only, so an old deposit counts as nothing. */
export const CENTS_SQLITE_NEW_SHAPE_ONLY = `coalesce(json_extract(data, '$.cents'), 0)`;
