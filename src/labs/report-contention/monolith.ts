/**
 * A monolith's database as a service: the ticket app, the reporting service and the copy job have no
 * database of their own here, so they send it requests, and it runs each one on its single connection.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import { arrive, CONNECTION_FREE, free, newConnection, type ConnectionHooks, type ConnectionState } from './connection.ts';
import type { EngineClock } from './engine-clock.ts';
import type { DatabaseRequest, FactRow, Reply } from './messages.ts';
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

export function monolith(clock: EngineClock): ServiceBehaviour<MonolithState> {
  return {
    initialState: () => ({ conn: newConnection() }),
    async handle(ctx, message, from) {
      const hooks: ConnectionHooks<DatabaseRequest, Outcome> = {
        clock,
        async execute(job) {
          const request = job.payload;
          const sql =
            request.type === 'op'
              ? operationSql(request, ctx.now)
              : request.type === 'report'
                ? MONOLITH_REPORT_SQL
                : extractSql(request.by, request.after, request.limit);
          const result = await ctx.sql(sql);
          return { result, outcome: outcomeOf(request, result) };
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
        },
      };
      if (message.type === CONNECTION_FREE) {
        await free(ctx, hooks);
        return;
      }
      const request = message as unknown as DatabaseRequest;
      if (from === 'reader') return;
      await arrive(ctx, hooks, { id: request.requestId, kind: request.type, from, payload: request });
    },
  };
}
