/**
 * A monolith's database as a service: the ticket app, the reporting service and the copy job have no
 * database of their own here, so they send it requests, and it runs each one on its single connection.
 */
import type { Cell, QueryResult, ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { TableView } from '../sim/types.ts';
import { arrive, free, newConnection, type ConnectionHooks, type ConnectionState } from './connection.ts';
import type { EngineClock } from './engine-clock.ts';
import { isRequester, type DatabaseRequest, type FactRow, type MonolithName, type Reply, type ReportContention } from './messages.ts';
import { extractSql, MONOLITH_REPORT_SQL, operationSql } from './queries.ts';

interface Outcome {
  readonly changeSeq?: number | null;
  readonly rows?: number;
  readonly headSeq?: number;
  readonly facts?: readonly FactRow[];
}

interface MonolithState {
  readonly conn: ConnectionState<DatabaseRequest, Outcome>;
}

type Ctx = LabContext<ReportContention, MonolithName, MonolithState>;

function factOf(row: Record<string, Cell>): FactRow {
  const skill = row['expert_skill'];
  return {
    ticketId: Number(row['ticket_id']),
    customerId: Number(row['customer_id']),
    plan: String(row['plan']),
    region: String(row['region']),
    city: String(row['city']),
    priority: String(row['priority']),
    status: String(row['status']),
    expertSkill: skill === null || skill === undefined ? null : String(skill),
    openedMonth: String(row['opened_month']),
    changeSeq: Number(row['change_seq']),
    changedAtMs: Number(row['changed_at_ms']),
  };
}

function outcomeOf(request: DatabaseRequest, result: QueryResult): Outcome {
  if (!result.ok) return {};
  switch (request.type) {
    case 'op': {
      const seq = rowsOf(result)[0]?.['change_seq'];
      return { changeSeq: seq === undefined || seq === null ? null : Number(seq) };
    }
    case 'report':
      return { rows: result.results.reduce((n, r) => n + r.rows.length, 0) };
    case 'extract': {
      const head = result.results[0]?.rows[0]?.[0];
      return { headSeq: Number(head ?? 0), facts: rowsOf(result).map(factOf) };
    }
  }
}

function sqlOf(request: DatabaseRequest, now: number): string {
  switch (request.type) {
    case 'op':
      return operationSql(request, now);
    case 'report':
      return MONOLITH_REPORT_SQL;
    case 'extract':
      return extractSql(request.by, request.after, request.limit);
  }
}

/** Runs each request on the connection; once its time is over, answers the sender and records what it cost. */
function connectionOf(ctx: Ctx, clock: EngineClock): ConnectionHooks<DatabaseRequest, Outcome> {
  return {
    clock,
    async execute(job) {
      const result = await ctx.sql(sqlOf(job.payload, ctx.now));
      return { result, outcome: outcomeOf(job.payload, result) };
    },
    finished({ job, timing, result, outcome }) {
      const reply: Reply = {
        type: 'reply',
        requestId: job.id,
        kind: job.kind,
        ok: result.ok,
        ...(result.ok ? {} : { error: `${result.error.code}: ${result.error.message}` }),
        ...timing,
        ...outcome,
      };
      ctx.send(job.from, reply);
      const { changeSeq } = outcome;
      ctx.fact({
        kind: 'served',
        requestId: job.id,
        job: job.kind,
        ok: result.ok,
        ...timing,
        ...(typeof changeSeq === 'number' ? { changeSeq } : {}),
      });
    },
  };
}

export function monolith(
  clock: EngineClock,
  label: string,
  role: string,
  database: ServiceDatabaseSpec,
  tables: readonly TableView[],
): ServiceSpec<ReportContention, MonolithName, MonolithState> {
  async function request(ctx: Ctx, message: DatabaseRequest, from: string) {
    if (!isRequester(from)) return;
    await arrive(ctx, connectionOf(ctx, clock), { id: message.requestId, kind: message.type, from, payload: message });
  }
  return {
    label,
    role,
    database,
    tables,
    initialState: () => ({ conn: newConnection() }),
    on: {
      op: request,
      report: request,
      extract: request,
      'connection-free': (ctx) => free(ctx, connectionOf(ctx, clock)),
    },
  };
}
