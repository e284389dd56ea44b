/**
 * How every service of this lab handles a record from the broker, in either mode. One local transaction
 * holds the effect, the idempotency key, the consumer position and the outgoing records (the outbox);
 * only after it commits does anything leave the service. A slow dependency is where the checks and the
 * write drift apart in time, which is exactly when only the idempotency key's primary key still helps.
 */
import { ack, alreadyProcessed, deadLetter, nack, positionSql } from '../kit/broker-client.ts';
import type { Delivery, PublishedRecord } from '../kit/broker-protocol.ts';
import { rowsOf, sqlInt, sqlText } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import { toBroker } from './broker-link.ts';
import { commitAndPublish, type CommitFaults, type Ctx, type Plan } from './local-commit.ts';
import type { OperationName, OrderData, Outcome, SagaDelivery, SagaVariant } from './messages.ts';
import { MAX_ATTEMPTS } from './settings.ts';

/** What a delivery asks a service to do, and what the service publishes about the outcome. */
export interface Route {
  /** The participant's operation, when the work is one. */
  readonly operation?: OperationName;
  readonly order: OrderData;
  /** The idempotency key, when the work needs one and the keys are on. */
  readonly key?: string;
  readonly faults?: CommitFaults;
  plan(ctx: Ctx): Promise<Plan>;
  publications(outcome: Outcome, reason?: string): readonly PublishedRecord[];
}

/** The views every service that consumes and publishes shows of its own position and outbox. */
export const OFFSETS_VIEW: TableView = { title: 'consumer_offsets', sql: 'SELECT topic, last_seq FROM consumer_offsets ORDER BY topic' };
export const OUTBOX_VIEW: TableView = {
  title: 'outbox (not yet sent)',
  sql: 'SELECT id, topic, type, key FROM outbox WHERE sent_at IS NULL ORDER BY id',
};

/** A record this service has already seen or does not care about: move the position past it. */
export async function skip(ctx: Ctx, delivery: Delivery) {
  const moved = await ctx.sql(positionSql(delivery.topic, delivery.seq));
  if (moved.ok) ack(toBroker(ctx), delivery);
}

async function park(ctx: Ctx, variant: SagaVariant, delivery: Delivery, reason: string) {
  ctx.note(`gave up on ${delivery.type} for ${delivery.key} after ${delivery.attempt} attempts: to the dead-letter topic`);
  const done = await commitAndPublish(ctx, variant, [positionSql(delivery.topic, delivery.seq)], [deadLetter(delivery, ctx.name, reason)]);
  if (done.ok) ack(toBroker(ctx), delivery);
}

/**
 * The checks before any work: a record whose position was committed, or whose key was, is acknowledged
 * or skipped, and so is a record with nothing to do. Gives back the route when the work is still to do.
 */
export async function fresh(ctx: Ctx, delivery: Delivery, route: Route | undefined): Promise<Route | undefined> {
  if (await alreadyProcessed(ctx, delivery.topic, delivery.seq)) {
    // The position was committed with the effect, so this is a redelivery of something already done.
    ctx.note(`${delivery.topic} #${delivery.seq} already processed: acknowledged again`);
    ack(toBroker(ctx), delivery);
    return undefined;
  }
  if (!route) {
    await skip(ctx, delivery);
    return undefined;
  }
  const { key } = route;
  if (key && rowsOf(await ctx.sql(`SELECT 1 AS seen FROM processed_keys WHERE key = ${sqlText(key)}`)).length > 0) {
    ctx.note(`${key} seen before: duplicate dropped`);
    await skip(ctx, delivery);
    return undefined;
  }
  return route;
}

/** The work itself: decide, commit, publish, acknowledge. */
export async function finish(ctx: Ctx, variant: SagaVariant, delivery: Delivery, route: Route) {
  const plan = await route.plan(ctx);
  if (plan.kind === 'refuse') {
    if (delivery.attempt >= MAX_ATTEMPTS) await park(ctx, variant, delivery, plan.reason);
    else nack(toBroker(ctx), delivery, plan.reason);
    return;
  }
  const { key } = route;
  const statements = [
    ...(key ? [`INSERT INTO processed_keys (key, at) VALUES (${sqlText(key)}, ${sqlInt(ctx.now)})`] : []),
    ...plan.statements,
    positionSql(delivery.topic, delivery.seq),
  ];
  const publications = [...route.publications(plan.outcome, plan.reason), ...(plan.publications ?? [])];
  const done = await commitAndPublish(ctx, variant, statements, publications, route.faults);
  if (done.error !== undefined) {
    // The key's primary key turned away a second copy that passed the first check while the first was busy.
    if (key && done.error.includes('processed_keys')) {
      ctx.note(`${key} was committed meanwhile: duplicate dropped`);
      await skip(ctx, delivery);
    } else nack(toBroker(ctx), delivery, done.error);
    return;
  }
  if (!done.ok) return;
  plan.afterCommit(ctx);
  ack(toBroker(ctx), delivery);
}

/** Checks a record, then does the work at once. */
export type Consume = (ctx: Ctx, variant: SagaVariant, delivery: SagaDelivery, route: Route | undefined) => Promise<void>;

export async function consume(ctx: Ctx, variant: SagaVariant, delivery: Delivery, route: Route | undefined) {
  const work = await fresh(ctx, delivery, route);
  if (work) await finish(ctx, variant, delivery, work);
}
