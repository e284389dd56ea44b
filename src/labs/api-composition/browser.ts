/**
 * Your browser: opens a page both ways at the same moment, through the composer and from the read model,
 * and records what each answer showed, how long it took and how many rows were moved to build it. It also
 * makes the writes a reader can trigger, by asking the service that owns the data.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { ApiComposition, PageKind, PageServed } from './messages.ts';
import { plural } from './owning-service.ts';
import { ORDER_ID, PAGE } from './settings.ts';

interface BrowserState {
  nextReq: number;
  readonly open: Map<number, { readonly page: PageKind; readonly issuedAt: number }>;
}

type Ctx = LabContext<ApiComposition, 'browser', BrowserState>;

export const PAGE_NAMES: Readonly<Record<PageKind, string>> = {
  order: `order ${ORDER_ID}`,
  newest: `newest orders, page ${PAGE}`,
  'newest-paid': `newest paid orders, page ${PAGE}`,
  'paid-by-name': `paid orders by customer name, page ${PAGE}`,
};

/** The same pages, short enough for a table cell on a phone. */
export const PAGE_SHORT: Readonly<Record<PageKind, string>> = {
  order: ORDER_ID,
  newest: `newest, p. ${PAGE}`,
  'newest-paid': `newest paid, p. ${PAGE}`,
  'paid-by-name': `paid by name, p. ${PAGE}`,
};

function describe(m: PageServed, ms: number): string {
  const who = m.way === 'composer' ? 'composer' : 'read model';
  if (m.outcome === 'error') return `${who}: error after ${ms} ms (${m.error ?? 'no reason given'})`;
  const first = m.rows[0];
  const firstRow = first
    ? `; first row ${first.orderId}, ${first.customerName ?? 'name missing'}, ${first.paymentStatus ?? 'payment missing'}`
    : '';
  const partial = m.outcome === 'partial' ? `, partial: no ${m.missing.join(' or ')}` : '';
  return `${who}: ${plural(m.rows.length, 'row')} after ${ms} ms, ${plural(m.rowsMoved, 'row')} moved${partial}${firstRow}`;
}

export const browser: ServiceSpec<ApiComposition, 'browser', BrowserState> = {
  label: 'Your browser',
  role: 'Opens each page both ways at once and records what came back; keeps no database',
  initialState: () => ({ nextReq: 0, open: new Map() }),
  on: {
    open(ctx, m) {
      for (const to of ['composer', 'read-model'] as const) {
        const reqId = ++ctx.state.nextReq;
        ctx.state.open.set(reqId, { page: m.page, issuedAt: ctx.now });
        ctx.send(to, { type: 'open-page', reqId, page: m.page });
      }
    },
    'page-served'(ctx: Ctx, m) {
      const asked = ctx.state.open.get(m.reqId);
      if (!asked) return;
      ctx.state.open.delete(m.reqId);
      ctx.fact({
        kind: 'shown',
        reqId: m.reqId,
        way: m.way,
        page: asked.page,
        issuedAt: asked.issuedAt,
        outcome: m.outcome,
        rowsMoved: m.rowsMoved,
        rowsShown: m.rows.length,
        missing: m.missing,
        ...(m.checkpoints ? { checkpoints: m.checkpoints } : {}),
      });
      ctx.note(`${PAGE_NAMES[asked.page]}, ${describe(m, ctx.now - asked.issuedAt)}`);
    },
    write(ctx, m) {
      if (m.what === 'rename') ctx.send('customers', { type: 'rename-customer' });
      else ctx.send('payments', { type: 'settle-payment' });
    },
  },
};
