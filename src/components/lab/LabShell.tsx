import { BootPanel } from './BootPanel.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { FaultPanel } from './FaultPanel.tsx';
import { InvariantsPanel } from './InvariantsPanel.tsx';
import { LabControls } from './LabControls.tsx';
import { MeasuresPanel } from './MeasuresPanel.tsx';
import { ReaderActions } from './ReaderActions.tsx';
import { ServiceMap } from './ServiceMap.tsx';
import { TableViews } from './TableViews.tsx';
import { Timeline } from './Timeline.tsx';
import { useSession } from './use-session.ts';
import './lab.css';

interface Props {
  readonly labId: string;
  readonly title: string;
  readonly serviceCount: number;
}

/** A whole lab: start it, drive it, break it, query it. Subscribes to the session and renders; no logic here. */
export function LabShell({ labId, title, serviceCount }: Props) {
  const { session, view } = useSession(labId, { prewarm: true });
  const status = view?.status ?? 'idle';
  const started = session && view && status !== 'idle' && status !== 'booting' && status !== 'error';
  return (
    <div class="lab not-content" data-lab={labId} data-status={status} aria-busy={status === 'booting'}>
      {!started ? (
        <BootPanel title={title} serviceCount={serviceCount} view={view} onStart={() => void session?.start()} />
      ) : (
        <>
          <LabControls session={session} view={view} />
          <ReaderActions session={session} view={view} />
          {view.notices.length > 0 && (
            <div class="lab-notices" role="alert">
              {view.notices.map((n, i) => (
                <p key={i}>{n.text}</p>
              ))}
            </div>
          )}
          <ServiceMap session={session} view={view} />
          <Timeline services={session.lab.services} trace={view.trace} step={view.steps} />
          <div class="lab-grid">
            <InvariantsPanel session={session} view={view} />
            <FaultPanel session={session} view={view} />
            <MeasuresPanel session={session} view={view} />
          </div>
          <TableViews session={session} view={view} />
          <ConsolePanel session={session} />
        </>
      )}
    </div>
  );
}
