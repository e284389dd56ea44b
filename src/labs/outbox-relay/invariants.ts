/**
 * What must hold for every pipeline. The lab runs the two dual writes and the sequence copier beside the
 * safe pipelines on purpose: they are the ones these invariants catch.
 */
import type { InvariantSpec } from '../kit/define-lab.ts';
import { audit, offenders, type PipelineAudit } from './audit.ts';
import type { OutboxRelay } from './messages.ts';

function pipelineInvariant(
  id: string,
  label: string,
  field: keyof PipelineAudit,
  waits: boolean,
  what: string,
): InvariantSpec<OutboxRelay> {
  return {
    id,
    label,
    async check(dbs, quiet) {
      const rows = offenders(await audit(dbs), field);
      if (rows.length === 0) return { status: 'holds', summary: `No pipeline ${what}.` };
      const summary = `${rows.map((r) => r.pipeline).join(', ')} ${rows.length === 1 ? 'has' : 'have'} ${what.replace(/^has /, '')}`;
      if (waits && !quiet) return { status: 'pending', summary: `${summary}; events are still in flight.`, rows };
      return { status: 'broken', summary: `${summary}${waits ? ', and nothing is left in flight to fix it' : ''}.`, rows };
    },
  };
}

export const invariants: readonly InvariantSpec<OutboxRelay>[] = [
  pipelineInvariant(
    'no-change-lost',
    'Once nothing is in flight, nothing committed is missing downstream: every change for the event pipelines, every ticket’s latest state for the copiers',
    'lost',
    true,
    'has lost a change',
  ),
  pipelineInvariant(
    'no-phantom-event',
    'Once nothing is in flight, every notification is for a change the ticket database committed',
    'phantom',
    true,
    'has a notification for a change that never happened',
  ),
  pipelineInvariant(
    'no-double-notification',
    'No change is notified twice, however often its event arrives',
    'doubled',
    false,
    'has a change notified twice',
  ),
];
