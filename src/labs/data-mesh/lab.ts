/**
 * Data mesh: two domains, Support and Billing, each own a Postgres database and publish versioned data
 * products with a contract, a freshness objective and an owner. Marketing consumes the products as its own
 * role, which Postgres grants the products and nothing else. A platform (SQLite catalog) sets contract tests
 * in the domains' deploy pipelines, measures freshness and checks a federated personal-data policy.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import type { ContractTest } from './catalog-sql.ts';
import { CHANGES } from './changes.ts';
import { customers } from './customers.ts';
import { domain } from './domain.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { marketing } from './marketing.ts';
import { measures } from './measures.ts';
import type { MeshLab } from './messages.ts';
import { platform } from './platform.ts';
import { RUN_MS } from './settings.ts';

export function dataMeshLab(test: ContractTest = 'columns-and-types'): LabDefinition {
  return defineLab<MeshLab>({
    id: 'data-mesh',
    title: 'Data mesh: data as a product',
    services: { customers, support: domain('support', test), billing: domain('billing', test), platform, marketing },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'run', label: `Run the workload (${RUN_MS.toLocaleString('en')} ms)`, service: 'customers', message: { type: 'run' } },
      { id: 'contract-tests-on', label: 'Turn contract tests on', service: 'platform', message: { type: 'contract-tests', on: true } },
      { id: 'contract-tests-off', label: 'Turn contract tests off', service: 'platform', message: { type: 'contract-tests', on: false } },
      {
        id: 'support-rename',
        label: CHANGES['support-rename'].label,
        service: 'support',
        message: { type: 'change', change: 'support-rename' },
      },
      {
        id: 'billing-retype',
        label: CHANGES['billing-retype'].label,
        service: 'billing',
        message: { type: 'change', change: 'billing-retype' },
      },
      { id: 'probe', label: 'Probe as marketing', service: 'platform', message: { type: 'probe' } },
    ],
    exercises,
  });
}

export default dataMeshLab();
