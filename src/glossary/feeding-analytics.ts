/** Terms of Part VII, chapter "Feeding analytics: batch, streams, Lambda, Kappa and reverse ETL". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'batch-etl',
    term: 'Batch ETL',
    definition:
      'ETL run on a schedule, typically once a night: each run reads the source as it stands at its cut-off and recomputes the target from it. Its reports are as fresh as the last run (T+1 for a nightly job), and a fix to its logic reaches the whole history at the next run.',
    seeAlso: ['etl', 'elt', 'data-freshness'],
  },
  {
    slug: 'elt',
    term: 'ELT (extract, load, transform)',
    definition:
      'ETL with the last two steps swapped: rows are copied raw into the analytical store and transformed there, in its own SQL engine (the way dbt models run inside a warehouse). The raw copy stays available, so a transformation can be changed and run again without extracting anything anew.',
    seeAlso: ['etl', 'batch-etl'],
  },
  {
    slug: 'late-event',
    term: 'Late event',
    definition:
      'An event that reaches a stream job after the window it belongs to has closed, for example a closure made offline and synced hours later. The job must either drop it (and report a count that stays wrong) or restate the window it belongs to (and tell its readers that a published figure changed).',
    seeAlso: ['stream-watermark', 'kappa-architecture'],
  },
  {
    slug: 'stream-watermark',
    term: 'Watermark (of a stream job)',
    definition:
      'A stream job’s estimate of how far event time has progressed, such as the newest event time it has seen minus an allowed lateness. A window closes once the watermark passes its end; an event older than that is late. Not the same thing as a copy job’s watermark, which is a position in the source.',
    seeAlso: ['late-event', 'watermark'],
  },
  {
    slug: 'lambda-architecture',
    term: 'Lambda architecture',
    definition:
      'Two paths into the same analytical view: a speed layer that counts events as they stream in, fresh but approximate, and a batch layer that recomputes everything from the full history on a schedule and replaces the speed layer’s answer for the periods it covers. The price is two implementations of the same logic that must agree.',
    seeAlso: ['speed-layer', 'kappa-architecture', 'batch-etl'],
  },
  {
    slug: 'speed-layer',
    term: 'Speed layer',
    definition:
      'The streaming half of a Lambda architecture: incremental counters updated per event, covering only what the last batch run has not yet covered. Whatever it gets wrong (late events, bugs) stays visible until the next batch run replaces it.',
    seeAlso: ['lambda-architecture'],
  },
  {
    slug: 'kappa-architecture',
    term: 'Kappa architecture',
    definition:
      'One path into the analytical view: a single stream job over a retained, replayable log. New or corrected logic is deployed by running the new job from offset 0 into a new table, then switching readers to it once it has caught up; there is no separate batch implementation to keep in step.',
    seeAlso: ['lambda-architecture', 'late-event', 'projection-replay'],
  },
  {
    slug: 'reverse-etl',
    term: 'Reverse ETL',
    definition:
      'Copying results computed in the analytical store (a churn score, a segment, a lifetime value) back into operational systems, where the people and services on the live path can use them. Done by writing into an operational table, it makes the pipeline a second writer of data another service owns; a table the pipeline owns, or the owner’s API, keeps one writer.',
    seeAlso: ['batch-etl', 'joint-ownership'],
  },
];
