import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

const ENGINE = { postgres: 'Postgres (PGlite)', sqlite: 'SQLite (sql.js)' } as const;

/** Each service with its database, whether it is up, and the messages on their way to it. */
export function ServiceMap({ session, view }: Props) {
  return (
    <ul class="lab-services" aria-label="Services">
      {session.lab.services.map((service) => {
        const down = view.crashed.includes(service.name);
        const inbound = view.pending.filter((p) => p.to === service.name);
        return (
          <li key={service.name} class={down ? 'lab-service lab-down' : 'lab-service'} data-service={service.name}>
            <strong>{service.label}</strong>
            <span class={down ? 'lab-badge lab-bad' : 'lab-badge lab-ok'}>{down ? 'crashed' : 'running'}</span>
            <span class="lab-muted">{service.role}</span>
            <span class="lab-db">{service.database ? `Database: ${ENGINE[service.database.kind]}` : 'No database of its own'}</span>
            {inbound.length > 0 && (
              <span class="lab-inflight">In flight to it: {inbound.map((p) => `${p.type} (at ${p.at} ms)`).join(', ')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
