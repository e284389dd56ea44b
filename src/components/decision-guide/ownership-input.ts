/** What the ownership diagram draws for a technique (or for the jointly written table before any), read from the lab. */
import {
  ASSIGNMENT,
  columnsOf,
  SERVICE_LABEL,
  TECHNIQUE,
  TICKET,
  TICKET_COLUMNS,
  type AppService,
  type TechniqueId,
} from '../../labs/joint-ownership/techniques.ts';
import type { DiagramInput } from '../../lib/joint-ownership-guide-diagram.ts';

export type DiagramSubject = 'before' | TechniqueId;

export function ownershipInput(subject: DiagramSubject): DiagramInput {
  if (subject === 'before') {
    return {
      services: ([TICKET, ASSIGNMENT] as const).map((id) => ({ id, label: SERVICE_LABEL[id] })),
      tables: [{ name: 'tickets', key: 'id', columns: TICKET_COLUMNS, writers: [TICKET, ASSIGNMENT] }],
    };
  }
  const technique = TECHNIQUE[subject];
  const ids = new Set<AppService>([...technique.tables.flatMap((t) => t.writers), ...(technique.delegation ?? [])]);
  const order: AppService[] = [TICKET, ASSIGNMENT, 'ticket-management'];
  return {
    services: order.filter((id) => ids.has(id)).map((id) => ({ id, label: SERVICE_LABEL[id] })),
    tables: technique.tables.map((t) => ({
      name: technique.schema === '' ? t.table : `${technique.schema}.${t.table}`,
      key: t.table === 'ticket_assignments' ? 'ticket_id' : 'id',
      columns: columnsOf(subject, t.table),
      writers: t.writers,
    })),
    ...(technique.delegation ? { delegation: technique.delegation } : {}),
  };
}
