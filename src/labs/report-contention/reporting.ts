/**
 * The reporting service: the analytical workload. It has no database of its own. Each run of the monthly
 * report goes to monolith A (setup A) and to the analytics store (setup B) at the same moment.
 */
import type { ServiceBehaviour } from '../sim/types.ts';
import { ANALYTICS, MONOLITH_A, type Reply, type ReportRequest } from './messages.ts';

interface ReportingState {
  left: number;
  everyMs: number;
  ticking: boolean;
  runs: number;
}

export function reporting(): ServiceBehaviour<ReportingState> {
  function runOnce(ctx: Parameters<ServiceBehaviour<ReportingState>['handle']>[0]) {
    ctx.state.runs += 1;
    ctx.state.left -= 1;
    const request: ReportRequest = { type: 'report', requestId: `report-${ctx.state.runs}` };
    ctx.send(MONOLITH_A, request);
    ctx.send(ANALYTICS, request);
    if (ctx.state.left > 0) ctx.setTimer(ctx.state.everyMs, { type: 'report-tick' });
    else ctx.state.ticking = false;
  }
  return {
    initialState: () => ({ left: 0, everyMs: 0, ticking: false, runs: 0 }),
    handle(ctx, message) {
      switch (message.type) {
        case 'run-reports':
          ctx.state.left += Number(message['times']);
          ctx.state.everyMs = Number(message['everyMs']);
          if (!ctx.state.ticking) {
            ctx.state.ticking = true;
            runOnce(ctx);
          }
          return Promise.resolve();
        case 'report-tick':
          runOnce(ctx);
          return Promise.resolve();
        case 'reply': {
          const reply = message as unknown as Reply;
          if (!reply.ok) ctx.note(`${reply.requestId} failed: ${reply.error ?? 'unknown error'}`);
          return Promise.resolve();
        }
      }
      return Promise.resolve();
    },
  };
}
