/** The chapter's exercises, checked against the lab's real databases (the page-3 query also on runs the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition, HiddenRunView } from '../check/types.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import { joinedNow, truePage } from './truth.ts';

const fetchEverything: ExerciseDefinition = {
  id: 'fetch-everything',
  title: 'Find the page for which the composer must fetch everything',
  async check(ctx) {
    const [orders] = await select(requireDb(ctx.databases, 'orders'), 'SELECT count(*)::int AS n FROM orders');
    const [customers] = await select(requireDb(ctx.databases, 'customers'), 'SELECT count(*)::int AS n FROM customers');
    const pages = await select(
      requireDb(ctx.databases, 'composer'),
      `SELECT p.req_id, p.page, p.rows_moved,
  (SELECT coalesce(sum(c.rows), 0) FROM calls c WHERE c.req_id = p.req_id AND c.service = 'orders') AS order_rows,
  (SELECT coalesce(sum(c.rows), 0) FROM calls c WHERE c.req_id = p.req_id AND c.service = 'customers') AS customer_rows,
  (SELECT count(*) FROM served_rows r WHERE r.req_id = p.req_id) AS shown
FROM served_pages p WHERE p.outcome <> 'error' ORDER BY p.req_id`,
    );
    if (pages.length === 0) return { passed: false, message: 'The composer has not served a page yet: open one.' };
    const everything = pages.find(
      (p) => Number(p['order_rows']) >= Number(orders?.['n']) && Number(p['customer_rows']) >= Number(customers?.['n']),
    );
    if (!everything) {
      const most = pages.reduce((a, b) => (Number(b['rows_moved']) > Number(a['rows_moved']) ? b : a));
      return {
        passed: false,
        message: `The most the composer fetched for one page was ${String(most['rows_moved'])} rows (${String(most['page'])}): it could still ask one service for just the page. Which page needs a sort that one service owns and a filter that another owns?`,
      };
    }
    return {
      passed: true,
      message: `For “${String(everything['page'])}” the composer fetched all ${String(orders?.['n'])} orders and all ${String(customers?.['n'])} customers (${String(everything['rows_moved'])} rows in all) to show ${String(everything['shown'])}. The sort lives in Customers and the filter in Payments, so no single service can say which orders are on page 3.`,
    };
  },
};

/** Runs the reader never sees: other renames and other payments settled, so page 3 holds other orders. */
const HIDDEN_RUNS: readonly { readonly seed: number; readonly inputs: readonly RecordedInput[] }[] = [
  {
    seed: 0xa9c1,
    inputs: [
      ...Array.from({ length: 3 }, (_, i) => ({ step: i, input: { kind: 'action', actionId: 'rename' } as const })),
      ...Array.from({ length: 6 }, (_, i) => ({ step: 3 + i, input: { kind: 'action', actionId: 'settle' } as const })),
    ],
  },
  {
    seed: 0xa9c2,
    inputs: [
      ...Array.from({ length: 12 }, (_, i) => ({ step: i, input: { kind: 'action', actionId: 'settle' } as const })),
      ...Array.from({ length: 7 }, (_, i) => ({ step: 12 + i, input: { kind: 'action', actionId: 'rename' } as const })),
    ],
  },
];

async function tryQuery(run: Pick<HiddenRunView, 'databases'>, sql: string): Promise<string | undefined> {
  const result = await requireDb(run.databases, 'read-model').query(sql);
  if (!result.ok) return `SQLite refused your query: ${result.error.message}`;
  const last = result.results.at(-1);
  const column = last?.fields.findIndex((f) => f.name === 'order_id') ?? -1;
  if (!last || column < 0) return 'Return the orders’ order_id column, so that the check can compare the page.';
  const got = last.rows.map((r) => String(r[column]));
  const expected = truePage(await joinedNow(run.databases), 'paid-by-name').map((r) => r.orderId);
  if (got.length !== expected.length) return `Your query returned ${got.length} rows; page 3 has ${expected.length}.`;
  const at = got.findIndex((id, i) => id !== expected[i]);
  if (at >= 0) return `Row ${at + 1} of your page is ${got[at] ?? ''}, and it should be ${expected[at] ?? ''}.`;
  return undefined;
}

const pageThreeQuery: ExerciseDefinition = {
  id: 'page-three-query',
  title: 'Write the read model’s query for page 3',
  answer: {
    kind: 'sql',
    service: 'read-model',
    placeholder: 'SELECT order_id, customer_name, … FROM order_view WHERE … ORDER BY … LIMIT … OFFSET …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim() ?? '';
    if (sql === '') return { passed: false, message: 'Type one SELECT on order_view that returns page 3.' };
    if (!/^\s*select\b/i.test(sql) || !/\border_view\b/i.test(sql))
      return { passed: false, message: 'Write one SELECT that reads order_view.' };
    const here = await tryQuery(ctx, sql);
    if (here) return { passed: false, message: `On your own run: ${here}` };
    if (!ctx.replay)
      return { passed: false, message: 'This check replays the lab on runs you have not seen, and this page cannot do that.' };
    for (const hidden of HIDDEN_RUNS) {
      const problem = await ctx.replay(hidden.seed, hidden.inputs, (run) => tryQuery(run, sql));
      if (problem)
        return {
          passed: false,
          message: `On a run you have not seen, with other customers renamed and other payments settled: ${problem}`,
        };
    }
    return {
      passed: true,
      message:
        'Your query returned the true page 3 on your run and on two runs you never saw. One statement, ten rows moved; the composer moves every order for the same page.',
    };
  },
};

const orderPageWithoutPayments: ExerciseDefinition = {
  id: 'order-page-without-payments',
  title: 'Keep the order page up while Payments is down',
  async check(ctx) {
    const composer = requireDb(ctx.databases, 'composer');
    const [fallback] = await select(composer, "SELECT on_failure FROM fallbacks WHERE service = 'payments'");
    const pages = await select(composer, "SELECT req_id, outcome, missing FROM served_pages WHERE page = 'order' ORDER BY req_id DESC");
    const partial = pages.find((p) => p['outcome'] === 'partial' && String(p['missing']).split(',').includes('payments'));
    if (!partial) {
      const failed = pages.find((p) => p['outcome'] === 'error');
      return {
        passed: false,
        message:
          fallback?.['on_failure'] === 'omit'
            ? 'The fallback is set; now open the order page while Payments is down.'
            : failed
              ? `The order page failed (request ${String(failed['req_id'])}): the composer still fails the whole page when Payments does not answer.`
              : 'Take Payments down and open the order page: see what the composer does first.',
      };
    }
    const [row] = await select(
      composer,
      `SELECT order_id, customer_name, payment_status FROM served_rows WHERE req_id = ${Number(partial['req_id'])}`,
    );
    if (row?.['payment_status'] !== null)
      return {
        passed: false,
        message: 'The page was marked partial but still showed a payment status: nothing may be shown in place of a missing part.',
      };
    return {
      passed: true,
      message: `Request ${String(partial['req_id'])} rendered ${String(row['order_id'])} for ${String(row['customer_name'])} with no payment status, and said so: the page is marked partial, missing payments.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [fetchEverything, pageThreeQuery, orderPageWithoutPayments];
