/**
 * The disintegrator/integrator scorecard: the reader rates one group of tables against each force that pushes
 * tables apart (disintegrators) and each that holds them together (integrators), and gets a recommendation with
 * the answers that drove it. Pure logic, so the rules are tested alone and the island only renders.
 */

export type ForceKind = 'disintegrator' | 'integrator';
export type Rating = 'none' | 'some' | 'strong';

export const RATINGS: readonly { readonly value: Rating; readonly label: string }[] = [
  { value: 'none', label: 'Not at all' },
  { value: 'some', label: 'Somewhat' },
  { value: 'strong', label: 'Strongly' },
];

export interface Force {
  readonly id: string;
  readonly kind: ForceKind;
  readonly label: string;
  /** What the reader asks of the table group. */
  readonly question: string;
  /** Why this force matters when it applies, said of the group. */
  readonly because: string;
}

export const FORCES: readonly Force[] = [
  {
    id: 'change-control',
    kind: 'disintegrator',
    label: 'Change control',
    question: 'Do schema changes to these tables force other teams to change and release with you?',
    because: 'every breaking change to these tables has to be coordinated with the services that read them',
  },
  {
    id: 'connections',
    kind: 'disintegrator',
    label: 'Connection management',
    question: 'Do the services using these tables scale out enough to crowd the database’s connection limit?',
    because: 'the services’ pools compete for one database’s connections, so one service’s growth refuses another',
  },
  {
    id: 'scalability',
    kind: 'disintegrator',
    label: 'Scalability',
    question: 'Does the load on these tables differ so much from the rest that one database holds them back?',
    because: 'one database caps the throughput of everything in it, whatever the services add',
  },
  {
    id: 'fault-tolerance',
    kind: 'disintegrator',
    label: 'Fault tolerance',
    question: 'Must the services that own these tables stay up when the rest of the data is down?',
    because: 'an outage or maintenance window of the shared database takes these services down with the rest',
  },
  {
    id: 'quanta',
    kind: 'disintegrator',
    label: 'Architectural quantum',
    question: 'Should the services around these tables deploy and evolve on their own schedule?',
    because: 'sharing the database ties their services into one unit of deployment, whatever the code says',
  },
  {
    id: 'database-type',
    kind: 'disintegrator',
    label: 'Database type',
    question: 'Would these tables be better served by another kind of database (document, key-value, time series)?',
    because: 'one database type forces every domain into the same storage model',
  },
  {
    id: 'relationships',
    kind: 'integrator',
    label: 'Data relationships',
    question: 'Do foreign keys, views or triggers tie these tables to each other and need to keep doing so?',
    because: 'the foreign keys, views and triggers between them would become code and messages once they are apart',
  },
  {
    id: 'transactions',
    kind: 'integrator',
    label: 'Database transactions',
    question: 'Must a change to these tables commit or fail together in one transaction?',
    because: 'what commits atomically today would need a saga or two-phase commit across services',
  },
];

export const TABLE_GROUPS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'tickets-assignments', label: 'tickets + assignments' },
  { id: 'customers-invoices', label: 'customers + invoices' },
  { id: 'tickets-surveys', label: 'tickets + surveys' },
  { id: 'customers-tickets', label: 'customers + tickets' },
];

export type Ratings = Readonly<Partial<Record<string, Rating>>>;

export type Verdict = 'incomplete' | 'keep-together' | 'split' | 'data-domain';

export interface Driver {
  readonly force: Force;
  readonly rating: Exclude<Rating, 'none'>;
}

export interface Recommendation {
  readonly verdict: Verdict;
  readonly headline: string;
  /** Sentences that explain the rule that decided, with the scores. */
  readonly reasoning: readonly string[];
  /** The answers that pushed or held, strongest first. */
  readonly drivers: readonly Driver[];
  readonly missing: readonly Force[];
  /** Sum of the disintegrators (0–12) and of the integrators counted double (0–8). */
  readonly pull: number;
  readonly hold: number;
}

const WEIGHT: Readonly<Record<Rating, number>> = { none: 0, some: 1, strong: 2 };
/**
 * Each integrator counts double: undoing a foreign key or a transaction turns into code, messages and
 * compensation in every service involved, which costs more than living with one disintegrator.
 */
const INTEGRATOR_FACTOR = 2;
/** Disintegrators must outweigh the integrators by this much before the group is split outright. */
const CLEAR_MARGIN = 6;

export function recommend(ratings: Ratings): Recommendation {
  const missing = FORCES.filter((f) => ratings[f.id] === undefined);
  const drivers: Driver[] = FORCES.flatMap((force) => {
    const rating = ratings[force.id];
    return rating === 'some' || rating === 'strong' ? [{ force, rating }] : [];
  }).sort((a, b) => WEIGHT[b.rating] - WEIGHT[a.rating]);
  const pull = FORCES.filter((f) => f.kind === 'disintegrator').reduce((n, f) => n + WEIGHT[ratings[f.id] ?? 'none'], 0);
  const hold = INTEGRATOR_FACTOR * FORCES.filter((f) => f.kind === 'integrator').reduce((n, f) => n + WEIGHT[ratings[f.id] ?? 'none'], 0);
  const base = { drivers, missing, pull, hold };
  const scores = `Disintegrators score ${pull} of 12; integrators score ${hold} of 8 (each counts double, because undoing one turns into code and messages).`;

  if (missing.length > 0) {
    return {
      ...base,
      verdict: 'incomplete',
      headline: `Rate ${missing.length === 1 ? 'one more force' : `${missing.length} more forces`} to get a recommendation.`,
      reasoning: [`Still to rate: ${missing.map((f) => f.label).join(', ')}.`],
    };
  }
  if (pull === 0) {
    return {
      ...base,
      verdict: 'keep-together',
      headline: 'Keep these tables together.',
      reasoning: [scores, 'Nothing pushes them apart, so a split would cost work and buy nothing.'],
    };
  }
  if (hold === 0) {
    return {
      ...base,
      verdict: 'split',
      headline: 'Split these tables apart.',
      reasoning: [
        scores,
        'Nothing holds them together: no relationship or transaction is lost, so every force that pushes is worth acting on.',
      ],
    };
  }
  if (pull < 3) {
    return {
      ...base,
      verdict: 'keep-together',
      headline: 'Keep these tables together.',
      reasoning: [scores, 'The forces that push are weak, and splitting would break relationships or transactions you rely on.'],
    };
  }
  if (pull >= hold + CLEAR_MARGIN) {
    return {
      ...base,
      verdict: 'split',
      headline: 'Split these tables apart, and replace what held them together.',
      reasoning: [
        scores,
        `The disintegrators outweigh the integrators by ${pull - hold}, at least ${CLEAR_MARGIN}: split, and plan the API, events or saga that take over the relationships and transactions.`,
      ],
    };
  }
  return {
    ...base,
    verdict: 'data-domain',
    headline: 'Split them from the rest, but keep them together in one data domain.',
    reasoning: [
      scores,
      'Both sides are strong: move these tables out of the shared database into a schema (and later a database) of their own, owned by one service or a small group of services, and keep their relationships and transactions inside it.',
    ],
  };
}

/** The reader's answers as kept in localStorage, versioned so a later format can ignore this one. */
export const SCORECARD_KEY = 'data-in-services:scorecard:v1';

export interface ScorecardRecord {
  readonly v: 1;
  readonly group: string;
  readonly ratings: Ratings;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const RATING_VALUES = new Set<string>(RATINGS.map((r) => r.value));

export function readScorecard(store: KeyValueStore | undefined): ScorecardRecord {
  const empty: ScorecardRecord = { v: 1, group: '', ratings: {} };
  try {
    const parsed = JSON.parse(store?.getItem(SCORECARD_KEY) ?? 'null') as Partial<ScorecardRecord> | null;
    if (parsed?.v !== 1 || typeof parsed.ratings !== 'object') return empty;
    const ratings: Record<string, Rating> = {};
    for (const force of FORCES) {
      const value = (parsed.ratings as Record<string, unknown>)[force.id];
      if (typeof value === 'string' && RATING_VALUES.has(value)) ratings[force.id] = value as Rating;
    }
    const group = TABLE_GROUPS.some((g) => g.id === parsed.group) ? String(parsed.group) : '';
    return { v: 1, group, ratings };
  } catch {
    // A damaged record reads as a blank scorecard; the next answer overwrites it.
    return empty;
  }
}

export function writeScorecard(store: KeyValueStore | undefined, record: ScorecardRecord): void {
  store?.setItem(SCORECARD_KEY, JSON.stringify(record));
}
