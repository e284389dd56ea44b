/** The users: a burst sends BURST_SIZE requests to each service at once; responses come back here. */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { APP_SERVICES } from '../ticket-system/queries.ts';
import type { ConnectionPressure } from './messages.ts';
import { BURST_SIZE } from './settings.ts';

export const users: ServiceSpec<ConnectionPressure, 'users', { bursts: number }> = {
  label: 'Users',
  role: 'Send bursts of requests to every service',
  initialState: () => ({ bursts: 0 }),
  on: {
    burst(ctx, { layout }) {
      const burst = ++ctx.state.bursts;
      for (const service of APP_SERVICES) {
        for (let i = 1; i <= BURST_SIZE; i++) {
          const id = `b${burst}-${service}-${i}`;
          ctx.send(service, { type: 'request', layout, id });
          ctx.fact({ kind: 'requested', requestId: id, service, layout });
        }
      }
    },
    response(ctx, { type: _response, ...outcome }) {
      ctx.fact({ kind: 'responded', ...outcome });
    },
  },
};
