/**
 * What must hold, read from the databases. The read model may lag, so its convergence is pending while
 * anything is in flight. A page the composer served is final the moment it is served: if it says it is
 * complete it must equal the true page, and if a part is missing it must say so and show nothing in its place.
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { ApiComposition, PageKind, PageRow } from './messages.ts';
import { joinedNow, lastWriteAt, truePage } from './truth.ts';

const showRow = (r: PageRow | undefined) =>
  r ? `${r.orderId} ${r.customerName ?? '(no name)'} ${r.paymentStatus ?? '(no status)'} ${r.totalCents}` : 'nothing';

const converges: InvariantSpec<ApiComposition> = {
  id: 'read-model-converges',
  label: 'Once nothing is in flight, order_view equals the join of the three services, row for row',
  async check(dbs, quiet) {
    const truth = new Map((await joinedNow(dbs)).map((r) => [r.orderId, r]));
    const view = await select(
      requireDb(dbs, 'read-model'),
      'SELECT order_id, customer_name, payment_status, total_cents, placed_at FROM order_view',
    );
    const differ = view.flatMap((v) => {
      const t = truth.get(String(v['order_id']));
      const same = t
        ? t.customerName === v['customer_name'] && t.paymentStatus === v['payment_status'] && t.totalCents === Number(v['total_cents'])
        : false;
      return same
        ? []
        : [
            {
              order: String(v['order_id']),
              read_model: `${String(v['customer_name'])} ${String(v['payment_status'])}`,
              services: showRow(t),
            },
          ];
    });
    const lacking = truth.size - view.length;
    if (differ.length === 0 && lacking === 0) return { status: 'holds', summary: `All ${view.length} rows equal the services’ data.` };
    const summary = `${differ.length} row${differ.length === 1 ? '' : 's'} differ from the services${lacking > 0 ? ` and ${lacking} are missing` : ''}`;
    if (!quiet) return { status: 'pending', summary: `${summary}; the projector is still at work.`, rows: differ.slice(0, 20) };
    return { status: 'broken', summary: `${summary}, with nothing left in flight to fix them.`, rows: differ.slice(0, 20) };
  },
};

/** A served row agrees with the true one; a part the page says it lacks must be empty, never made up. */
function agrees(served: PageRow, truth: PageRow | undefined, missing: ReadonlySet<string>): boolean {
  if (truth?.orderId !== served.orderId || served.totalCents !== truth.totalCents) return false;
  const name = missing.has('customers') ? served.customerName === null : served.customerName === truth.customerName;
  const status = missing.has('payments') ? served.paymentStatus === null : served.paymentStatus === truth.paymentStatus;
  return name && status;
}

const pagesTrue: InvariantSpec<ApiComposition> = {
  id: 'composed-pages-tell-the-truth',
  label: 'Every page the composer served equals the true page, or says which part it lacks and shows nothing in its place',
  async check(dbs) {
    const composer = requireDb(dbs, 'composer');
    const since = await lastWriteAt(dbs);
    const pages = await select(
      composer,
      `SELECT req_id, page, outcome, missing FROM served_pages WHERE outcome <> 'error' AND started_at > ${since} ORDER BY req_id`,
    );
    if (pages.length === 0) return { status: 'holds', summary: 'No page served since the last write to compare yet.' };
    const all = await joinedNow(dbs);
    const served = await select(
      composer,
      'SELECT req_id, order_id, customer_name, payment_status, total_cents FROM served_rows ORDER BY req_id, pos',
    );
    const wrong = pages.flatMap((p) => {
      const missing = new Set(String(p['missing']).split(',').filter(Boolean));
      const rows = served
        .filter((r) => r['req_id'] === p['req_id'])
        .map((r) => ({
          orderId: String(r['order_id']),
          placedAt: 0,
          totalCents: Number(r['total_cents']),
          customerName: r['customer_name'] === null ? null : String(r['customer_name']),
          paymentStatus: r['payment_status'] === null ? null : String(r['payment_status']),
        }));
      const expected = truePage(all, String(p['page']) as PageKind);
      const markedRight = (p['outcome'] === 'partial') === missing.size > 0;
      const at = rows.findIndex((r, i) => !agrees(r, expected[i], missing));
      if (markedRight && rows.length === expected.length && at === -1) return [];
      const i = at === -1 ? Math.min(rows.length, expected.length) : at;
      return [
        {
          request: Number(p['req_id']),
          page: String(p['page']),
          outcome: String(p['outcome']),
          row: i + 1,
          served: showRow(rows[i]),
          truth: showRow(expected[i]),
        },
      ];
    });
    if (wrong.length === 0)
      return {
        status: 'holds',
        summary: `${pages.length} page${pages.length === 1 ? '' : 's'} served since the last write, each true or honestly partial.`,
      };
    const first = wrong[0];
    return {
      status: 'broken',
      summary: `${wrong.length} of ${pages.length} pages differ from the truth (request ${String(first?.request)}, ${String(first?.page)}, row ${String(first?.row)}: served ${String(first?.served)}, true ${String(first?.truth)}).`,
      rows: wrong.slice(0, 20),
    };
  },
};

export const invariants: readonly InvariantSpec<ApiComposition>[] = [converges, pagesTrue];
