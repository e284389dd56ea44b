/**
 * Data shapes: one data set (the support desk's customers, tickets, products, agents and the links between
 * customers) stored in six shapes at once: relational tables, a graph walked by a recursive query, JSON
 * documents, key-value entries, a full-text index and vectors. The same access patterns run against every
 * shape that can serve them, and every change to the source of truth is carried to the others.
 */
import { defineLab } from '../kit/define-lab.ts';
import type { LabDefinition } from '../sim/types.ts';
import { derived } from './derived.ts';
import { desk } from './desk.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { ShapesLab } from './messages.ts';
import { keyvalue } from './keyvalue.ts';
import { relational } from './relational.ts';
import { RENAMED_PRODUCT } from './settings.ts';

/** `rename-forgets-documents` builds the broken variant the property test must catch. */
export function shapesLab(variant: 'correct' | 'rename-forgets-documents' = 'correct'): LabDefinition {
  return defineLab<ShapesLab>({
    id: 'data-shapes',
    title: 'One data set, six shapes: tables, graph, documents, key-value, search and vectors',
    services: {
      desk,
      relational,
      derived: derived(variant === 'correct' ? 'when-fault-on' : 'always'),
      keyvalue,
    },
    faults,
    invariants,
    measures,
    actions: [
      { id: 'run-patterns', label: 'Run the access patterns', service: 'desk', message: { type: 'run-patterns' } },
      { id: 'time-patterns', label: 'Time them (engine time)', service: 'desk', message: { type: 'time-patterns' } },
      { id: 'rename-product', label: `Rename product ${RENAMED_PRODUCT}`, service: 'desk', message: { type: 'rename-product' } },
      { id: 'open-ticket', label: 'Open a ticket', service: 'desk', message: { type: 'open-ticket' } },
      { id: 'link-customers', label: 'Link two customers', service: 'desk', message: { type: 'link-customers' } },
    ],
    exercises,
  });
}

export default shapesLab();
