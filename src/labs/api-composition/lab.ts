/**
 * The API composition lab: the same two pages, a single order and "paid orders by customer name, page 3",
 * served two ways at once. A composer calls the three services that own the data (Orders and Customers in
 * Postgres, Payments in SQLite) and joins their rows in memory; a read model (SQLite) has joined them
 * already, from their change events, and answers with one query.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { browser, PAGE_NAMES } from './browser.ts';
import type { Plan } from './compose-plan.ts';
import { composer, type Marking } from './composer.ts';
import { customers } from './customers.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { ApiComposition, PageKind } from './messages.ts';
import { orders } from './orders.ts';
import { payments } from './payments.ts';
import { readModel } from './read-model.ts';

const open = (page: PageKind, id: string) => ({
  id,
  label: `Open ${PAGE_NAMES[page]} (both ways)`,
  service: 'browser' as const,
  message: { type: 'open' as const, page },
});

/** `plan` and `marking` switch in the deliberately broken composers for the tests; a reader sees neither. */
export function compositionLab(plan: Plan = 'fetch-all', marking: Marking = 'marked'): LabDefinition {
  return defineLab<ApiComposition>({
    id: 'api-composition',
    title: 'API composition versus a read model',
    services: { browser, composer: composer(plan, marking), orders, customers, payments, 'read-model': readModel },
    faults,
    invariants,
    measures,
    actions: [
      open('order', 'open-order'),
      open('paid-by-name', 'open-paid-by-name'),
      open('newest', 'open-newest'),
      open('newest-paid', 'open-newest-paid'),
      { id: 'rename', label: 'Rename a customer', service: 'browser', message: { type: 'write', what: 'rename' } },
      { id: 'settle', label: 'Settle a pending payment', service: 'browser', message: { type: 'write', what: 'settle' } },
    ],
    exercises,
  });
}

export default compositionLab();
