import { formatErrorLine } from './error-location.ts';
import { statusText, type Outcome } from './outcome.ts';
import { ResultView } from './ResultView.tsx';

/**
 * Everything below the editor: one polite status line for screen readers (and sighted readers),
 * then the error or the results of the last run.
 */
export function OutputView({ outcome, runningOn }: { readonly outcome: Outcome | null; readonly runningOn: string | undefined }) {
  const failed = outcome?.kind === 'result' && !outcome.result.ok ? { error: outcome.result.error, location: outcome.location } : undefined;
  return (
    <div class="sql-console__output" role="region" aria-label="Results">
      <p class="sql-console__status" role="status" aria-live="polite">
        {statusText(outcome, runningOn)}
      </p>
      {failed === undefined ? null : (
        <div class="sql-console__error">
          <p>{formatErrorLine(failed.error, failed.location)}</p>
          {failed.error.detail === undefined ? null : <p>DETAIL: {failed.error.detail}</p>}
          {failed.error.hint === undefined ? null : <p>HINT: {failed.error.hint}</p>}
        </div>
      )}
      {outcome?.kind === 'result' && outcome.result.ok
        ? outcome.result.results.map((set, index) => <ResultView key={index} set={set} />)
        : null}
    </div>
  );
}
