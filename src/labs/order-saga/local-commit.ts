/**
 * The vocabulary of a saga service's local work, and the one way it commits: effect and outgoing records
 * in one local transaction, then publish. The faults hook in where real services break: before the
 * commit and after it.
 */
import { outboxSql, publishNow, type Publication } from '../kit/broker-client.ts';
import { transaction } from '../kit/service-sql.ts';
import type { ServiceContext } from '../sim/types.ts';
import { relayOutbox, type LinkState } from './broker-link.ts';
import type { OrderData, Outcome, SagaVariant } from './messages.ts';

export type Ctx = ServiceContext<LinkState>;

/** What an operation decided. `refuse` is a technical failure: the record is retried, and parked at last. */
export type Plan =
  | {
      readonly kind: 'commit';
      readonly outcome: Outcome;
      readonly reason?: string;
      readonly statements: readonly string[];
      /** Records beyond the route's own, e.g. the orchestrator's next command. */
      readonly publications?: readonly Publication[];
      /** Replaces the effect note in the trace. */
      readonly note?: string;
      /** Runs once the commit is through and published, e.g. to set a deadline. */
      readonly afterCommit?: (ctx: Ctx) => void;
    }
  | { readonly kind: 'refuse'; readonly reason: string };

/** One thing a service knows how to do to an order, e.g. charge it. */
export interface Operation {
  readonly name: string;
  /** The idempotency key, for operations whose effect is not idempotent by itself (an increment, an insert). */
  readonly key?: (order: OrderData) => string;
  plan(ctx: Ctx, order: OrderData): Promise<Plan>;
  readonly faults?: { readonly slow?: string; readonly crashBeforeCommit?: string; readonly crashAfterCommit?: string };
}

/** What a delivery asks a service to do, and what the service publishes about the outcome. */
export interface Route {
  readonly operation: Operation;
  readonly order: OrderData;
  publications(outcome: Outcome, reason?: string): readonly Publication[];
}

/** The line each committed operation leaves in the trace; trace-effects.ts reads it back. */
export function effectNote(operation: string, orderId: string, outcome: Outcome, reason?: string): string {
  return `${operation} ${orderId}: ${outcome}${reason ? ` (${reason})` : ''}`;
}

/** Commits statements with outgoing records, then publishes them. Not ok when the commit failed or the service crashed. */
export async function commitAndPublish(
  ctx: Ctx,
  variant: SagaVariant,
  statements: readonly string[],
  publications: readonly Publication[],
  faults: Operation['faults'] = {},
): Promise<{ ok: boolean; error?: string }> {
  const early = variant.publish === 'before-commit';
  // Broken on purpose in the 'before-commit' variant: the world hears of an effect that may never commit.
  if (early) publishNow(ctx, publications);
  if (faults.crashBeforeCommit && ctx.isFaultOn(faults.crashBeforeCommit)) {
    ctx.crash('crashed before its local commit');
    return { ok: false };
  }
  const outbox = early ? [] : publications.map((p) => outboxSql(p, ctx.now));
  const result = await ctx.sql(transaction([...statements, ...outbox]));
  if (!result.ok) return { ok: false, error: result.error.message };
  if (faults.crashAfterCommit && ctx.isFaultOn(faults.crashAfterCommit)) {
    ctx.crash('crashed after its local commit, before publishing');
    return { ok: false };
  }
  await relayOutbox(ctx);
  return { ok: true };
}
