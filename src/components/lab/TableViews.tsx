import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { ResultView } from './console/ResultView.tsx';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** Each service's key tables, queried after every event. A service with none (it keeps no database) takes no room. */
export function TableViews({ session, view }: Props) {
  return (
    <section class="lab-panel lab-tables" aria-label="Tables">
      {session.lab.services
        .filter((service) => service.tables.length > 0)
        .map((service) => (
          <div key={service.name} class="lab-table-group">
            <h3>{service.label}</h3>
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
    </section>
  );
}
