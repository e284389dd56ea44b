import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { RowsTable } from './RowsTable.tsx';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** Figures the lab measured from its own run, so a reader compares runs with numbers rather than impressions. */
export function MeasuresPanel({ session, view }: Props) {
  return (
    <div class="lab-measures">
      {(session.lab.measures ?? []).map((m) => {
        const result = view.measurements[m.id];
        return (
          <div key={m.id} data-measure={m.id}>
            <strong>{m.label}</strong>
            <p>{result?.summary}</p>
            {result && result.rows.length > 0 && <RowsTable rows={result.rows} caption={m.label} />}
          </div>
        );
      })}
    </div>
  );
}
