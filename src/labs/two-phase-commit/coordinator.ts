/**
 * The coordinator: runs two-phase commit for each transfer and keeps its decisions in a durable log.
 *
 * `protocol: 'one-phase'` is a deliberately broken variant for the tests: it asks each bank to commit
 * straight away, so a refusal or a crash in the middle leaves money created or destroyed.
 */
import type { QueryResult, ServiceDatabaseSpec } from '../engine/types.ts';
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import {
  BANKS,
  literal,
  type Ack,
  type BankName,
  type Decision,
  type Outcome,
  type Prepare,
  type Resend,
  type TransferRequest,
  type TwoPhaseCommit,
  type Vote,
} from './messages.ts';

export const VOTE_TIMEOUT_MS = 2000;
export const RESEND_INTERVAL_MS = 500;
/** Resends back off up to this: a bank cut off for good costs a few steps a minute, not hundreds. */
export const RESEND_CAP_MS = 8000;

export type Protocol = 'two-phase' | 'one-phase';

/** Volatile memory: lost in a crash, which is why the decision lives in `tx_log`. */
interface CoordinatorState {
  readonly votes: Map<string, Map<BankName, Vote>>;
  readonly acks: Map<string, Set<BankName>>;
}

interface LogRow {
  readonly gid: string;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  readonly state: string;
  readonly decision: Decision | null;
}

type Ctx = LabContext<TwoPhaseCommit, 'coordinator', CoordinatorState>;

function rows(result: QueryResult): LogRow[] {
  if (!result.ok) return [];
  return (result.results.at(-1)?.rows ?? []).map(([gid, from, to, amount, state, decision]) => ({
    gid: String(gid),
    from: String(from),
    to: String(to),
    amount: Number(amount),
    state: String(state),
    decision: decision === 'commit' || decision === 'abort' ? decision : null,
  }));
}

async function readLog(ctx: Ctx, gid: string): Promise<LogRow | undefined> {
  return rows(await ctx.sql(`SELECT gid, from_account, to_account, amount, state, decision FROM tx_log WHERE gid = ${literal(gid)}`))[0];
}

/** Which bank holds which side of a transfer: Alice banks with A, Bob with B. */
function bankOf(account: string): BankName {
  return account === 'alice' ? 'bank-a' : 'bank-b';
}

function sendOutcome(ctx: Ctx, gid: string, decision: Decision, to: readonly BankName[]) {
  const outcome: Outcome = { type: decision === 'commit' ? 'commit' : 'rollback', gid };
  for (const bank of to) ctx.send(bank, outcome);
}

async function decide(ctx: Ctx, gid: string, decision: Decision) {
  const logged = await ctx.sql(`UPDATE tx_log SET decision = ${literal(decision)}, state = 'deciding' WHERE gid = ${literal(gid)}`);
  if (!logged.ok) return;
  if (decision === 'commit' && ctx.isFaultOn('coordinator-crash-after-decision')) {
    ctx.crash(`crashed after logging "commit" for ${gid}`);
    return;
  }
  sendOutcome(ctx, gid, decision, BANKS);
  scheduleResend(ctx, gid, 0);
}

/** Checks for missing acknowledgements later, and sends the decision again to whoever has not answered. */
function scheduleResend(ctx: Ctx, gid: string, attempt: number) {
  ctx.setTimer(backoff(ctx, attempt, RESEND_INTERVAL_MS, RESEND_CAP_MS), { type: 'resend', gid, attempt }, { retry: true });
}

async function startTransfer(ctx: Ctx, request: TransferRequest, protocol: Protocol) {
  const count = await ctx.sql('SELECT count(*) FROM tx_log');
  const n = count.ok ? Number(count.results[0]?.rows[0]?.[0] ?? 0) : 0;
  const gid = `tx-${n + 1}`;
  const inserted = await ctx.sql(
    `INSERT INTO tx_log (gid, from_account, to_account, amount, state) VALUES (${literal(gid)}, ${literal(request.from)}, ${literal(request.to)}, ${request.amount}, 'started')`,
  );
  if (!inserted.ok) return;
  const legs: Prepare[] = [
    { type: 'prepare', gid, account: request.from, delta: -request.amount },
    { type: 'prepare', gid, account: request.to, delta: request.amount },
  ];
  if (protocol === 'one-phase') {
    // Broken on purpose: each bank prepares and is told to commit at once, without waiting for the other.
    for (const leg of legs) {
      ctx.send(bankOf(leg.account), leg);
      ctx.send(bankOf(leg.account), { type: 'commit', gid });
    }
    await ctx.sql(`UPDATE tx_log SET decision = 'commit', state = 'done' WHERE gid = ${literal(gid)}`);
    return;
  }
  for (const leg of legs) ctx.send(bankOf(leg.account), leg);
  ctx.setTimer(VOTE_TIMEOUT_MS, { type: 'vote-timeout', gid });
}

async function onVote(ctx: Ctx, vote: Vote) {
  const log = await readLog(ctx, vote.gid);
  if (!log) return;
  if (log.decision) {
    // A late vote for a transfer already decided: repeat the decision to that bank so it does not stay in doubt.
    if (vote.vote === 'yes') sendOutcome(ctx, vote.gid, log.decision, [vote.bank]);
    return;
  }
  const votes = ctx.state.votes.get(vote.gid) ?? new Map<BankName, Vote>();
  votes.set(vote.bank, vote);
  ctx.state.votes.set(vote.gid, votes);
  if (vote.vote === 'no') {
    ctx.note(`${vote.bank} voted no (${vote.reason ?? 'no reason'}): abort`);
    await decide(ctx, vote.gid, 'abort');
    return;
  }
  if (BANKS.every((bank) => votes.get(bank)?.vote === 'yes')) {
    if (ctx.isFaultOn('coordinator-crash-after-prepare')) {
      ctx.crash(`crashed with both banks prepared for ${vote.gid}, before deciding`);
      return;
    }
    await decide(ctx, vote.gid, 'commit');
  }
}

async function onAck(ctx: Ctx, ack: Ack) {
  const acks = ctx.state.acks.get(ack.gid) ?? new Set<BankName>();
  acks.add(ack.bank);
  ctx.state.acks.set(ack.gid, acks);
  if (BANKS.every((bank) => acks.has(bank))) {
    await ctx.sql(`UPDATE tx_log SET state = 'done' WHERE gid = ${literal(ack.gid)} AND state = 'deciding'`);
  }
}

async function onResend(ctx: Ctx, { gid, attempt }: Resend) {
  const log = await readLog(ctx, gid);
  if (!log || log.state === 'done' || !log.decision) return;
  const acked = ctx.state.acks.get(gid) ?? new Set<BankName>();
  sendOutcome(
    ctx,
    gid,
    log.decision,
    BANKS.filter((bank) => !acked.has(bank)),
  );
  scheduleResend(ctx, gid, attempt + 1);
}

export function coordinator(
  protocol: Protocol,
  database: ServiceDatabaseSpec,
): ServiceSpec<TwoPhaseCommit, 'coordinator', CoordinatorState> {
  return {
    label: 'Coordinator',
    role: 'Runs two-phase commit; logs decisions in SQLite',
    database,
    tables: [{ title: 'tx_log', sql: 'SELECT gid, amount, state, decision FROM tx_log ORDER BY rowid' }],
    initialState: () => ({ votes: new Map(), acks: new Map() }),
    on: {
      transfer: (ctx, m) => startTransfer(ctx, m, protocol),
      vote: onVote,
      ack: onAck,
      async 'vote-timeout'(ctx, m) {
        const log = await readLog(ctx, m.gid);
        if (log && !log.decision) {
          ctx.note(`no decision within ${VOTE_TIMEOUT_MS} ms for ${m.gid}: abort`);
          await decide(ctx, m.gid, 'abort');
        }
      },
      resend: onResend,
    },
    /** Reads the log: a logged decision is sent again; a transfer with none is aborted (presumed abort). */
    async recover(ctx) {
      const open = rows(
        await ctx.sql("SELECT gid, from_account, to_account, amount, state, decision FROM tx_log WHERE state <> 'done' ORDER BY gid"),
      );
      for (const log of open) {
        if (log.decision) {
          ctx.note(`recovery: ${log.gid} was decided "${log.decision}"; sending it again`);
          sendOutcome(ctx, log.gid, log.decision, BANKS);
          scheduleResend(ctx, log.gid, 0);
        } else {
          ctx.note(`recovery: ${log.gid} has no decision in the log: presumed abort`);
          await decide(ctx, log.gid, 'abort');
        }
      }
    },
  };
}
