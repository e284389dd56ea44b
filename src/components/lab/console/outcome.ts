import type { QueryResult } from '../../../labs/engine/types.ts';
import type { ErrorLocation } from './error-location.ts';
import { announcement } from './result-summary.ts';

/** What the output area shows after a run. */
export type Outcome =
  | { readonly kind: 'result'; readonly result: QueryResult; readonly location: ErrorLocation | undefined }
  /** The reader pressed Stop: the runtime ended the worker and restores the service's database. */
  | { readonly kind: 'stopped' }
  /** `run` threw: not a SQL error but a database that is gone or a bug, said plainly. */
  | { readonly kind: 'unavailable'; readonly message: string };

/** The one line the polite live region reads out. */
export function statusText(outcome: Outcome | null, runningOn: string | undefined): string {
  if (runningOn !== undefined) return `Running on ${runningOn}…`;
  if (outcome === null) return '';
  switch (outcome.kind) {
    case 'result':
      return announcement(outcome.result);
    case 'stopped':
      return 'Stopped. The statement was cancelled and the database is restored from its last snapshot.';
    case 'unavailable':
      return `The database could not run the statement (error: ${outcome.message})`;
  }
}
