/**
 * The vocabulary of a saga service's local work, and the one way it commits: effect and outgoing records
 * in one local transaction, then publish. The faults hook in where real services break: before the
 * commit and after it.
 */
import { outboxSql, publishNow } from '../kit/broker-client.ts';
import type { PublishedRecord } from '../kit/broker-protocol.ts';
import type { LabContext } from '../kit/define-lab.ts';
import { transaction } from '../kit/service-sql.ts';
import { relayOutbox, toBroker, type LinkState } from './broker-link.ts';
import type { FaultId, OperationName, OrderData, OrderSaga, Outcome, SagaService, SagaVariant } from './messages.ts';

export type Ctx = LabContext<OrderSaga, SagaService, LinkState>;

/** What a service decided to commit. `refuse` is a technical failure: the record is retried, and parked at last. */
export type Plan =
  | {
      readonly kind: 'commit';
      readonly outcome: Outcome;
      readonly reason?: string;
      readonly statements: readonly string[];
      /** Records beyond the route's own, e.g. the orchestrator's next command. */
      readonly publications?: readonly PublishedRecord[];
      /** What the service does once the commit is through and published: tell the trace, set a deadline. */
      readonly afterCommit: (ctx: Ctx) => void;
    }
  | { readonly kind: 'refuse'; readonly reason: string };

/** What an operation decided, before the service says how it reports it. */
export type OperationPlan = Exclude<Plan, { readonly kind: 'commit' }> | Omit<Extract<Plan, { readonly kind: 'commit' }>, 'afterCommit'>;

/** The faults that kill a service on either side of its local commit. */
export interface CommitFaults {
  readonly crashBeforeCommit?: FaultId;
  readonly crashAfterCommit?: FaultId;
}

/** One thing a participant knows how to do to an order, e.g. charge it. */
export interface Operation {
  readonly name: OperationName;
  /** The idempotency key, for operations whose effect is not idempotent by itself (an increment, an insert). */
  readonly key?: (order: OrderData) => string;
  plan(ctx: Ctx, order: OrderData): Promise<OperationPlan>;
  readonly faults?: CommitFaults;
}

/** The operations a participant runs, each under its own name. */
export type OperationTable<N extends OperationName> = { readonly [K in N]: Operation & { readonly name: K } };

/** The line and the fact each committed operation leaves in the trace; trace-effects.ts reads the facts. */
export function recordEffect(ctx: Ctx, operation: OperationName | 'place-order', orderId: string, outcome: Outcome, reason?: string) {
  ctx.note(`${operation} ${orderId}: ${outcome}${reason ? ` (${reason})` : ''}`);
  ctx.fact({ kind: 'effect', operation, order: orderId, outcome });
}

/** Commits statements with outgoing records, then publishes them. Not ok when the commit failed or the service crashed. */
export async function commitAndPublish(
  ctx: Ctx,
  variant: SagaVariant,
  statements: readonly string[],
  publications: readonly PublishedRecord[],
  faults: CommitFaults = {},
): Promise<{ ok: boolean; error?: string }> {
  const early = variant.publish === 'before-commit';
  // Broken on purpose in the 'before-commit' variant: the world hears of an effect that may never commit.
  if (early) publishNow(toBroker(ctx), publications);
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
