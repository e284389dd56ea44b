/**
 * The reporting service: the analytical workload. It has no database of its own. Each run of the monthly
 * report goes to monolith A (setup A) and to the analytics store (setup B) at the same moment.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { ANALYTICS, MONOLITH_A, type ReportContention, type ReportRequest } from './messages.ts';

interface ReportingState {
  left: number;
  everyMs: number;
  ticking: boolean;
  runs: number;
}

function runOnce(ctx: LabContext<ReportContention, 'reporting', ReportingState>) {
  ctx.state.runs += 1;
  ctx.state.left -= 1;
  const request: ReportRequest = { type: 'report', requestId: `report-${ctx.state.runs}` };
  ctx.send(MONOLITH_A, request);
  ctx.send(ANALYTICS, request);
  if (ctx.state.left > 0) ctx.setTimer(ctx.state.everyMs, { type: 'report-tick' });
  else ctx.state.ticking = false;
}

export const reporting: ServiceSpec<ReportContention, 'reporting', ReportingState> = {
  label: 'Reporting',
  role: 'Runs the monthly report: on monolith A, and on the analytics store',
  initialState: () => ({ left: 0, everyMs: 0, ticking: false, runs: 0 }),
  on: {
    'run-reports'(ctx, message) {
      ctx.state.left += message.times;
      ctx.state.everyMs = message.everyMs;
      if (!ctx.state.ticking) {
        ctx.state.ticking = true;
        runOnce(ctx);
      }
    },
    'report-tick': runOnce,
    reply(ctx, reply) {
      if (!reply.ok) ctx.note(`${reply.requestId} failed: ${reply.error ?? 'unknown error'}`);
    },
  },
};
