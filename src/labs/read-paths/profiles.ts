/**
 * Support profiles, the middle of the chain: an aggregating service (a BFF for the support desk) that owns
 * no customer data. For each call from the ticket service it calls Customers and passes the answer back:
 * two synchronous hops where the direct call has one. It holds only its access log, `hop_log`.
 *
 * Its call to Customers gets what is left of the caller's budget, less the way there and back, and one
 * attempt: the caller alone retries. With the "every hop retries" fault it retries on its own clock
 * instead, with the full timeout, and keeps working for callers that have long given up.
 */
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { CustomerValue, GetProfile, ReadPaths } from './messages.ts';
import profilesSql from './profiles.sql?raw';
import { CALL_TIMEOUT_MS, HOP_MARGIN_MS, MAX_ATTEMPTS, RETRY_BASE_MS, RETRY_CAP_MS } from './settings.ts';

interface Hop {
  readonly caller: { readonly callId: number; readonly attempt: number };
  readonly customerId: string;
  /** When the caller stops waiting, as far as this service can tell from the budget it was sent. */
  readonly deadline: number;
  readonly retries: boolean;
  attempt: number;
  done: boolean;
}

interface ProfilesState {
  nextHop: number;
  readonly hops: Map<number, Hop>;
}

type Ctx = LabContext<ReadPaths, 'profiles', ProfilesState>;

async function askOwner(ctx: Ctx, hopId: number, hop: Hop, timeoutMs: number) {
  await ctx.sql(`UPDATE hop_log SET owner_attempts = ${sqlInt(hop.attempt)} WHERE hop_id = ${sqlInt(hopId)}`);
  // The budget travels on: Customers need not serve a request nobody will wait for.
  const deadline = hop.retries ? {} : { deadline: hop.deadline };
  ctx.send('customers', { type: 'get-customer', callId: hopId, customerId: hop.customerId, replyTo: 'profiles', ...deadline });
  ctx.setTimer(timeoutMs, { type: 'hop-timeout', hopId, attempt: hop.attempt });
}

async function receive(ctx: Ctx, m: GetProfile) {
  const hopId = ++ctx.state.nextHop;
  const retries = ctx.isFaultOn('hop-retries');
  const hop: Hop = {
    caller: { callId: m.callId, attempt: m.attempt },
    customerId: m.customerId,
    deadline: ctx.now + m.budgetMs - HOP_MARGIN_MS,
    retries,
    attempt: 1,
    done: false,
  };
  // The timeout shrinks along the chain: what the caller has left, not a fresh 200 ms of its own.
  const timeoutMs = retries ? CALL_TIMEOUT_MS : hop.deadline - ctx.now;
  ctx.fact({ kind: 'hop', outcome: 'received', ownerAttempts: 0 });
  await ctx.sql(
    `INSERT INTO hop_log (hop_id, caller_call, customer_id, received_at, budget_ms, timeout_ms) VALUES (${sqlInt(hopId)}, ${sqlInt(m.callId)}, ${sqlText(m.customerId)}, ${sqlInt(ctx.now)}, ${sqlInt(m.budgetMs)}, ${sqlInt(timeoutMs)})`,
  );
  if (timeoutMs <= 0) return finish(ctx, hopId, null, 'no budget left to call Customers');
  ctx.state.hops.set(hopId, hop);
  await askOwner(ctx, hopId, hop, timeoutMs);
}

async function finish(ctx: Ctx, hopId: number, value: CustomerValue | null, error?: string) {
  const hop = ctx.state.hops.get(hopId);
  ctx.state.hops.delete(hopId);
  if (hop) hop.done = true;
  const attempts = hop?.attempt ?? 0;
  const outcome = hop && ctx.now > hop.deadline ? 'too-late' : value ? 'answered' : 'failed';
  ctx.fact({ kind: 'hop', outcome, ownerAttempts: attempts });
  await ctx.sql(
    `UPDATE hop_log SET owner_attempts = ${sqlInt(attempts)}, outcome = ${sqlText(outcome)}, finished_at = ${sqlInt(ctx.now)} WHERE hop_id = ${sqlInt(hopId)}`,
  );
  if (!hop) return;
  ctx.send('tickets', { type: 'profile', ...hop.caller, value, ...(error ? { error } : {}) });
}

export const profiles: ServiceSpec<ReadPaths, 'profiles', ProfilesState> = {
  label: 'Support profiles (SQLite)',
  role: 'Aggregates what the support desk shows about a customer: calls Customers for every request, keeps only an access log',
  database: { kind: 'sqlite', setupSql: profilesSql },
  tables: [
    {
      title: 'hop_log (newest first)',
      sql: 'SELECT hop_id, caller_call AS call, customer_id, received_at AS at, budget_ms AS budget, timeout_ms AS timeout, owner_attempts AS attempts, outcome FROM hop_log ORDER BY hop_id DESC LIMIT 8',
    },
  ],
  initialState: () => ({ nextHop: 0, hops: new Map() }),
  on: {
    'get-profile': receive,
    async customer(ctx, m) {
      const hop = ctx.state.hops.get(m.callId);
      if (!hop || hop.done) return;
      await finish(ctx, m.callId, m.value);
    },
    async 'hop-timeout'(ctx, m) {
      const hop = ctx.state.hops.get(m.hopId);
      if (!hop || hop.done || hop.attempt !== m.attempt) return;
      if (hop.retries && hop.attempt < MAX_ATTEMPTS) {
        ctx.setTimer(backoff(ctx, hop.attempt - 1, RETRY_BASE_MS, RETRY_CAP_MS), { type: 'retry-hop', hopId: m.hopId }, { retry: true });
        return;
      }
      await finish(
        ctx,
        m.hopId,
        null,
        `Customers did not answer Support profiles in ${hop.attempt} attempt${hop.attempt === 1 ? '' : 's'}`,
      );
    },
    async 'retry-hop'(ctx, m) {
      const hop = ctx.state.hops.get(m.hopId);
      if (!hop || hop.done) return;
      hop.attempt++;
      await askOwner(ctx, m.hopId, hop, CALL_TIMEOUT_MS);
    },
  },
};
