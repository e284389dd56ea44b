/**
 * A differently seeded set of tickets for the split exercise's hidden check: the reader's split SQL runs on
 * it too, so a split that copies the visible rows by hand, rather than moving whatever the table holds, fails.
 */
import type { Cell } from '../engine/types.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import { SeededRandom } from '../sim/random.ts';

export interface JointRow {
  readonly id: number;
  readonly customer_id: number;
  readonly description: string;
  readonly priority: string;
  readonly status: string;
  readonly expert_id: number | null;
  readonly scheduled_for: string | null;
}

const numberOrNull = (cell: Cell | undefined) => (cell === null || cell === undefined ? null : Number(cell));
const textOrNull = (cell: Cell | undefined) => (cell === null || cell === undefined ? null : String(cell));

/** A row of the jointly owned table, as a query that lists its columns by name returns it. */
export function jointRowOf(row: Readonly<Record<string, Cell>>): JointRow {
  return {
    id: Number(row['id']),
    customer_id: Number(row['customer_id']),
    description: String(row['description']),
    priority: String(row['priority']),
    status: String(row['status']),
    expert_id: numberOrNull(row['expert_id']),
    scheduled_for: textOrNull(row['scheduled_for']),
  };
}

const WORDS = ['Printer offline', 'Password reset loops', 'Projector has no signal', 'Disk nearly full', 'Phone will not pair'];

export function otherTickets(seed: number): JointRow[] {
  const random = new SeededRandom(seed);
  const count = 6 + random.int(6);
  return Array.from({ length: count }, (_, i) => {
    const assigned = random.next() < 0.5;
    const day = 10 + random.int(15);
    const hour = 8 + random.int(9);
    return {
      id: 400 + i * 3 + random.int(3),
      customer_id: 1 + random.int(6),
      description: `${WORDS[random.int(WORDS.length)] ?? 'Issue'} (${i + 1})`,
      priority: ['low', 'normal', 'high'][random.int(3)] ?? 'normal',
      status: random.next() < 0.3 ? 'closed' : 'open',
      expert_id: assigned ? 1 + random.int(4) : null,
      scheduled_for: assigned ? `2026-02-${day} ${String(hour).padStart(2, '0')}:30` : null,
    };
  });
}

/** Replaces the split database's tickets with `rows`, before any split. */
export function loadTicketsSql(rows: readonly JointRow[]): string {
  const values = rows
    .map(
      (r) =>
        `(${sqlInt(r.id)}, ${sqlInt(r.customer_id)}, ${sqlText(r.description)}, ${sqlText(r.priority)}, ${sqlText(r.status)}, ${r.expert_id === null ? 'NULL' : sqlInt(r.expert_id)}, ${r.scheduled_for === null ? 'NULL' : sqlText(`${r.scheduled_for}+00`)})`,
    )
    .join(',\n  ');
  return `DELETE FROM tickets;\nINSERT INTO tickets (id, customer_id, description, priority, status, expert_id, scheduled_for) VALUES\n  ${values};`;
}
