/**
 * The support desk and its analyst (no database): asks every store to run the access patterns, and makes the
 * writes a desk makes (rename a product, open a ticket, link two customers) on the source of truth.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { DATA_SET } from './dataset.ts';
import type { ShapesLab } from './messages.ts';
import { CUSTOMERS, PRODUCT_NAMES, RENAMED_PRODUCT } from './settings.ts';
import { CATEGORIES, PHRASES } from './vocabulary.ts';

interface DeskState {
  runs: number;
  renames: number;
}

export const desk: ServiceSpec<ShapesLab, 'desk', DeskState> = {
  label: 'Support desk',
  role: 'Runs the six access patterns against every shape, and writes to the source of truth',
  initialState: () => ({ runs: 0, renames: 0 }),
  on: {
    'run-patterns'(ctx) {
      ctx.state.runs++;
      for (const to of ['relational', 'derived', 'keyvalue'] as const)
        ctx.send(to, { type: 'run-patterns', run: ctx.state.runs, timed: false });
    },
    'time-patterns'(ctx) {
      for (const to of ['relational', 'derived', 'keyvalue'] as const)
        ctx.send(to, { type: 'run-patterns', run: ctx.state.runs, timed: true });
    },
    'rename-product'(ctx) {
      const name = PRODUCT_NAMES[ctx.state.renames % PRODUCT_NAMES.length] ?? 'Renamed';
      ctx.state.renames++;
      ctx.note(`renames product ${RENAMED_PRODUCT} to “${name}”`);
      ctx.send('relational', { type: 'rename-product', productId: RENAMED_PRODUCT, name });
    },
    'open-ticket'(ctx) {
      const draw = (n: number) => Math.floor(ctx.random() * n);
      const category = CATEGORIES[draw(CATEGORIES.length)] ?? 'login';
      const [subject, body] = PHRASES[category][draw(PHRASES[category].length)] ?? ['Help', 'Please help.'];
      ctx.send('relational', {
        type: 'open-ticket',
        customerId: 1 + draw(CUSTOMERS),
        productId: 1 + draw(DATA_SET.products.length),
        agentId: 1 + draw(DATA_SET.agents.length),
        category,
        subject,
        body: `${body} Opened at the desk.`,
      });
    },
    'link-customers'(ctx) {
      const from = 1 + Math.floor(ctx.random() * CUSTOMERS);
      const to = 1 + ((from + Math.floor(ctx.random() * (CUSTOMERS - 1))) % CUSTOMERS);
      ctx.note(`an escalation involves customers ${from} and ${to}`);
      ctx.send('relational', { type: 'link-customers', from, to });
    },
  },
};
