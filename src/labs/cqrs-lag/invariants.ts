/**
 * What must hold, read from both databases. The read model may lag, so convergence and visibility are
 * pending while anything is in flight; but an event applied twice, or a version going backwards, is wrong
 * the moment it happens, and the read model's own trigger-written history shows it.
 */
import { requireDb, select } from '../check/select.ts';
import type { Database } from '../engine/types.ts';
import type { InvariantSpec, ServiceOf } from '../kit/define-lab.ts';
import type { CqrsLag } from './messages.ts';

type Dbs = ReadonlyMap<ServiceOf<CqrsLag>, Database>;

interface Side {
  readonly status: string;
  readonly version: number;
  readonly total: number | null;
}

async function writeSide(dbs: Dbs): Promise<Map<string, Side>> {
  const rows = await select(
    requireDb(dbs, 'orders'),
    'SELECT o.id, o.status, o.version, (SELECT sum(l.qty * l.price_cents) FROM order_lines l WHERE l.order_id = o.id)::int AS total FROM orders o',
  );
  return new Map(
    rows.map((r) => [
      String(r['id']),
      { status: String(r['status']), version: Number(r['version']), total: r['total'] === null ? null : Number(r['total']) },
    ]),
  );
}

async function readSide(dbs: Dbs): Promise<Map<string, Side>> {
  const rows = await select(requireDb(dbs, 'read-model'), 'SELECT order_id, status, version, total_cents FROM my_orders');
  return new Map(
    rows.map((r) => [
      String(r['order_id']),
      { status: String(r['status']), version: Number(r['version']), total: Number(r['total_cents']) },
    ]),
  );
}

const show = (s: Side | undefined) => (s ? `${s.status} v${s.version}` : 'missing');

const converges: InvariantSpec<CqrsLag> = {
  id: 'read-model-converges',
  label: 'Once nothing is in flight, every row of the read model equals its order on the write side',
  async check(dbs, quiet) {
    const write = await writeSide(dbs);
    const read = await readSide(dbs);
    const differ = [...read].flatMap(([id, r]) => {
      const w = write.get(id);
      return w?.status === r.status && w.version === r.version && w.total === r.total
        ? []
        : [{ order: id, read_model: show(r), write_side: show(w) }];
    });
    if (differ.length === 0) return { status: 'holds', summary: `${read.size} rows, each equal to its order.` };
    const summary = `${differ.length} row${differ.length === 1 ? ' differs' : 's differ'} from the write side`;
    if (!quiet) return { status: 'pending', summary: `${summary}; the projector is still at work.`, rows: differ };
    return {
      status: 'broken',
      summary: `${summary}, and nothing is left in flight to fix ${differ.length === 1 ? 'it' : 'them'}.`,
      rows: differ,
    };
  },
};

const visible: InvariantSpec<CqrsLag> = {
  id: 'every-order-visible',
  label: 'Every order reaches the read model once the projector catches up',
  async check(dbs, quiet) {
    const write = await writeSide(dbs);
    const read = await readSide(dbs);
    const missing = [...write.keys()].filter((id) => !read.has(id)).sort();
    if (missing.length === 0) return { status: 'holds', summary: `All ${write.size} orders are in the read model.` };
    const rows = missing.slice(0, 20).map((order) => ({ order, write_side: show(write.get(order)) }));
    const summary = `${missing.length} of ${write.size} orders not in the read model yet`;
    if (!quiet) return { status: 'pending', summary: `${summary}.`, rows };
    return { status: 'broken', summary: `${summary}, and the projector has nothing left to do.`, rows };
  },
};

const appliedOnce: InvariantSpec<CqrsLag> = {
  id: 'no-event-applied-twice',
  label: 'No event is applied twice, and no row’s version ever goes backwards',
  async check(dbs) {
    const rows = await select(
      requireDb(dbs, 'read-model'),
      'SELECT seq, order_id, old_version, new_version, position FROM row_history WHERE new_version <= old_version ORDER BY seq LIMIT 20',
    );
    if (rows.length === 0) return { status: 'holds', summary: 'Every write to my_orders moved its row to a newer version.' };
    const first = rows[0];
    return {
      status: 'broken',
      summary: `${rows.length === 20 ? 'At least 20' : rows.length} write${rows.length === 1 ? '' : 's'} went from a version to the same or an older one (first: ${String(first?.['order_id'])} v${String(first?.['old_version'])} → v${String(first?.['new_version'])}).`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<CqrsLag>[] = [converges, visible, appliedOnce];
