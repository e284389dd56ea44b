/** The users: a burst sends BURST_SIZE requests to each service at once; responses come back here. */
import { APP_SERVICES } from '../ticket-system/queries.ts';
import type { ServiceBehaviour } from '../sim/types.ts';
import type { Burst, Request } from './messages.ts';
import { BURST_SIZE } from './settings.ts';

export function users(): ServiceBehaviour<{ bursts: number }> {
  return {
    initialState: () => ({ bursts: 0 }),
    handle(ctx, message) {
      if (message.type !== 'burst') return Promise.resolve();
      const { layout } = message as unknown as Burst;
      const burst = ++ctx.state.bursts;
      for (const service of APP_SERVICES) {
        for (let i = 1; i <= BURST_SIZE; i++) {
          const request: Request = { type: 'request', layout, id: `b${burst}-${service}-${i}` };
          ctx.send(service, request);
        }
      }
      return Promise.resolve();
    },
  };
}
