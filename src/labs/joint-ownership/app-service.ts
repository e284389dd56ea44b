/**
 * Ticket, Assignment and Ticket management: application services with no database of their own. Each
 * request runs as a small plan of steps (read the row, think, write, or hand the write to the owner), and
 * each step that needs data is a query message to the technique's database service, answered later. The
 * plan is data kept in the service's volatile state, so a crash loses the request half way, as it would.
 */
import type { Message, ServiceBehaviour, ServiceContext } from '../sim/types.ts';
import { FAULT } from './faults.ts';
import type {
  AssignResultMessage,
  AssignTicketMessage,
  Outcome,
  QueryMessage,
  ReplyMessage,
  RequestMessage,
  ResultMessage,
} from './messages.ts';
import { ownerWrite, readRow, saveWholeRow, type TicketRow } from './statements.ts';
import { ASSIGNMENT, CLIENT, TECHNIQUE, TICKET, TICKET_MANAGEMENT, type AppService, type TechniqueId } from './techniques.ts';
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
  /** Who gets the outcome: the client, or (for a delegated write) Assignment. */
  readonly replyTo: string;
  readonly replyFlow?: string;
  readonly steps: readonly Step[];
  at: number;
  attempt: number;
  row?: TicketRow;
}

export interface AppState {
  readonly flows: Record<string, Flow>;
  counter: number;
}

/** The steps a request takes under a technique. Only the data domain reads the row first: it must know the version. */
export function planOf(technique: TechniqueId, op: Op, delegated: boolean): Step[] {
  if (delegated || op.kind === 'create') return ['write'];
  if (technique === 'domain') return ['read', 'think', 'write'];
  if (technique === 'delegate' && op.kind === 'assign') return ['think', 'delegate'];
  return ['think', 'write'];
}

/** Which faults take a service down: the consolidated service runs both services' code. */
function crashFaults(service: AppService): string[] {
  if (service === TICKET) return [FAULT.ticketDown];
  if (service === ASSIGNMENT) return [FAULT.assignmentDown];
  return [FAULT.ticketDown, FAULT.assignmentDown];
}

export function appService(service: AppService): ServiceBehaviour<AppState> {
  type Ctx = ServiceContext<AppState>;

  function finish(ctx: Ctx, key: string, outcome: Outcome, detail: string) {
    const flow = ctx.state.flows[key];
    if (!flow) return;
    delete ctx.state.flows[key];
    if (flow.replyFlow !== undefined) {
      const result: AssignResultMessage = { type: 'assign-result', requestId: flow.requestId, flow: flow.replyFlow, outcome, detail };
      ctx.send(flow.replyTo, result as unknown as Message);
    } else {
      const reply: ReplyMessage = { type: 'reply', requestId: flow.requestId, outcome, detail };
      ctx.send(flow.replyTo, reply as unknown as Message);
    }
  }

  function query(ctx: Ctx, key: string, flow: Flow, sql: string) {
    const message: QueryMessage = { type: 'query', requestId: flow.requestId, flow: key, technique: flow.technique, sql };
    ctx.send(TECHNIQUE[flow.technique].database, message as unknown as Message);
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
        const sql =
          flow.technique === 'domain' && flow.row
            ? saveWholeRow(service, flow.requestId, flow.op, flow.row, !ctx.isFaultOn(FAULT.noVersionCheck))
            : ownerWrite(flow.technique, service, flow.requestId, flow.op);
        query(ctx, key, flow, sql);
        return;
      }
      case 'delegate': {
        const ask: AssignTicketMessage = {
          type: 'assign-ticket',
          requestId: flow.requestId,
          flow: key,
          technique: flow.technique,
          op: flow.op,
        };
        ctx.send(TICKET, ask as unknown as Message);
        ctx.setTimer(DELEGATE_TIMEOUT_MS, { type: 'delegate-timeout', flow: key });
        return;
      }
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
    const key = `${service}:${flow.requestId}:${ctx.now}:${ctx.state.counter}`;
    ctx.state.flows[key] = flow;
    runStep(ctx, key);
  }

  function onRead(ctx: Ctx, key: string, flow: Flow, result: ResultMessage) {
    if (!result.ok) return finish(ctx, key, 'failed', `${result.code}: ${result.message}`);
    const row = result.rows[0] as unknown as TicketRow | undefined;
    if (!row) return finish(ctx, key, 'refused', `ticket ${flow.op.ticketId} does not exist`);
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

  return {
    initialState: () => ({ flows: {}, counter: 0 }),
    handle(ctx, message, from) {
      dispatch(ctx, message, from);
      return Promise.resolve();
    },
  };

  function dispatch(ctx: Ctx, message: Message, from: string) {
    for (const fault of crashFaults(service)) {
      if (ctx.isFaultOn(fault)) {
        ctx.crash(`${fault} is on`);
        return;
      }
    }
    switch (message.type) {
      case 'request': {
        const m = message as unknown as RequestMessage;
        start(ctx, {
          requestId: m.requestId,
          technique: m.technique,
          op: m.op,
          replyTo: CLIENT,
          steps: planOf(m.technique, m.op, false),
          at: 0,
          attempt: 0,
        });
        return;
      }
      case 'assign-ticket': {
        const m = message as unknown as AssignTicketMessage;
        start(ctx, {
          requestId: m.requestId,
          technique: m.technique,
          op: m.op,
          replyTo: String(from),
          replyFlow: m.flow,
          steps: planOf(m.technique, m.op, true),
          at: 0,
          attempt: 0,
        });
        return;
      }
      case 'think-done':
        advance(ctx, String(message['flow']));
        return;
      case 'delegate-timeout':
        finish(ctx, String(message['flow']), 'failed', `Ticket did not answer within ${DELEGATE_TIMEOUT_MS} ms`);
        return;
      case 'assign-result': {
        const m = message as unknown as AssignResultMessage;
        finish(ctx, m.flow, m.outcome, m.detail);
        return;
      }
      case 'result': {
        const m = message as unknown as ResultMessage;
        const flow = ctx.state.flows[m.flow];
        if (!flow) return;
        if (flow.steps[flow.at] === 'read') onRead(ctx, m.flow, flow, m);
        else onWrite(ctx, m.flow, flow, m);
        return;
      }
    }
  }
}

export const ticketService = appService(TICKET);
export const assignmentService = appService(ASSIGNMENT);
export const ticketManagementService = appService(TICKET_MANAGEMENT);
