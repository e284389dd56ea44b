/**
 * One month of work as a list of requests, drawn from the seed. The plan is a pure function of the variant,
 * the counters left by earlier months and the draws, so the same seed always yields the same month, and a
 * test can read the plan without running anything.
 */
import type { Request } from './statements.ts';
import type { Variant } from './variants.ts';

/** Ids and codes already handed out, carried from one month to the next. */
export interface Counters {
  readonly month: number;
  readonly nextTicket: number;
  readonly nextCustomer: number;
  readonly nextExpert: number;
  readonly nextSurvey: number;
  readonly nextInvoice: number;
  readonly newZips: number;
}

/** Right after the seed data of `ticket-system/seed.sql`. */
export const FIRST_COUNTERS: Counters = {
  month: 0,
  nextTicket: 109,
  nextCustomer: 7,
  nextExpert: 5,
  nextSurvey: 3,
  nextInvoice: 7,
  newZips: 0,
};

interface Zip {
  readonly zip: string;
  readonly city: string;
  readonly region: string;
}

/** Towns on file in the seed data. */
const KNOWN_ZIPS = ['10115', '20095', '50667', '60311', '80331', '01067'];

/** Towns that arrive later, in this order, through sign-ups, hires and the postal update. */
const NEW_TOWNS: readonly Zip[] = [
  { zip: '04109', city: 'Leipzig', region: 'SN' },
  { zip: '70173', city: 'Stuttgart', region: 'BW' },
  { zip: '30159', city: 'Hanover', region: 'NI' },
  { zip: '90402', city: 'Nuremberg', region: 'BY' },
  { zip: '28195', city: 'Bremen', region: 'HB' },
  { zip: '45127', city: 'Essen', region: 'NW' },
  { zip: '24103', city: 'Kiel', region: 'SH' },
  { zip: '99084', city: 'Erfurt', region: 'TH' },
  { zip: '39104', city: 'Magdeburg', region: 'ST' },
  { zip: '55116', city: 'Mainz', region: 'RP' },
  { zip: '66111', city: 'Saarbrücken', region: 'SL' },
  { zip: '19053', city: 'Schwerin', region: 'MV' },
];

const FIRST_NAMES = ['Lena', 'Omar', 'Priya', 'Tomás', 'Yuki', 'Zofia', 'Kwame', 'Mira', 'Sven', 'Aylin'];
const SKILLS = ['printers', 'networks', 'laptops'];
const PROBLEMS = [
  'Monitor flickers after lunch',
  'Printer prints blank pages',
  'Cannot join the office Wi-Fi',
  'Laptop fan is loud all day',
  'Mail client asks for the password again',
  'Docking station drops the keyboard',
];
const PRIORITIES = ['low', 'normal', 'high'];

function newTown(n: number): Zip {
  // Past the named towns, numbered ones keep every zip code new.
  return NEW_TOWNS[n] ?? { zip: String(99500 + n), city: `Neustadt ${n}`, region: 'BY' };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-02` for the first month: the seed data already billed January. */
export function period(month: number): string {
  return `${2026 + Math.floor(month / 12)}-${pad((month % 12) + 1)}`;
}

export interface MonthPlan {
  readonly requests: readonly Request[];
  readonly counters: Counters;
}

export function planMonth(variant: Variant, before: Counters, draw: () => number): MonthPlan {
  const { knobs } = variant;
  const int = (n: number) => Math.floor(draw() * n);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const month = before.month + 1;
  const when = period(month);
  let { nextTicket, nextCustomer, nextExpert, nextSurvey, nextInvoice, newZips } = before;
  const requests: Request[] = [];
  const takeNewTown = () => newTown(newZips++);

  // Location: the postal service's update brings one new town, or Location only answers a lookup.
  if (knobs.zipUpdate) {
    const town = takeNewTown();
    requests.push({ service: 'location', op: 'look-up-zip', params: [town.zip] });
    requests.push({ service: 'location', op: 'load-postal-update', params: [town.zip, town.city, town.region] });
  } else {
    requests.push({ service: 'location', op: 'look-up-zip', params: [pick(KNOWN_ZIPS)] });
  }

  // Customer: sign-ups (the first from a new town when the month says so) and one change of plan.
  const signUps = 1 + int(2);
  for (let i = 0; i < signUps; i++) {
    let zip = pick(KNOWN_ZIPS);
    if (i === 0 && knobs.newTownSignUp) {
      const town = takeNewTown();
      zip = town.zip;
      requests.push({ service: 'customer', op: 'add-zip', params: [town.zip, town.city, town.region] });
    }
    const id = nextCustomer++;
    const name = pick(FIRST_NAMES);
    requests.push({
      service: 'customer',
      op: 'sign-up',
      params: [
        id,
        `${name} ${String.fromCharCode(65 + (id % 26))}.`,
        `${name.toLowerCase()}.${id}@example.org`,
        zip,
        pick(['basic', 'premium']),
      ],
    });
    requests.push({ service: 'customer', op: 'show-profile', params: [id] });
  }
  requests.push({ service: 'customer', op: 'change-plan', params: [1 + int(6), pick(['basic', 'premium'])] });

  // Expert: a hire (perhaps from a new town) and a retraining, unless hiring is frozen.
  requests.push({ service: 'expert', op: 'list-experts', params: [] });
  if (knobs.hiring) {
    let zip = pick(KNOWN_ZIPS);
    if (knobs.newTownHire) {
      const town = takeNewTown();
      zip = town.zip;
      requests.push({ service: 'expert', op: 'add-zip', params: [town.zip, town.city, town.region] });
    }
    const id = nextExpert++;
    requests.push({ service: 'expert', op: 'hire', params: [id, `${pick(FIRST_NAMES)} Expert-${id}`, pick(SKILLS), zip] });
    requests.push({ service: 'expert', op: 'retrain', params: [1 + int(4), pick(SKILLS)] });
  }

  // Tickets: each is filed by Ticket, then routed, assigned and scheduled by Assignment.
  const filed: { id: number; customer: number }[] = [];
  const count = 3 + int(3);
  for (let i = 0; i < count; i++) {
    const id = nextTicket++;
    const customer = 1 + int(nextCustomer - 1);
    const expert = 1 + int(nextExpert - 1);
    filed.push({ id, customer });
    requests.push({ service: 'ticket', op: 'look-up-customer', params: [customer] });
    requests.push({
      service: 'ticket',
      op: 'file-ticket',
      params: [id, customer, pick(PROBLEMS), pick(PRIORITIES), `${when}-${pad(2 + i)} 09:00+00`],
    });
    requests.push({ service: 'assignment', op: 'find-expert', params: [pick(SKILLS)] });
    requests.push({ service: 'assignment', op: 'assign', params: [id, expert] });
    requests.push({ service: 'assignment', op: 'schedule', params: [id, expert, `${when}-${pad(3 + i)} 14:00+00`] });
  }

  // Closing: about half the tickets close, and each closed one gets a survey answer. The QA team answers
  // the last one as a test, every month; whether anybody removes it depends on the month.
  const closed = filed.slice(0, Math.ceil(count / 2));
  for (const ticket of closed) requests.push({ service: 'ticket', op: 'close-ticket', params: [ticket.id] });
  closed.forEach((ticket, i) => {
    const qa = i === closed.length - 1;
    requests.push({ service: 'survey', op: 'read-ticket', params: [ticket.id] });
    requests.push({
      service: 'survey',
      op: 'record-answer',
      params: [nextSurvey++, ticket.id, ticket.customer, qa ? 3 : 3 + int(3), qa ? 'QA test, please ignore' : 'Solved on the first visit'],
    });
  });
  const last = filed.at(-1);
  if (knobs.ticketCancelsDuplicates && last) {
    requests.push({ service: 'ticket', op: 'close-ticket', params: [last.id] });
    requests.push({ service: 'ticket', op: 'drop-assignment', params: [last.id] });
  }

  // Reporting's first look of the month.
  const report: Request[] = [
    { service: 'reporting', op: 'open-work', params: [] },
    { service: 'reporting', op: 'expert-load', params: [] },
    { service: 'reporting', op: 'satisfaction', params: [] },
    { service: 'reporting', op: 'revenue', params: [] },
  ];
  requests.push(...report);

  // Billing: the month's invoices, one of them paid at once.
  const invoices: number[] = [];
  const invoiceCount = 2 + int(2);
  for (let i = 0; i < invoiceCount; i++) {
    const customer = 1 + int(nextCustomer - 1);
    const id = nextInvoice++;
    invoices.push(id);
    requests.push({ service: 'billing', op: 'read-customer', params: [customer] });
    requests.push({ service: 'billing', op: 'issue-invoice', params: [id, customer, when, pick([19, 49])] });
  }
  const [paidAtOnce, paidAtDesk] = invoices;
  if (paidAtOnce !== undefined) requests.push({ service: 'billing', op: 'mark-paid', params: [paidAtOnce] });
  if (knobs.counterPayments && paidAtDesk !== undefined)
    requests.push({ service: 'customer', op: 'record-desk-payment', params: [paidAtDesk] });
  if (knobs.billingFixesEmails) {
    const customer = 1 + int(nextCustomer - 1);
    requests.push({ service: 'billing', op: 'read-customer', params: [customer] });
    requests.push({ service: 'billing', op: 'correct-email', params: [customer, `customer${customer}.${when}@mail.example.net`] });
  }
  const target = filed[int(filed.length)];
  if (knobs.billingLowersPriority && target) requests.push({ service: 'billing', op: 'lower-priority', params: [target.id] });

  // Reporting reads everything again at the end of the month, once or twice more: the busiest reader.
  const rounds = 1 + int(2);
  for (let round = 0; round < rounds; round++) {
    if (knobs.reportingPurgesQaSurveys && round === rounds - 1) requests.push({ service: 'reporting', op: 'purge-qa-surveys', params: [] });
    requests.push(...report);
  }

  return { requests, counters: { month, nextTicket, nextCustomer, nextExpert, nextSurvey, nextInvoice, newZips } };
}
