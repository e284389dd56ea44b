import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PanelPlan } from './workspace.ts';

interface Props {
  readonly labId: string;
  readonly plan: PanelPlan;
  /** A few words beside the title, still shown when the panel is collapsed (e.g. "1 broken"). */
  readonly summary?: string;
  readonly children: ComponentChildren;
}

/** One panel of the workspace: a heading whose button collapses it, and a body that scrolls inside it. */
export function WorkspacePanel({ labId, plan, summary, children }: Props) {
  const [open, setOpen] = useState(plan.open);
  const body = `${labId}-panel-${plan.id}`;
  return (
    <div class={`lab-panel lab-panel-${plan.id}`} data-panel={plan.id} data-open={open ? 'true' : 'false'}>
      <h3 class="lab-panel-heading">
        <button type="button" class="lab-panel-toggle" aria-expanded={open} aria-controls={body} onClick={() => setOpen(!open)}>
          <span class="lab-chevron" aria-hidden="true" />
          {plan.title}
        </button>
        {summary && <span class="lab-panel-summary">{summary}</span>}
      </h3>
      <div id={body} class="lab-panel-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
