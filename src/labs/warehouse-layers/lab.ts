/**
 * Warehouse layers: an operational ticket and customer service (Postgres) ships its change events to a
 * warehouse (Postgres) with bronze, silver and gold schemas. A dbt-like runner rebuilds silver (deduplicated,
 * tested) and gold (a star schema with a type 1 and a type 2 customer dimension) in dependency order; the
 * report "tickets by plan" is compared with the operational truth after each run.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { desk } from './desk.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { WarehouseLab } from './messages.ts';
import type { Dedup } from './models.ts';
import { ops } from './ops.ts';
import { MONTH_DAYS } from './settings.ts';
import { warehouse } from './warehouse.ts';

export function warehouseLab(dedup: Dedup = 'dedup'): LabDefinition {
  return defineLab<WarehouseLab>({
    id: 'warehouse-layers',
    title: 'Warehouse layers: bronze, silver, gold and a star schema',
    services: { desk, ops, warehouse: warehouse(dedup) },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'run-month', label: `Run the month (${MONTH_DAYS} days)`, service: 'desk', message: { type: 'run-month' } },
      { id: 'run-models', label: 'Run the models now', service: 'warehouse', message: { type: 'run-models' } },
      { id: 'compare-layouts', label: 'Compare row and column layouts', service: 'warehouse', message: { type: 'compare-layouts' } },
    ],
    exercises,
  });
}

export default warehouseLab();
