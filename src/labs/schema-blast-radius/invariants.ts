/** What must hold: every service's queries run, in each layout. Checked on the real databases. */
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { Layout } from '../ticket-system/layout.ts';
import { QUERIES } from '../ticket-system/queries.ts';
import type { SchemaBlastRadius } from './messages.ts';
import { brokenServices, probeLayout } from './probe.ts';

function queriesRun(layout: Layout, label: string): InvariantSpec<SchemaBlastRadius> {
  return {
    id: `${layout}-queries-run`,
    label,
    async check(dbs) {
      const failures = await probeLayout(dbs, layout);
      if (failures.length === 0) return { status: 'holds', summary: `All ${QUERIES.length} queries of the three services run.` };
      const services = brokenServices(failures);
      const summary = `${failures.length} of ${QUERIES.length} queries fail, in ${services.length === 1 ? 'one service' : `${services.length} services`}: ${services.join(', ')}.`;
      return {
        status: 'broken',
        summary,
        rows: failures.map((f) => ({
          service: f.service,
          query: f.query,
          database: f.database,
          code: f.code,
          message: f.message,
          position: f.position ?? '',
        })),
      };
    },
  };
}

export const invariants: readonly InvariantSpec<SchemaBlastRadius>[] = [
  queriesRun('shared', 'Every service’s queries run on the shared database'),
  queriesRun('split', 'Every service’s queries run on its own database'),
];
