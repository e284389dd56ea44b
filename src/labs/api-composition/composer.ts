/**
 * The composer (an API gateway or backend-for-frontend): it owns no shop data. For each page it calls the
 * owning services as `compose-plan.ts` decides, in parallel where it can, holds every row they send,
 * joins them in memory and answers. Each call has a timeout and passes a circuit breaker; a failed part
 * fails the page or is omitted from it, as the `fallbacks` table says, and an omitted part marks the
 * page partial. Its own SQLite store logs every call and every page, so the invariants can check them.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { admit, type Breaker, CLOSED, coolDownOver, failed, succeeded } from './breaker.ts';
import { type CallSpec, type Gathered, nextStep, type Plan } from './compose-plan.ts';
import composerSql from './composer.sql?raw';
import type { Answer, ApiComposition, Outcome, PageKind, PageRow, Source } from './messages.ts';
import { plural } from './owning-service.ts';
import { BREAKER_COOL_DOWN_MS, CALL_TIMEOUT_MS, JOIN_ROWS_PER_MS } from './settings.ts';

/** How the composer treats a part it could not fetch. `silent` is the broken variant: it leaves the part out and says nothing. */
export type Marking = 'marked' | 'silent';

interface Request {
  readonly reqId: number;
  readonly page: PageKind;
  readonly startedAt: number;
  readonly gathered: Gathered;
  readonly outstanding: Set<number>;
  rowsMoved: number;
  /** The page, once joined, waiting for the join's own time to pass. */
  result?: { readonly rows: readonly PageRow[]; readonly missing: readonly Source[] };
}

interface Call {
  readonly callId: number;
  readonly reqId: number;
  readonly service: Source;
  readonly sentAt: number;
  /** Refused by an open breaker: it fails at once, without reaching the service. */
  readonly shortCircuited: boolean;
}

interface ComposerState {
  nextCall: number;
  readonly requests: Map<number, Request>;
  readonly calls: Map<number, Call>;
  readonly breakers: Record<Source, Breaker>;
}

type Ctx = LabContext<ApiComposition, 'composer', ComposerState>;

function send(ctx: Ctx, callId: number, spec: CallSpec) {
  // One branch per service, so that each gets exactly its own kind of query.
  if (spec.service === 'orders') ctx.send('orders', { type: 'query', callId, ...spec.query });
  else if (spec.service === 'customers') ctx.send('customers', { type: 'query', callId, ...spec.query });
  else ctx.send('payments', { type: 'query', callId, ...spec.query });
}

async function setBreaker(ctx: Ctx, service: Source, next: Breaker) {
  const before = ctx.state.breakers[service];
  ctx.state.breakers[service] = next;
  if (next.state !== before.state || next.failures !== before.failures)
    await ctx.sql(
      `UPDATE breakers SET state = ${sqlText(next.state)}, failures = ${sqlInt(next.failures)}, changed_at = ${sqlInt(ctx.now)} WHERE service = ${sqlText(service)}`,
    );
  if (next.state === before.state) return;
  ctx.fact({ kind: 'breaker', service, state: next.state });
  if (next.state === 'open') {
    ctx.note(`the breaker for ${service} opens: for ${BREAKER_COOL_DOWN_MS.toLocaleString('en')} ms its calls fail at once`);
    ctx.setTimer(BREAKER_COOL_DOWN_MS, { type: 'cool-down-over', service, openedAt: next.openedAt });
  } else if (next.state === 'half-open') ctx.note(`the breaker for ${service} is half-open: the next call is a trial`);
  else ctx.note(`the trial call to ${service} succeeded: its breaker closes`);
}

async function issue(ctx: Ctx, req: Request, spec: CallSpec) {
  const callId = ++ctx.state.nextCall;
  const { admitted, breaker } = admit(ctx.state.breakers[spec.service]);
  await setBreaker(ctx, spec.service, breaker);
  ctx.state.calls.set(callId, { callId, reqId: req.reqId, service: spec.service, sentAt: ctx.now, shortCircuited: !admitted });
  req.outstanding.add(callId);
  await ctx.sql(
    `INSERT INTO calls (call_id, req_id, service, op, sent_at) VALUES (${sqlInt(callId)}, ${sqlInt(req.reqId)}, ${sqlText(spec.service)}, ${sqlText(spec.query.op)}, ${sqlInt(ctx.now)})`,
  );
  if (admitted) {
    send(ctx, callId, spec);
    ctx.setTimer(CALL_TIMEOUT_MS, { type: 'call-timeout', callId });
  } else {
    ctx.note(`call ${callId} to ${spec.service} refused by its open breaker`);
    ctx.setTimer(0, { type: 'call-timeout', callId });
  }
}

async function fallbackOf(ctx: Ctx, marking: Marking, service: Source): Promise<'fail' | 'omit'> {
  // The broken variant presses on whatever the configuration says, and hides the gap.
  if (marking === 'silent') return 'omit';
  const [row] = rowsOf(await ctx.sql(`SELECT on_failure FROM fallbacks WHERE service = ${sqlText(service)}`));
  return row?.['on_failure'] === 'omit' ? 'omit' : 'fail';
}

async function serve(
  ctx: Ctx,
  marking: Marking,
  req: Request,
  outcome: Outcome,
  rows: readonly PageRow[],
  missing: readonly Source[],
  error?: string,
) {
  ctx.state.requests.delete(req.reqId);
  const shownMissing = marking === 'silent' && outcome === 'partial' ? [] : missing;
  const shownOutcome = marking === 'silent' && outcome === 'partial' ? 'complete' : outcome;
  const rowValues = rows.map(
    (r, i) =>
      `(${sqlInt(req.reqId)}, ${sqlInt(i + 1)}, ${sqlText(r.orderId)}, ${r.customerName === null ? 'NULL' : sqlText(r.customerName)}, ${r.paymentStatus === null ? 'NULL' : sqlText(r.paymentStatus)}, ${sqlInt(r.totalCents)})`,
  );
  await ctx.sql(
    transaction([
      `INSERT INTO served_pages (req_id, page, started_at, served_at, outcome, missing, rows_moved, error) VALUES (${sqlInt(req.reqId)}, ${sqlText(req.page)}, ${sqlInt(req.startedAt)}, ${sqlInt(ctx.now)}, ${sqlText(shownOutcome)}, ${sqlText(shownMissing.join(','))}, ${sqlInt(req.rowsMoved)}, ${error === undefined ? 'NULL' : sqlText(error)})`,
      ...(rowValues.length > 0
        ? [`INSERT INTO served_rows (req_id, pos, order_id, customer_name, payment_status, total_cents) VALUES ${rowValues.join(', ')}`]
        : []),
    ]),
  );
  ctx.send('browser', {
    type: 'page-served',
    reqId: req.reqId,
    way: 'composer',
    outcome: shownOutcome,
    rows,
    rowsMoved: req.rowsMoved,
    missing: shownMissing,
    ...(error === undefined ? {} : { error }),
  });
}

async function advance(ctx: Ctx, plan: Plan, marking: Marking, req: Request) {
  const next = nextStep(plan, req.page, req.gathered);
  if (next.kind === 'call') {
    for (const spec of next.calls) await issue(ctx, req, spec);
    return;
  }
  if (next.kind === 'error') return serve(ctx, marking, req, 'error', [], [], next.reason);
  // Holding and joining the rows takes time too; the page leaves once that is paid.
  req.result = { rows: next.rows, missing: next.missing };
  const ms = Math.ceil(req.rowsMoved / JOIN_ROWS_PER_MS);
  ctx.note(`joined ${plural(req.rowsMoved, 'row')} in memory for ${plural(next.rows.length, 'row')} on the page`);
  ctx.setTimer(ms, { type: 'joined', reqId: req.reqId });
}

function store(g: Gathered, answer: Answer) {
  if (answer.part === 'orders') g.orders = answer.rows;
  else if (answer.part === 'customers') g.customers = answer.rows;
  else g.payments = answer.rows;
}

async function settle(ctx: Ctx, plan: Plan, marking: Marking, callId: number, answer: Answer | undefined) {
  const call = ctx.state.calls.get(callId);
  if (!call) return;
  ctx.state.calls.delete(callId);
  const rows = answer?.rows.length ?? 0;
  const outcome = answer ? 'answered' : call.shortCircuited ? 'short-circuited' : 'timed-out';
  ctx.fact({ kind: 'call', service: call.service, reqId: call.reqId, outcome, rows, ms: ctx.now - call.sentAt });
  await ctx.sql(
    `UPDATE calls SET settled_at = ${sqlInt(ctx.now)}, outcome = ${sqlText(outcome)}, rows = ${sqlInt(rows)} WHERE call_id = ${sqlInt(callId)}`,
  );
  if (!call.shortCircuited) {
    const breaker = ctx.state.breakers[call.service];
    await setBreaker(ctx, call.service, answer ? succeeded(breaker) : failed(breaker, ctx.now));
  }
  const req = ctx.state.requests.get(call.reqId);
  if (!req?.outstanding.has(callId)) return;
  req.outstanding.delete(callId);
  if (answer) {
    req.rowsMoved += rows;
    store(req.gathered, answer);
  } else {
    const why = outcome === 'timed-out' ? `no answer within ${CALL_TIMEOUT_MS} ms` : 'its breaker is open';
    if ((await fallbackOf(ctx, marking, call.service)) === 'fail') {
      return serve(ctx, marking, req, 'error', [], [call.service], `${call.service}: ${why}`);
    }
    ctx.note(`${call.service}: ${why}; the page goes on without it`);
    req.gathered[call.service] = 'failed';
  }
  if (req.outstanding.size === 0) await advance(ctx, plan, marking, req);
}

export function composer(plan: Plan, marking: Marking): ServiceSpec<ApiComposition, 'composer', ComposerState> {
  return {
    label: 'Composer (API gateway)',
    role: 'Calls the owning services for each page, joins their rows in memory, times calls out and breaks circuits',
    database: { kind: 'sqlite', setupSql: composerSql },
    tables: [
      {
        title: 'served_pages (newest first)',
        sql: 'SELECT req_id, page, served_at - started_at AS ms, outcome, missing, rows_moved FROM served_pages ORDER BY req_id DESC LIMIT 6',
      },
      { title: 'breakers', sql: 'SELECT service, state, failures, changed_at FROM breakers ORDER BY service' },
      { title: 'fallbacks', sql: 'SELECT service, on_failure FROM fallbacks ORDER BY service' },
    ],
    initialState: () => ({
      nextCall: 0,
      requests: new Map(),
      calls: new Map(),
      breakers: { orders: CLOSED, customers: CLOSED, payments: CLOSED },
    }),
    on: {
      async 'open-page'(ctx, m) {
        const req: Request = { reqId: m.reqId, page: m.page, startedAt: ctx.now, gathered: {}, outstanding: new Set(), rowsMoved: 0 };
        ctx.state.requests.set(m.reqId, req);
        await advance(ctx, plan, marking, req);
      },
      answer: (ctx, m) => settle(ctx, plan, marking, m.callId, m),
      'call-timeout': (ctx, m) => settle(ctx, plan, marking, m.callId, undefined),
      'cool-down-over': (ctx, m) => setBreaker(ctx, m.service, coolDownOver(ctx.state.breakers[m.service], m.openedAt)),
      async joined(ctx, m) {
        const req = ctx.state.requests.get(m.reqId);
        if (!req?.result) return;
        const { rows, missing } = req.result;
        await serve(ctx, marking, req, missing.length > 0 ? 'partial' : 'complete', rows, missing);
      },
    },
  };
}
