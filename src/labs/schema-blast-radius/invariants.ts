/** What must hold: every service's queries run, in each layout. Checked on the real databases. */
import type { InvariantDefinition } from '../sim/types.ts';
import type { Layout } from './layout.ts';
import { brokenServices, probeLayout } from './probe.ts';
import { QUERIES } from './queries.ts';

function queriesRun(layout: Layout, label: string): InvariantDefinition {
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

export const invariants: readonly InvariantDefinition[] = [
  queriesRun('shared', 'Every service’s queries run on the shared database'),
  queriesRun('split', 'Every service’s queries run on its own database'),
];
