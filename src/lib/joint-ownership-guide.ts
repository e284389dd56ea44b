/**
 * The decision guide for a jointly written table, as pure data and one function: given the answers so far,
 * which question comes next, or which of the four techniques fits and why. The island only renders this.
 */
export type QuestionId = 'columns-map' | 'atomic' | 'semantic-owner' | 'extra-hop' | 'change-together';
export type Answers = Partial<Record<QuestionId, boolean>>;
export type TechniqueChoice = 'table-split' | 'data-domain' | 'delegate' | 'service-consolidation';

export interface Question {
  readonly id: QuestionId;
  readonly text: string;
  /** What to look at to answer it. */
  readonly help: string;
}

export const QUESTIONS: Readonly<Record<QuestionId, Question>> = {
  'columns-map': {
    id: 'columns-map',
    text: 'Does every column have exactly one service that writes it?',
    help: 'List the columns each service’s INSERT and UPDATE statements set. A column both set, such as a shared status, means no.',
  },
  atomic: {
    id: 'atomic',
    text: 'Must a change to one service’s columns and a change to the other’s commit or fail together?',
    help: 'For example: an assignment must never be stored for a ticket that is being closed at the same moment.',
  },
  'semantic-owner': {
    id: 'semantic-owner',
    text: 'Is one service clearly the owner of these rows, with the other only asking for changes?',
    help: 'The owner is the service whose business the rows describe; the other writes them because it was convenient.',
  },
  'extra-hop': {
    id: 'extra-hop',
    text: 'Can the other service afford a network call per write, and failing to write while the owner is down?',
    help: 'Every delegated write waits for the owner, and stops when the owner stops.',
  },
  'change-together': {
    id: 'change-together',
    text: 'Do the two services change and ship together, or belong to one team?',
    help: 'Look at the last few releases: did a change to one usually need a change to the other?',
  },
};

export interface TechniqueInfo {
  readonly label: string;
  readonly tradeoffs: readonly string[];
}

export const TECHNIQUE_INFO: Readonly<Record<TechniqueChoice, TechniqueInfo>> = {
  'table-split': {
    label: 'Table split',
    tradeoffs: [
      'Each service writes only its own table, so a schema change to one slice touches one service.',
      'Rules that span both slices (no assignment on a closed ticket) are no longer one constraint: the application has to enforce them.',
      'Reading a whole ticket needs both slices: a join at the API or a copy kept by events.',
    ],
  },
  'data-domain': {
    label: 'Data domain',
    tradeoffs: [
      'Both services keep full transactions and plain joins over the shared table.',
      'Both services map the same columns, so a schema change touches both and they deploy together.',
      'Concurrent saves need row locks or a version check, and the domain needs rules to stop other services joining it.',
    ],
  },
  delegate: {
    label: 'Delegate',
    tradeoffs: [
      'One service writes the table and enforces every rule on it.',
      'Each write by the other service costs a network round trip to the owner.',
      'When the owner is down, the other service cannot write at all.',
    ],
  },
  'service-consolidation': {
    label: 'Service consolidation',
    tradeoffs: [
      'One service, one database, local transactions: the joint ownership is gone.',
      'The merged service is larger, deploys and scales as one, and fails as one.',
    ],
  },
};

export type GuideState =
  | { readonly kind: 'ask'; readonly question: Question; readonly path: readonly QuestionId[] }
  | {
      readonly kind: 'recommend';
      readonly technique: TechniqueChoice;
      readonly reasons: readonly string[];
      readonly path: readonly QuestionId[];
    };

const REASON: Readonly<Record<QuestionId, Readonly<Record<'yes' | 'no', string>>>> = {
  'columns-map': {
    yes: 'Each column has one writer, so the table can be cut along the line between the services.',
    no: 'Some column is written by both services, so a split alone cannot give each a table of its own.',
  },
  atomic: {
    yes: 'Changes on both sides must commit together, which needs one database transaction.',
    no: 'The two sides may commit separately.',
  },
  'semantic-owner': {
    yes: 'One service owns the rows by its business.',
    no: 'Neither service owns the rows more than the other.',
  },
  'extra-hop': {
    yes: 'The other service can wait for the owner and can stop writing while the owner is down.',
    no: 'The other service cannot afford to depend on the owner for every write.',
  },
  'change-together': {
    yes: 'The two services already change and ship together.',
    no: 'The two services change on their own schedules.',
  },
};

/** Walks the questions in order, skipping those the earlier answers make irrelevant. */
export function decide(answers: Answers): GuideState {
  const path: QuestionId[] = [];
  const reasons: string[] = [];
  const ask = (id: QuestionId): boolean | undefined => {
    path.push(id);
    const answer = answers[id];
    if (answer !== undefined) reasons.push(REASON[id][answer ? 'yes' : 'no']);
    return answer;
  };
  const recommend = (technique: TechniqueChoice): GuideState => ({ kind: 'recommend', technique, reasons, path });
  const question = (): GuideState => {
    const id = path.at(-1);
    if (!id) throw new Error('no question on the path');
    return { kind: 'ask', question: QUESTIONS[id], path };
  };
  /** Needs one transaction, or has nobody to delegate to: share the table, or merge the services. */
  const shareOrMerge = (): GuideState => {
    const together = ask('change-together');
    if (together === undefined) return question();
    return recommend(together ? 'service-consolidation' : 'data-domain');
  };

  const columnsMap = ask('columns-map');
  if (columnsMap === undefined) return question();
  const atomic = ask('atomic');
  if (atomic === undefined) return question();
  if (atomic) return shareOrMerge();
  if (columnsMap) return recommend('table-split');
  const owner = ask('semantic-owner');
  if (owner === undefined) return question();
  if (!owner) return shareOrMerge();
  const hop = ask('extra-hop');
  if (hop === undefined) return question();
  return hop ? recommend('delegate') : shareOrMerge();
}

/** Keeps only the answers on the current path, so changing an early answer drops the ones it made moot. */
export function prune(answers: Answers): Answers {
  const { path } = decide(answers);
  return Object.fromEntries(path.flatMap((id) => (answers[id] === undefined ? [] : [[id, answers[id]]])));
}
