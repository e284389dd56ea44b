/**
 * An application service of the ticket system. It has no database of its own: for each request it sends
 * one statement from its catalogue to the monolith and waits for the answer. Who it is travels with the
 * message as its sender, which is how the monolith can say which service wrote what.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import type { OwnershipDetective } from './messages.ts';
import { MONOLITH } from './monolith.ts';
import { statementFor, verbOf, type AppService } from './statements.ts';

export function appService(label: string, role: string): ServiceSpec<OwnershipDetective, AppService, null> {
  return {
    label,
    role,
    initialState: () => null,
    on: {
      request(ctx, message) {
        const sql = statementFor(ctx.name, message.op);
        ctx.send(MONOLITH, { type: 'query', op: message.op, sql, params: message.params });
        ctx.fact({ kind: 'sent', op: message.op, verb: verbOf(sql) });
      },
      // The statement ran and its write is logged: nothing is left for the service to do.
      // eslint-disable-next-line @typescript-eslint/no-empty-function -- every message needs a handler, and this one has no work
      done() {},
      failed(ctx, message) {
        ctx.note(`${message.op} failed: ${message.error}`);
      },
    },
  };
}
