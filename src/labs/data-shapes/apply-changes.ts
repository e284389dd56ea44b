/**
 * How a store that keeps a shape current takes changes from the relational store's log: each exactly once and
 * in log order, whatever the network does. A change at or below the applied position is a redelivery and is
 * skipped; one that arrives ahead of a missing one waits in memory until the gap is filled (nothing is dropped
 * here, only delayed, duplicated or overtaken). Each change is applied in one local transaction together with
 * the new applied position.
 */
import type { QueryResult } from '../engine/types.ts';
import type { Change, LoggedChange, ShapesFact } from './messages.ts';

export interface ApplyState {
  pending: Map<number, Change>;
}

export interface ApplyContext {
  readonly name: string;
  readonly state: ApplyState;
  sql(text: string): Promise<QueryResult>;
  fact(fact: ShapesFact): void;
}

async function appliedPosition(ctx: ApplyContext): Promise<number> {
  const result = await ctx.sql('SELECT position FROM applied_position');
  return result.ok ? Number(result.results.at(-1)?.rows[0]?.[0] ?? 0) : 0;
}

/** `apply` applies one change and moves the applied position in the same transaction; false if it failed. */
export async function takeChanges(
  ctx: ApplyContext,
  changes: readonly LoggedChange[],
  apply: (logged: LoggedChange) => Promise<boolean>,
): Promise<void> {
  let applied = await appliedPosition(ctx);
  for (const { position, change } of changes) {
    if (position <= applied || ctx.state.pending.has(position)) ctx.fact({ kind: 'skipped-duplicate', service: ctx.name, position });
    else ctx.state.pending.set(position, change);
  }
  for (let next = ctx.state.pending.get(applied + 1); next; next = ctx.state.pending.get(applied + 1)) {
    if (!(await apply({ position: applied + 1, change: next }))) return;
    ctx.state.pending.delete(applied + 1);
    applied++;
  }
  const waiting = [...ctx.state.pending.keys()];
  if (waiting.length > 0) ctx.fact({ kind: 'gap', service: ctx.name, expected: applied + 1, got: Math.min(...waiting) });
}

export const movePosition = (position: number) => `UPDATE applied_position SET position = ${position}`;
