/**
 * An application service of the ticket system. It has no database of its own: for each request it sends
 * one statement from its catalogue to the monolith and waits for the answer. Who it is travels with the
 * message, which is how the monolith can say which service wrote what.
 */
import type { ServiceBehaviour } from '../sim/types.ts';
import { MONOLITH } from './monolith.ts';
import { statementFor, type AppService, type Request } from './statements.ts';

export function appService(name: AppService): ServiceBehaviour<Record<string, never>> {
  return {
    initialState: () => ({}),
    handle(ctx, message) {
      if (message.type === 'request') {
        const request = { service: name, op: message['op'], params: message['params'] } as Request;
        ctx.send(MONOLITH, { type: 'query', op: request.op, sql: statementFor(request), params: request.params });
      } else if (message.type === 'failed') {
        ctx.note(`${String(message['op'])} failed: ${String(message['error'])}`);
      }
      return Promise.resolve();
    },
  };
}
