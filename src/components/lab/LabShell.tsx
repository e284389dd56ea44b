import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import { BootPanel } from './BootPanel.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { FaultPanel } from './FaultPanel.tsx';
import { InvariantsPanel } from './InvariantsPanel.tsx';
import { LabControls } from './LabControls.tsx';
import { LabLinks } from './LabLinks.tsx';
import { MeasuresPanel } from './MeasuresPanel.tsx';
import { ReaderActions } from './ReaderActions.tsx';
import type { Scenario } from './scenario-link.ts';
import { ServiceMap } from './ServiceMap.tsx';
import { ShareRun } from './ShareRun.tsx';
import { TableViews } from './TableViews.tsx';
import { Timeline } from './Timeline.tsx';
import { useRunKeeping, useRunOffer } from './use-run-keeping.ts';
import { useSession } from './use-session.ts';
import { WorkspacePanel } from './WorkspacePanel.tsx';
import { panelSummary, planPanels, type PanelPlan } from './workspace.ts';
import { PresenterBar } from './PresenterBar.tsx';
import { usePresenter } from './use-presenter.ts';
import { useStagedMount } from './use-staged-mount.ts';
import { warmWorkspaceFonts } from './font-warmup.ts';
import { useEffect, useRef } from 'preact/hooks';
import './lab.css';

interface Props {
  readonly labId: string;
  readonly title: string;
  readonly serviceCount: number;
}

/** A whole lab: start it, drive it, break it, query it. Subscribes to the session and renders; no logic here. */
export function LabShell({ labId, title, serviceCount }: Props) {
  const root = useRef<HTMLDivElement>(null);
  // First, before the engines' code starts compiling on every core: see font-warmup.ts.
  useEffect(() => warmWorkspaceFonts(root.current), []);
  const { session, view } = useSession(labId, { prewarm: true });
  const status = view?.status ?? 'idle';
  const started = session && view && status !== 'idle' && status !== 'booting' && status !== 'error';
  const presenter = usePresenter(labId, session, view);
  const offer = useRunOffer(session);
  useRunKeeping(session, view, Boolean(started));
  const start = async (scenario?: Scenario) => {
    if (!session) return;
    await session.start();
    if (scenario) await session.loadScenario(scenario);
  };
  return (
    <div
      ref={root}
      class="lab not-content"
      tabIndex={-1}
      data-presenter={presenter.presenting ? 'on' : 'off'}
      data-lab={labId}
      data-status={status}
      data-workspace={started ? 'open' : 'closed'}
      data-step={view?.steps ?? 0}
      data-trace-hash={view?.traceHash ?? ''}
      aria-busy={status === 'booting'}
    >
      {presenter.presenting && (
        <PresenterBar
          title={title}
          shortcuts={presenter.shortcuts}
          onShortcuts={() => presenter.setShortcuts(!presenter.shortcuts)}
          onLeave={() => presenter.setPresenting(false)}
        />
      )}
      {!started ? (
        <BootPanel
          title={title}
          serviceCount={serviceCount}
          view={view}
          link={offer.link}
          saved={offer.saved}
          onStart={(scenario) => void start(scenario)}
        />
      ) : (
        <Workspace session={session} view={view} onPresent={presenter.presenting ? undefined : () => presenter.setPresenting(true)} />
      )}
    </div>
  );
}

function Workspace({
  session,
  view,
  onPresent,
}: {
  readonly session: LabSession;
  readonly view: LabView;
  readonly onPresent: (() => void) | undefined;
}) {
  const plan = planPanels(session.lab);
  // Panels fill in one per task, in the plan's order; their headings are all there from the start.
  const mounted = useStagedMount(plan.length);
  const panel = (p: PanelPlan) => (
    <WorkspacePanel key={p.id} labId={session.lab.id} plan={p} {...optional(panelSummary(p.id, session.lab, view))}>
      {plan.indexOf(p) < mounted && <PanelContent panel={p} session={session} view={view} />}
    </WorkspacePanel>
  );
  return (
    <>
      <div class="lab-bar">
        <LabControls session={session} view={view} />
        <div class="lab-bar-row">
          <ReaderActions session={session} view={view} />
          <div class="lab-bar-links">
            <ShareRun session={session} view={view} />
            <LabLinks labId={session.lab.id} />
            {onPresent && (
              <button type="button" class="lab-button" onClick={onPresent}>
                Present
              </button>
            )}
          </div>
        </div>
      </div>
      {view.notices.length > 0 && (
        <div class="lab-notices" role="alert">
          {view.notices.map((n, i) => (
            <p key={i}>{n.text}</p>
          ))}
        </div>
      )}
      <div class="lab-body">
        <div class="lab-column lab-column-main">{plan.filter((p) => p.column === 'main').map(panel)}</div>
        <div class="lab-column lab-column-side">{plan.filter((p) => p.column === 'side').map(panel)}</div>
      </div>
    </>
  );
}

/** What one panel shows. */
function PanelContent({ panel: p, session, view }: { readonly panel: PanelPlan; readonly session: LabSession; readonly view: LabView }) {
  return (
    <>
      {p.id === 'map' && <ServiceMap session={session} view={view} />}
      {p.id === 'timeline' && (
        <Timeline
          labId={session.lab.id}
          services={session.lab.services}
          trace={view.trace}
          step={view.steps}
          onSeek={(k) => void session.seek(k)}
        />
      )}
      {p.id === 'invariants' && <InvariantsPanel session={session} view={view} />}
      {p.id === 'faults' && <FaultPanel session={session} view={view} />}
      {p.id === 'measures' && <MeasuresPanel session={session} view={view} />}
      {p.id === 'tables' && <TableViews session={session} view={view} />}
      {p.id === 'console' && <ConsolePanel session={session} transactionsOpen={view.transactionsOpen} />}
    </>
  );
}

function optional(summary: string | undefined): { summary?: string } {
  return summary === undefined ? {} : { summary };
}
