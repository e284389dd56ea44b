import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { RowsTable } from './RowsTable.tsx';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

const WORD = { holds: 'holds', broken: 'broken', pending: 'pending' } as const;

/** What must hold, checked against the real databases after every event, with the rows that break it. */
export function InvariantsPanel({ session, view }: Props) {
  return (
    <ul class="lab-invariants">
      {session.lab.invariants.map((invariant) => {
        const result = view.invariants[invariant.id];
        const status = result?.status ?? 'pending';
        return (
          <li key={invariant.id} class={`lab-invariant lab-${status}`} data-invariant={invariant.id} data-state={status}>
            <span class={`lab-badge lab-${status === 'holds' ? 'ok' : status === 'broken' ? 'bad' : 'wait'}`}>{WORD[status]}</span>
            <strong>
              {invariant.label} <code class="lab-id">{invariant.id}</code>
            </strong>
            <span>{result?.summary}</span>
            {result?.rows && result.rows.length > 0 && <RowsTable rows={result.rows} caption={`Rows behind “${invariant.label}”`} />}
          </li>
        );
      })}
    </ul>
  );
}
