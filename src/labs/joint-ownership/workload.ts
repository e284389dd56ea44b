/**
 * The workload: one seeded mix of ticket creations, assignments, closes and priority changes, drawn once per
 * run and sent to all four techniques at the same virtual moments, so their figures compare like for like.
 * Targets are drawn from a small pool on purpose: requests for the same ticket overlap, which is what
 * exposes lost updates and assignments to tickets that were just closed.
 */
export type OpKind = 'create' | 'assign' | 'close' | 'reprioritize';
export const OP_KINDS: readonly OpKind[] = ['create', 'assign', 'close', 'reprioritize'];

export type Priority = 'low' | 'normal' | 'high';

export type Op =
  | {
      readonly kind: 'create';
      readonly ticketId: number;
      readonly customerId: number;
      readonly description: string;
      readonly priority: Priority;
      readonly at: number;
    }
  | { readonly kind: 'assign'; readonly ticketId: number; readonly expertId: number; readonly scheduledFor: string; readonly at: number }
  | { readonly kind: 'close'; readonly ticketId: number; readonly at: number }
  | { readonly kind: 'reprioritize'; readonly ticketId: number; readonly priority: Priority; readonly at: number };

/** Requests per technique in one run. */
export const WORKLOAD_SIZE = 12;

const DESCRIPTIONS = ['Monitor flickers', 'Cannot print to floor 3', 'Headset not detected', 'Mail sync stalls', 'Keyboard types twice'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high'];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * Draws one run's requests. `firstNewId` is the id of the first ticket this run creates. The seed tickets
 * in the pools: 102 and 104 are open and unassigned, 106 is assigned, 105 was closed before the lab began.
 */
export function drawWorkload(random: () => number, firstNewId: number): Op[] {
  const fresh = [firstNewId, firstNewId + 1, firstNewId + 2];
  const ops: Op[] = fresh.map((ticketId, i) => ({
    kind: 'create',
    ticketId,
    customerId: 1 + Math.floor(random() * 6),
    description: pick(random, DESCRIPTIONS),
    priority: pick(random, PRIORITIES),
    at: i * 20 + Math.floor(random() * 20),
  }));
  const later = () => 30 + Math.floor(random() * 200);
  const kinds: OpKind[] = ['assign', 'assign', 'assign', 'assign', 'close', 'close', 'reprioritize', 'reprioritize', 'reprioritize'];
  for (const kind of kinds) {
    if (kind === 'assign') {
      const ticketId = pick(random, [fresh[0] ?? firstNewId, fresh[1] ?? firstNewId, 102, 104, 105, 106]);
      const day = 10 + Math.floor(random() * 5);
      const hour = 9 + Math.floor(random() * 8);
      ops.push({
        kind,
        ticketId,
        expertId: 1 + Math.floor(random() * 4),
        scheduledFor: `2026-01-${day} ${String(hour).padStart(2, '0')}:00`,
        at: later(),
      });
    } else if (kind === 'close') {
      ops.push({ kind: 'close', ticketId: pick(random, [fresh[0] ?? firstNewId, 102, 104]), at: later() });
    } else {
      ops.push({
        kind: 'reprioritize',
        ticketId: pick(random, [fresh[1] ?? firstNewId, 102, 104, 106]),
        priority: pick(random, PRIORITIES),
        at: later(),
      });
    }
  }
  return ops;
}
