/**
 * The one data set every shape holds: the support desk's products, agents, customers (grouped in company
 * accounts), their tickets with text, and the links between customers (a shared account, or an escalation
 * that involved both). Drawn once from a fixed seed, so every service's setup SQL is rendered from the same
 * facts and the lab starts with the shapes in agreement.
 */
import { ACCOUNT_SIZE, CUSTOMERS, ESCALATIONS, TICKETS_PER_CUSTOMER_MAX } from './settings.ts';
import { CATEGORIES, PHRASES, type Category } from './vocabulary.ts';

export interface Product {
  readonly id: number;
  readonly name: string;
}
export interface Agent {
  readonly id: number;
  readonly name: string;
}
export interface Customer {
  readonly id: number;
  readonly name: string;
  readonly tier: 'basic' | 'pro' | 'enterprise';
  readonly account: number;
}
export interface Ticket {
  readonly id: number;
  readonly customerId: number;
  readonly productId: number;
  readonly agentId: number;
  readonly category: Category;
  readonly subject: string;
  readonly body: string;
  readonly status: 'open' | 'closed';
}
/** Stored in both directions, as a graph's undirected edge usually is in a table. */
export interface Link {
  readonly from: number;
  readonly to: number;
  readonly kind: 'account' | 'escalation';
}

export interface DataSet {
  readonly products: readonly Product[];
  readonly agents: readonly Agent[];
  readonly customers: readonly Customer[];
  readonly tickets: readonly Ticket[];
  readonly links: readonly Link[];
}

export const PRODUCTS: readonly Product[] = [
  { id: 1, name: 'Billing Centre' },
  { id: 2, name: 'Helpdesk' },
  { id: 3, name: 'Mobile App' },
  { id: 4, name: 'Reports' },
  { id: 5, name: 'Sync Agent' },
  { id: 6, name: 'Identity' },
];

const AGENT_NAMES = ['Ama', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Freya', 'Goran', 'Hana'];
const FIRST = ['Acme', 'Birch', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen'];
const SECOND = ['Foods', 'Labs', 'Logistics', 'Health', 'Studio', 'Retail', 'Energy', 'Media', 'Travel', 'Finance'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** Which product a category's tickets are usually filed against. */
const USUAL_PRODUCT: Readonly<Record<Category, number>> = { login: 6, billing: 1, sync: 5, mobile: 3, export: 4, performance: 2 };

/** A small seeded generator (mulberry32): the data set must be the same in every build and every test. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function drawDataSet(seed = 0x5a9e5): DataSet {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const agents = AGENT_NAMES.map((name, i) => ({ id: i + 1, name }));

  const customers: Customer[] = [];
  let account = 0;
  for (let id = 1; id <= CUSTOMERS; id++) {
    // A new account every ACCOUNT_SIZE customers or so: some accounts have one customer, some five.
    if (id === 1 || random() < 1 / ACCOUNT_SIZE) account++;
    const tier = random() < 0.15 ? 'enterprise' : random() < 0.5 ? 'pro' : 'basic';
    customers.push({ id, name: `${pick(FIRST)} ${pick(SECOND)} ${id}`, tier, account });
  }

  const tickets: Ticket[] = [];
  for (const customer of customers) {
    const count = 1 + Math.floor(random() * TICKETS_PER_CUSTOMER_MAX);
    for (let i = 0; i < count; i++) {
      const category = pick(CATEGORIES);
      const [subject, detail] = pick(PHRASES[category]);
      tickets.push({
        id: tickets.length + 1,
        customerId: customer.id,
        productId: random() < 0.7 ? USUAL_PRODUCT[category] : pick(PRODUCTS).id,
        agentId: pick(agents).id,
        category,
        subject,
        body: `${detail} Reported on ${pick(WEEKDAYS)} by ${customer.name}.`,
        status: random() < 0.3 ? 'open' : 'closed',
      });
    }
  }

  const links: Link[] = [];
  const seen = new Set<string>();
  const link = (a: number, b: number, kind: Link['kind']) => {
    if (a === b || seen.has(`${a}-${b}`)) return;
    seen.add(`${a}-${b}`).add(`${b}-${a}`);
    links.push({ from: a, to: b, kind }, { from: b, to: a, kind });
  };
  // Customers of one account are linked in a chain: the shared account.
  for (let i = 1; i < customers.length; i++) {
    const [prev, cur] = [customers[i - 1], customers[i]];
    if (prev && prev.account === cur?.account) link(prev.id, cur.id, 'account');
  }
  for (let i = 0; i < ESCALATIONS; i++) link(pick(customers).id, pick(customers).id, 'escalation');
  links.sort((x, y) => x.from - y.from || x.to - y.to);

  return { products: PRODUCTS, agents, customers, tickets, links };
}

/** The data set every service starts from. */
export const DATA_SET: DataSet = drawDataSet();
