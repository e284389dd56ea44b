import { BootProgress } from './BootProgress.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { useSession } from './use-session.ts';
import './lab.css';

interface Props {
  readonly labId: string;
  readonly title: string;
  readonly service?: string;
  readonly sql?: string;
}

/** Just the databases of a lab and a console on them; shares the page's session with any <Lab> of the same id. */
export function StandaloneConsole({ labId, title, service, sql }: Props) {
  const { session, view } = useSession(labId, { prewarm: true });
  const status = view?.status ?? 'idle';
  const ready = session && (status === 'ready' || status === 'running');
  return (
    <div class="lab lab-standalone" data-lab={labId} data-status={status}>
      {ready ? (
        <ConsolePanel
          session={session}
          transactionsOpen={view?.transactionsOpen ?? []}
          initiallyOpen
          {...(service ? { initialService: service } : {})}
          {...(sql ? { initialSql: sql } : {})}
        />
      ) : status === 'booting' ? (
        <BootProgress progress={view?.progress} label="Starting the databases" />
      ) : (
        <button type="button" class="lab-button lab-primary" disabled={!session} onClick={() => void session?.start()}>
          Start the databases: {title}
        </button>
      )}
    </div>
  );
}
