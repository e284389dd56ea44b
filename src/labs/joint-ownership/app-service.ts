/**
 * Ticket, Assignment and Ticket management: application services with no database of their own. Each
 * request runs as a small plan of steps (read the row, think, write, or hand the write to the owner), and
 * each step that needs data is a query message to the technique's database service, answered later. The
 * plan is data kept in the service's volatile state, so a crash loses the request half way, as it would.
 */
import type { LabContext, ServiceOf, ServiceSpec } from '../kit/define-lab.ts';
import type { FaultId, JointOwnership, Outcome, ResultMessage } from './messages.ts';
import { ownerWrite, readRow, saveWholeRow, ticketRowOf, type Statement, type TicketRow } from './statements.ts';
import { ASSIGNMENT, CLIENT, isAppService, TECHNIQUE, TICKET, type AppService, type TechniqueId } from './techniques.ts';
import type { Op } from './workload.ts';

/** How long Assignment waits for Ticket to write a delegated assignment before it gives up. */
export const DELEGATE_TIMEOUT_MS = 300;
/** Attempts at a data-domain save whose version check keeps failing. */
export const MAX_SAVE_ATTEMPTS = 3;

type Step = 'read' | 'think' | 'write' | 'delegate';

interface Flow {
  readonly requestId: string;
  readonly technique: TechniqueId;
  readonly op: Op;
  /** Set when another service delegated the write: the outcome goes back to its flow, not to the client. */
  readonly delegatedBy?: { readonly service: AppService; readonly flow: string };
  readonly steps: readonly Step[];
  at: number;
  attempt: number;
  row?: TicketRow;
}

export interface AppState {
  readonly flows: Record<string, Flow>;
  counter: number;
}

type Ctx = LabContext<JointOwnership, AppService, AppState>;

/** The steps a request takes under a technique. Only the data domain reads the row first: it must know the version. */
export function planOf(technique: TechniqueId, op: Op, delegated: boolean): Step[] {
  if (delegated || op.kind === 'create') return ['write'];
  if (technique === 'domain') return ['read', 'think', 'write'];
  if (technique === 'delegate' && op.kind === 'assign') return ['think', 'delegate'];
  return ['think', 'write'];
}

/** Which faults take a service down: the consolidated service runs both services' code. */
function crashFaults(service: AppService): FaultId[] {
  if (service === TICKET) return ['ticket-down'];
  if (service === ASSIGNMENT) return ['assignment-down'];
  return ['ticket-down', 'assignment-down'];
}

/** A service taken down by a fault crashes at the next message it receives, whatever that message is. */
function whileUp<M>(handler: (ctx: Ctx, message: M, from: ServiceOf<JointOwnership> | 'reader') => void) {
  return (ctx: Ctx, message: M, from: ServiceOf<JointOwnership> | 'reader') => {
    const fault = crashFaults(ctx.name).find((id) => ctx.isFaultOn(id));
    if (fault) ctx.crash(`${fault} is on`);
    else handler(ctx, message, from);
  };
}

function finish(ctx: Ctx, key: string, outcome: Outcome, detail: string) {
  const flow = ctx.state.flows[key];
  if (!flow) return;
  delete ctx.state.flows[key];
  if (flow.delegatedBy) {
    ctx.send(flow.delegatedBy.service, { type: 'assign-result', requestId: flow.requestId, flow: flow.delegatedBy.flow, outcome, detail });
    ctx.fact({ kind: 'hop', requestId: flow.requestId, link: 'service' });
  } else {
    ctx.send(CLIENT, { type: 'reply', requestId: flow.requestId, outcome, detail });
  }
}

function query(ctx: Ctx, key: string, flow: Flow, statement: Statement) {
  ctx.send(TECHNIQUE[flow.technique].database, {
    type: 'query',
    requestId: flow.requestId,
    flow: key,
    technique: flow.technique,
    sql: statement.sql,
  });
  ctx.fact({ kind: 'hop', requestId: flow.requestId, link: 'database' });
  ctx.fact({ kind: 'query', technique: flow.technique, columns: statement.columns });
}

function runStep(ctx: Ctx, key: string) {
  const flow = ctx.state.flows[key];
  const step = flow?.steps[flow.at];
  if (!flow || !step) return;
  switch (step) {
    case 'read':
      query(ctx, key, flow, readRow(flow.technique, flow.op.ticketId));
      return;
    case 'think': {
      // Assignment looks up the expert's calendar; Ticket's agent edits the form. Either takes a while.
      const ms = flow.op.kind === 'assign' ? 40 + Math.floor(ctx.random() * 80) : 20 + Math.floor(ctx.random() * 60);
      ctx.setTimer(ms, { type: 'think-done', flow: key });
      return;
    }
    case 'write': {
      const statement =
        flow.technique === 'domain' && flow.row
          ? saveWholeRow(ctx.name, flow.requestId, flow.op, flow.row, !ctx.isFaultOn('no-version-check'))
          : ownerWrite(flow.technique, ctx.name, flow.requestId, flow.op);
      query(ctx, key, flow, statement);
      return;
    }
    case 'delegate':
      ctx.send(TICKET, { type: 'assign-ticket', requestId: flow.requestId, flow: key, technique: flow.technique, op: flow.op });
      ctx.fact({ kind: 'hop', requestId: flow.requestId, link: 'service' });
      ctx.setTimer(DELEGATE_TIMEOUT_MS, { type: 'delegate-timeout', flow: key });
      return;
  }
}

function advance(ctx: Ctx, key: string) {
  const flow = ctx.state.flows[key];
  if (!flow) return;
  flow.at += 1;
  runStep(ctx, key);
}

function start(ctx: Ctx, flow: Flow) {
  ctx.state.counter += 1;
  const key = `${ctx.name}:${flow.requestId}:${ctx.now}:${ctx.state.counter}`;
  ctx.state.flows[key] = flow;
  runStep(ctx, key);
}

function onRead(ctx: Ctx, key: string, flow: Flow, result: ResultMessage) {
  if (!result.ok) return finish(ctx, key, 'failed', `${result.code}: ${result.message}`);
  const [found] = result.rows;
  if (!found) return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} does not exist`);
  const row = ticketRowOf(found);
  if (row.status === 'closed') return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} is closed`);
  flow.row = row;
  advance(ctx, key);
}

function onWrite(ctx: Ctx, key: string, flow: Flow, result: ResultMessage) {
  if (result.ok && result.affected > 0) return finish(ctx, key, 'done', 'written');
  if (result.ok && flow.technique === 'domain' && flow.row) {
    // The version moved since the read: someone else saved the row. Read it again and redo the change.
    if (flow.attempt + 1 >= MAX_SAVE_ATTEMPTS) return finish(ctx, key, 'failed', 'the row kept changing under the save');
    flow.attempt += 1;
    flow.at = 0;
    delete flow.row;
    return runStep(ctx, key);
  }
  if (result.ok) return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} is closed or does not exist`);
  // The log's (request_id, col) key already holds this request's change: a duplicate of a request already applied.
  if (result.code === '23505' && result.message.includes('request_id_col_key'))
    return finish(ctx, key, 'done', 'already applied (duplicate request)');
  if (result.code === '23505') return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} already exists`);
  if (result.code === '23503') return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} does not exist`);
  return finish(ctx, key, 'failed', `${result.code}: ${result.message}`);
}

export function appService(label: string, role: string): ServiceSpec<JointOwnership, AppService, AppState> {
  return {
    label,
    role,
    initialState: () => ({ flows: {}, counter: 0 }),
    on: {
      request: whileUp((ctx, m) =>
        start(ctx, {
          requestId: m.requestId,
          technique: m.technique,
          op: m.op,
          steps: planOf(m.technique, m.op, false),
          at: 0,
          attempt: 0,
        }),
      ),
      'assign-ticket': whileUp((ctx, m, from) => {
        if (!isAppService(from)) throw new Error(`${ctx.name} was asked to write by ${from}, which is not an application service`);
        start(ctx, {
          requestId: m.requestId,
          technique: m.technique,
          op: m.op,
          delegatedBy: { service: from, flow: m.flow },
          steps: planOf(m.technique, m.op, true),
          at: 0,
          attempt: 0,
        });
      }),
      'think-done': whileUp((ctx, m) => advance(ctx, m.flow)),
      'delegate-timeout': whileUp((ctx, m) => finish(ctx, m.flow, 'failed', `Ticket did not answer within ${DELEGATE_TIMEOUT_MS} ms`)),
      'assign-result': whileUp((ctx, m) => finish(ctx, m.flow, m.outcome, m.detail)),
      result: whileUp((ctx, m) => {
        const flow = ctx.state.flows[m.flow];
        if (!flow) return;
        if (flow.steps[flow.at] === 'read') onRead(ctx, m.flow, flow, m);
        else onWrite(ctx, m.flow, flow, m);
      }),
    },
  };
}
