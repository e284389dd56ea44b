import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { RowsTable } from './RowsTable.tsx';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** Figures the lab measured from its own run, so a reader compares runs with numbers rather than impressions. */
export function MeasuresPanel({ session, view }: Props) {
  const measures = session.lab.measures ?? [];
  if (measures.length === 0) return null;
  return (
    <section class="lab-panel lab-measures" aria-labelledby={`measured-${session.lab.id}`}>
      <h3 id={`measured-${session.lab.id}`}>Measured</h3>
      {measures.map((m) => {
        const result = view.measurements[m.id];
        return (
          <div key={m.id} data-measure={m.id}>
            <strong>{m.label}</strong>
            <p>{result?.summary}</p>
            {result && result.rows.length > 0 && <RowsTable rows={result.rows} caption={m.label} />}
          </div>
        );
      })}
    </section>
  );
}
