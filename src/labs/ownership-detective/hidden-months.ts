/**
 * The months a check replays where the reader cannot see them. Each seed draws a month whose story changes
 * who writes some table, so a query fitted to the reader's own month gives a wrong answer on at least one.
 * `lab.test.ts` proves that each seed still draws the story named here.
 */
import type { RecordedInput } from '../sim/simulation.ts';

export interface HiddenMonth {
  readonly seed: number;
  /** The variant the seed draws: for tests and for maintainers, never shown before a check fails. */
  readonly variant: string;
}

export const RUN_A_MONTH: readonly RecordedInput[] = [{ step: 0, input: { kind: 'action', actionId: 'run-month' } }];

/** For "which tables have two writers": surveys gains one, tickets gains a third. */
export const TWO_WRITER_MONTHS: readonly HiddenMonth[] = [
  { seed: 8, variant: 'reporting-purges-qa' },
  { seed: 4, variant: 'billing-lowers-priority' },
];

/** For "reads are not ownership": a reader that starts to write, and a second writer of customers. */
export const READ_ONLY_MONTHS: readonly HiddenMonth[] = [
  { seed: 9, variant: 'reporting-purges-qa' },
  { seed: 7, variant: 'billing-fixes-emails' },
];

/**
 * For the full classification: a table nobody writes and a single owner appearing, a business table with a
 * third writer (still joint: counting writers is not the rule), and a single one becoming joint.
 */
export const CLASSIFY_MONTHS: readonly HiddenMonth[] = [
  { seed: 2, variant: 'hiring-freeze' },
  { seed: 19, variant: 'billing-fixes-emails' },
  { seed: 14, variant: 'ticket-cancels-duplicates' },
];
