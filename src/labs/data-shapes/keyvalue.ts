/**
 * The key-value store (SQLite, used as a key-value store): values are read and written whole, by key. Every
 * access pattern is a procedure in this file: which keys to fetch, in how many round trips, and what the
 * application does with the values. A rename rewrites every ticket value that copied the product's name.
 */
import type { Cell, QueryResult } from '../engine/types.ts';
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { sqlText, transaction } from '../kit/service-sql.ts';
import { movePosition, takeChanges, type ApplyState } from './apply-changes.ts';
import type { LoggedChange, Pattern, ShapesLab } from './messages.ts';
import { record, timeOf, type Cost } from './run-patterns.ts';
import { KEY_VALUE_SETUP } from './seed-sql.ts';
import { HOPS, PROBE_CUSTOMER, PROBE_TICKET } from './settings.ts';
import { customerKey, ticketKey, type CustomerValue, type TicketValue } from './shapes.ts';

type Ctx = LabContext<ShapesLab, 'keyvalue', ApplyState>;

/** A scan reads this many keys per round trip, as a key-value store's SCAN pages through a key range. */
export const SCAN_PAGE = 250;

/** Records every statement a procedure sends, so its cost is counted from what really ran. */
class Session {
  readonly results: QueryResult[] = [];
  chars = 0;
  rowsRead = 0;
  constructor(private readonly ctx: Pick<Ctx, 'sql'>) {}

  async get(keys: readonly string[]): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    return this.#read(`SELECT key, value FROM kv WHERE key IN (${keys.map(sqlText).join(', ')})`);
  }

  /** One page of a key range, after `from`. */
  async scan(from: string, below: string): Promise<Map<string, unknown>> {
    return this.#read(`SELECT key, value FROM kv WHERE key > ${sqlText(from)} AND key < ${sqlText(below)} ORDER BY key LIMIT ${SCAN_PAGE}`);
  }

  async #read(sql: string): Promise<Map<string, unknown>> {
    const result = await this.ctx.sql(sql);
    this.results.push(result);
    this.chars += sql.length;
    const rows = result.ok ? (result.results.at(-1)?.rows ?? []) : [];
    this.rowsRead += rows.length;
    return new Map(rows.map(([key, value]) => [String(key), JSON.parse(String(value)) as unknown]));
  }
}

type Procedure = (s: Session) => Promise<{ rows: Cell[][]; access: string }>;

/** The access patterns a key-value store can serve, as the application code that serves them. */
export const PROCEDURES: Partial<Record<Pattern, Procedure>> = {
  async 'customer-with-tickets'(s) {
    const customer = (await s.get([customerKey(PROBE_CUSTOMER)])).get(customerKey(PROBE_CUSTOMER)) as CustomerValue | undefined;
    if (!customer) return { rows: [], access: 'get' };
    const tickets = await s.get(customer.tickets.map(ticketKey));
    const rows = customer.tickets.flatMap((id) => {
      const t = tickets.get(ticketKey(id)) as TicketValue | undefined;
      return t ? [[customer.name, t.id, t.product.name, t.subject, t.status]] : [];
    });
    return { rows, access: `get customer, then get its ${customer.tickets.length} ticket keys` };
  },
  async 'tickets-per-product'(s) {
    const counts = new Map<string, number>();
    let from = 'ticket:';
    let pages = 0;
    for (;;) {
      const page = await s.scan(from, 'ticket;');
      pages++;
      for (const value of page.values()) {
        const name = (value as TicketValue).product.name;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      const last = [...page.keys()].at(-1);
      if (last === undefined || page.size < SCAN_PAGE) break;
      from = last;
    }
    const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, n]) => [name, n]);
    return { rows, access: `scan every ticket key in ${pages} pages, count in the application` };
  },
  async 'ticket-by-id'(s) {
    const t = (await s.get([ticketKey(PROBE_TICKET)])).get(ticketKey(PROBE_TICKET)) as TicketValue | undefined;
    return { rows: t ? [[t.id, t.customer.name, t.product.name, t.subject, t.status]] : [], access: 'get one key' };
  },
  async 'within-hops'(s) {
    const hops = new Map<number, number>([[PROBE_CUSTOMER, 0]]);
    let frontier = [PROBE_CUSTOMER];
    for (let hop = 1; hop <= HOPS && frontier.length > 0; hop++) {
      const values = await s.get(frontier.map(customerKey));
      const next: number[] = [];
      for (const value of values.values())
        for (const id of (value as CustomerValue).links)
          if (!hops.has(id)) {
            hops.set(id, hop);
            next.push(id);
          }
      frontier = next;
    }
    const rows = [...hops].filter(([id]) => id !== PROBE_CUSTOMER).sort(([a], [b]) => a - b);
    return { rows, access: 'get the frontier’s keys once per hop, follow their links in the application' };
  },
};

async function runProcedure(ctx: Pick<Ctx, 'sql'>, procedure: Procedure): Promise<Cost & { results: QueryResult[] }> {
  const session = new Session(ctx);
  const { rows, access } = await procedure(session);
  return {
    rowsRead: session.rowsRead,
    statements: session.results.length,
    queryChars: session.chars,
    rowsReturned: rows.length,
    access,
    rows,
    results: session.results,
  };
}

async function applyChange(ctx: Ctx, { position, change }: LoggedChange): Promise<boolean> {
  const session = new Session(ctx);
  const writes = new Map<string, unknown>();
  switch (change.kind) {
    case 'product-renamed': {
      const values = await session.get(change.ticketIds.map(ticketKey));
      for (const [key, value] of values)
        writes.set(key, { ...(value as TicketValue), product: { id: change.productId, name: change.name } });
      break;
    }
    case 'ticket-opened': {
      const t = change.ticket;
      const customer = (await session.get([customerKey(t.customerId)])).get(customerKey(t.customerId)) as CustomerValue | undefined;
      if (customer) writes.set(customerKey(t.customerId), { ...customer, tickets: [...customer.tickets, t.id] });
      writes.set(ticketKey(t.id), {
        id: t.id,
        customer: { id: t.customerId, name: change.customer },
        product: { id: t.productId, name: change.product },
        subject: t.subject,
        status: t.status,
      } satisfies TicketValue);
      break;
    }
    case 'customers-linked': {
      const values = await session.get([customerKey(change.from), customerKey(change.to)]);
      for (const [a, b] of [
        [change.from, change.to],
        [change.to, change.from],
      ] as const) {
        const value = values.get(customerKey(a)) as CustomerValue | undefined;
        if (value) writes.set(customerKey(a), { ...value, links: [...value.links, b].sort((x, y) => x - y) });
      }
      break;
    }
  }
  const result = await ctx.sql(
    transaction([
      ...[...writes].map(
        ([key, value]) => `INSERT OR REPLACE INTO kv (key, value) VALUES (${sqlText(key)}, ${sqlText(JSON.stringify(value))})`,
      ),
      movePosition(position),
    ]),
  );
  if (!result.ok) return false;
  ctx.fact({ kind: 'write', position, change: change.kind, shape: 'key-value', rowsWritten: writes.size });
  ctx.note(`change ${position} (${change.kind}): key-value rewrote ${writes.size} value${writes.size === 1 ? '' : 's'}`);
  return true;
}

export const keyvalue: ServiceSpec<ShapesLab, 'keyvalue', ApplyState> = {
  label: 'Key-value store (SQLite)',
  role: 'customer:<id> and ticket:<id> values, read and written whole by key; product names copied into every ticket value',
  database: { kind: 'sqlite', setupSql: KEY_VALUE_SETUP },
  tables: [
    {
      title: 'kv (a customer and a ticket)',
      sql: `SELECT key, substr(value, 1, 70) AS value FROM kv WHERE key IN ('${customerKey(PROBE_CUSTOMER)}', '${ticketKey(PROBE_TICKET)}')`,
    },
    { title: 'applied_position', sql: 'SELECT position FROM applied_position' },
  ],
  initialState: () => ({ pending: new Map() }),
  on: {
    async 'run-patterns'(ctx, m) {
      for (const [pattern, procedure] of Object.entries(PROCEDURES) as [Pattern, Procedure][]) {
        if (m.timed) {
          const engineMs = await timeOf(async () => (await runProcedure(ctx, procedure)).results);
          ctx.fact({ kind: 'timed', pattern, shape: 'key-value', engineMs });
        } else record(ctx, m.run, pattern, 'key-value', await runProcedure(ctx, procedure));
      }
    },
    async changes(ctx, m) {
      await takeChanges(ctx, m.changes, (logged) => applyChange(ctx, logged));
    },
  },
};
