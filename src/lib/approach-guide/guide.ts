/**
 * The approach guide over the whole site, as data and one pure function: a profile of the system and the
 * organisation in, an ordered list of steps out, each with the reasons the answers gave for it, plus the steps
 * held back and why. The island in src/components/approach-guide/ only renders this.
 */
import { STEPS, type Step, type StepId, type Stores } from './steps.ts';

export const QUESTION_IDS = [
  'volume',
  'readWrite',
  'questions',
  'staleness',
  'teams',
  'pain',
  'stage',
  'analytics',
  'recovery',
  'personal',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export interface Answers {
  readonly volume: 'fits' | 'outgrowing';
  readonly readWrite: 'balanced' | 'read-heavy' | 'write-heavy';
  readonly questions: 'lookups' | 'connections' | 'text';
  readonly staleness: 'none' | 'seconds' | 'day';
  readonly teams: 'one' | 'together' | 'independent';
  readonly pain: 'none' | 'technical' | 'organisational';
  readonly stage: 'startup' | 'scale-up' | 'enterprise';
  readonly analytics: 'none' | 'reports' | 'cross-domain';
  readonly recovery: 'hour' | 'minutes' | 'seconds';
  readonly personal: 'no' | 'yes';
}

export interface Option<V extends string> {
  readonly value: V;
  readonly label: string;
}

export interface Question<Q extends QuestionId = QuestionId> {
  readonly id: Q;
  readonly text: string;
  /** What to look at to answer it. */
  readonly help: string;
  readonly options: readonly Option<Answers[Q]>[];
}

export const QUESTIONS: { readonly [Q in QuestionId]: Question<Q> } = {
  volume: {
    id: 'volume',
    text: 'How much data, and how many writes?',
    help: 'Look at the busiest hour and at the growth of the largest tables over the last year.',
    options: [
      { value: 'fits', label: 'One database server copes, with room to grow' },
      { value: 'outgrowing', label: 'Writes or storage are outgrowing one server' },
    ],
  },
  readWrite: {
    id: 'readWrite',
    text: 'What is the mix of reads and writes?',
    help: 'A catalogue or content site reads far more than it writes; a sensor feed mostly writes.',
    options: [
      { value: 'balanced', label: 'Roughly balanced' },
      { value: 'read-heavy', label: 'Mostly reads' },
      { value: 'write-heavy', label: 'Mostly writes' },
    ],
  },
  questions: {
    id: 'questions',
    text: 'Beyond lookups, lists and totals, what do users ask of the data?',
    help: 'Who is linked to whom within a few steps; which records mention these words; which items are most like this one.',
    options: [
      { value: 'lookups', label: 'Lookups, lists and totals' },
      { value: 'connections', label: 'Connections: paths and neighbours' },
      { value: 'text', label: 'Words and likeness: search, related items' },
    ],
  },
  staleness: {
    id: 'staleness',
    text: 'How old may the data on a screen be?',
    help: 'Think of the most demanding page other than the one where a user sees what they just did.',
    options: [
      { value: 'none', label: 'Never older than the last write' },
      { value: 'seconds', label: 'A few seconds is fine' },
      { value: 'day', label: 'Hours, even a day (reports)' },
    ],
  },
  teams: {
    id: 'teams',
    text: 'How many teams change the code that writes this data?',
    help: 'Count the teams whose releases touch the schema, and whether they can ship on their own day.',
    options: [
      { value: 'one', label: 'One team, one product' },
      { value: 'together', label: 'Several teams that release together' },
      { value: 'independent', label: 'Several teams that need to deploy independently' },
    ],
  },
  pain: {
    id: 'pain',
    text: 'What hurts most today?',
    help: 'Slow queries or lost writes are technical; waiting for another team’s approval to get or change data is organisational.',
    options: [
      { value: 'none', label: 'Nothing yet: we are planning' },
      { value: 'technical', label: 'Something technical: slow queries, coupling, lost writes' },
      { value: 'organisational', label: 'Something organisational: waiting on other teams' },
    ],
  },
  stage: {
    id: 'stage',
    text: 'What stage is the organisation at?',
    help: 'What matters is how many people can run infrastructure, not the head count.',
    options: [
      { value: 'startup', label: 'Early startup' },
      { value: 'scale-up', label: 'Growing, with some technical debt' },
      { value: 'enterprise', label: 'Large enterprise' },
    ],
  },
  analytics: {
    id: 'analytics',
    text: 'What analytics do you need?',
    help: 'Reports that scan months of rows compete with the application if they run on its database.',
    options: [
      { value: 'none', label: 'None beyond the application’s own screens' },
      { value: 'reports', label: 'Reports and dashboards over this data' },
      { value: 'cross-domain', label: 'Analytics across many teams’ data' },
    ],
  },
  recovery: {
    id: 'recovery',
    text: 'After a disaster, how much committed data may you lose (the recovery point)?',
    help: 'Losing nothing at all takes synchronous replication, which no lab here measures; these are the backup choices.',
    options: [
      { value: 'hour', label: 'Up to an hour' },
      { value: 'minutes', label: 'A few minutes' },
      { value: 'seconds', label: 'Seconds at most' },
    ],
  },
  personal: {
    id: 'personal',
    text: 'Does it hold personal data that people may ask you to erase?',
    help: 'Names, emails and addresses count, and so do their copies in caches, logs, backups and exports.',
    options: [
      { value: 'no', label: 'No' },
      { value: 'yes', label: 'Yes' },
    ],
  },
};

/** What a reader sees before answering anything: a small team at the start, which is also the most common. */
export const DEFAULT_ANSWERS: Answers = {
  volume: 'fits',
  readWrite: 'balanced',
  questions: 'lookups',
  staleness: 'seconds',
  teams: 'one',
  pain: 'none',
  stage: 'startup',
  analytics: 'none',
  recovery: 'minutes',
  personal: 'no',
};

export interface RecommendedStep {
  readonly step: Step;
  /** Why the answers lead here, one sentence per answer that mattered. */
  readonly reasons: readonly string[];
}

export interface HeldBack {
  readonly step: Step;
  readonly reason: string;
}

/** How many stores the path asks someone to run: a fixed count, and whether it grows with services, shards or domains. */
export interface StoreCount {
  readonly fixed: number;
  readonly fixedWhat: readonly string[];
  readonly perService: boolean;
  readonly perShard: boolean;
  readonly perDomain: boolean;
}

export interface Recommendation {
  readonly steps: readonly RecommendedStep[];
  readonly heldBack: readonly HeldBack[];
  readonly stores: StoreCount;
}

/** Collects steps in order; a step recommended twice keeps its first place and gathers both reasons. */
class Path {
  private readonly chosen = new Map<StepId, string[]>();
  private readonly held = new Map<StepId, string>();

  add(id: StepId, reason: string): void {
    const reasons = this.chosen.get(id);
    if (reasons) reasons.push(reason);
    else this.chosen.set(id, [reason]);
    this.held.delete(id);
  }

  holdBack(id: StepId, reason: string): void {
    if (!this.chosen.has(id) && !this.held.has(id)) this.held.set(id, reason);
  }

  has(id: StepId): boolean {
    return this.chosen.has(id);
  }

  result(): Recommendation {
    const steps = [...this.chosen].map(([id, reasons]) => ({ step: STEPS[id], reasons }));
    const heldBack = [...this.held].map(([id, reason]) => ({ step: STEPS[id], reason }));
    return { steps, heldBack, stores: countStores(steps.map((s) => s.step.stores)) };
  }
}

export function countStores(all: readonly Stores[]): StoreCount {
  const perShard = all.some((s) => s.kind === 'per-shard');
  // Shards replace the single database rather than adding to it.
  const fixedWhat = all.flatMap((s) => (s.kind === 'one' && !(perShard && s.replaces === 'shards') ? [s.what] : []));
  return {
    fixed: fixedWhat.length,
    fixedWhat,
    perService: all.some((s) => s.kind === 'per-service'),
    perShard,
    perDomain: all.some((s) => s.kind === 'per-domain'),
  };
}

/** "3 stores (the database, a follower, a cache), plus one per service": what the path asks someone to run. */
export function describeStores(stores: StoreCount): string {
  const growing = [
    stores.perService && 'one database per service',
    stores.perShard && 'one per shard',
    stores.perDomain && 'one per domain team',
  ].filter((x): x is string => typeof x === 'string');
  const fixed = stores.fixed === 0 ? '' : `${stores.fixed} ${stores.fixed === 1 ? 'store' : 'stores'} (${stores.fixedWhat.join(', ')})`;
  return [fixed, ...growing].filter((x) => x !== '').join(', plus ');
}

/** The steps the answers call for, in the order to take them: the split, then reads, scale, analytics, recovery, compliance. */
export function recommend(a: Answers): Recommendation {
  const path = new Path();

  // 1. One database, or one per service. Team boundaries decide it, not fashion.
  const split = a.teams === 'independent' || (a.teams === 'together' && a.pain === 'organisational' && a.stage !== 'startup');
  if (split) {
    const why =
      a.teams === 'independent'
        ? 'Teams that must deploy on their own cannot share a schema: every change to it needs all of them.'
        : 'The pain is waiting on other teams, so each team should own the data it changes.';
    path.add('database-per-service', why);
    path.add(
      'outbox-events',
      'Once data lives in several databases, the others learn of a change only through events that are never lost nor invented.',
    );
    path.add(
      'eventual-consistency',
      'A request that changes two services cannot be one transaction any more; events keep it working while one side is down.',
    );
  } else {
    path.add(
      'one-database',
      a.teams === 'one'
        ? 'One team shipping one product gains nothing from a second database, and keeps transactions that span every table.'
        : 'Teams that release together can share one schema for now and keep its transactions.',
    );
    if (a.teams === 'together' && a.pain === 'organisational') {
      path.holdBack(
        'database-per-service',
        'At the startup stage, agree who owns which tables first; split the database once a team needs to deploy alone.',
      );
    } else if (a.pain === 'organisational') {
      path.holdBack(
        'database-per-service',
        'With one team, the waiting is not caused by shared tables; splitting the database would not remove it.',
      );
    }
  }

  // 2. Reads.
  if (split) {
    if (a.staleness === 'none') {
      path.add('api-composition', 'Pages must show the latest data, so read it from the owners at request time rather than from a copy.');
      path.holdBack('cqrs-read-model', 'A read model is always somewhat behind its sources, and your pages must never be.');
    } else {
      path.add(
        'cqrs-read-model',
        'Pages may be a little behind, so a local copy built from events answers them without calling the owners.',
      );
    }
  }
  if (a.readWrite === 'read-heavy') {
    if (!split) path.add('read-replica', 'Most of the load is reads, which followers can take off the leader.');
    if (a.staleness === 'none') {
      path.holdBack(
        'cache',
        'A cache answers from what it stored; with no staleness allowed, every hit needs a check that costs what the cache saves.',
      );
    } else {
      path.add('cache', 'The same reads repeat and may be slightly old, so a cache absorbs them cheaply.');
    }
  }

  if (a.questions !== 'lookups') {
    path.add(
      'shape-per-question',
      a.questions === 'connections'
        ? 'Questions about connections are walks over links, which one recursive query answers where lookups need a round trip per hop.'
        : 'Questions about words and likeness need indexes built for them: full-text search, and vectors for similarity.',
    );
  }

  // 3. Scale.
  if (a.volume === 'outgrowing') {
    if (a.readWrite === 'read-heavy') {
      if (!split) path.add('read-replica', 'The growth is in reads, which followers scale without splitting the data.');
      path.holdBack('sharding', 'The load is mostly reads: replicas and caches scale those without the cost of shards.');
    } else {
      path.add('sharding', 'Writes or storage outgrow one server, and only splitting the rows across servers adds write capacity.');
    }
  }

  // 4. Analytics.
  if (a.analytics !== 'none') {
    path.add(
      'warehouse-cdc',
      a.analytics === 'reports'
        ? 'Reports that scan history belong on a copy, not on the database serving the application.'
        : 'Analytics across teams needs every team’s changes in one place it can query.',
    );
  }
  if (a.analytics !== 'none') {
    path.add(
      'warehouse-layers',
      'Reports need cleaned, deduplicated data and a record of what each customer was at the time, not only what they are now.',
    );
  }
  if (a.analytics === 'cross-domain') {
    if (a.stage === 'enterprise' && a.teams === 'independent') {
      path.add(
        'data-mesh',
        a.pain === 'organisational'
          ? 'A central data team has become the queue every request waits in: let each domain publish its own data.'
          : 'Many independent teams at enterprise scale: each domain can own and publish its data under shared rules.',
      );
    } else if (a.stage !== 'enterprise') {
      path.holdBack(
        'data-mesh',
        'A data mesh pays off only in a large organisation with data skills in every team; before that, one warehouse is cheaper.',
      );
    } else {
      path.holdBack('data-mesh', 'Without independent domain teams, there is nobody to own each data product; keep one warehouse.');
    }
  }

  // 5. Recovery.
  if (a.recovery === 'hour') {
    path.add('backups-dump', 'Losing up to an hour is acceptable, so scheduled dumps, restored in a drill, are enough.');
  } else {
    path.add(
      'backups-pitr',
      a.recovery === 'seconds'
        ? 'Losing only seconds needs the write-ahead log shipped continuously, not dumps.'
        : 'Losing only minutes would need a dump every minute; shipping the log costs less vault space.',
    );
  }

  // 6. Compliance.
  if (a.personal === 'yes') {
    path.add('crypto-shredding', 'Erasure has to reach every copy, including backups and event logs that cannot be edited.');
  }

  return path.result();
}

/** Every combination of answers, for tests and for the table of well-known profiles. */
export function* allAnswers(): Generator<Answers> {
  const ids = QUESTION_IDS;
  function* from(i: number, partial: Partial<Record<QuestionId, string>>): Generator<Answers> {
    const id = ids[i];
    if (id === undefined) {
      yield partial as unknown as Answers;
      return;
    }
    for (const option of QUESTIONS[id].options) yield* from(i + 1, { ...partial, [id]: option.value });
  }
  yield* from(0, {});
}
