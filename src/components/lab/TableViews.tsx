import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { ResultView } from './console/ResultView.tsx';
import { servicesWithTables } from './workspace.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** Each service's key tables, queried after every event; services without table views are left out. */
export function TableViews({ session, view }: Props) {
  return (
    <div class="lab-tables">
      {servicesWithTables(session.lab).map((service) => (
        <div key={service.name} class="lab-table-group">
          <h4>{service.label}</h4>
          {(view.tables[service.name] ?? []).map((table) =>
            table.result.ok ? (
              table.result.results.map((set, i) => <ResultView key={`${table.title}-${i}`} set={{ ...set, command: table.title }} />)
            ) : (
              <p key={table.title} class="lab-error">
                {table.title}: {table.result.error.message}
              </p>
            ),
          )}
        </div>
      ))}
    </div>
  );
}
