/**
 * What a started lab's workspace shows: which panels, in which column, open or collapsed at first, and the
 * anchors that tie a lab and its exercises together. A panel with nothing to show is left out, so a lab
 * without faults draws no empty "Faults" box. Pure, so it is tested alone.
 */
import type { LabView } from '../../labs/runtime/lab-session.ts';
import type { LabDefinition, ServiceDefinition } from '../../labs/sim/types.ts';

export type PanelId = 'map' | 'timeline' | 'invariants' | 'faults' | 'measures' | 'tables' | 'console';

export interface PanelPlan {
  readonly id: PanelId;
  readonly title: string;
  /** The wide layout's left column holds the picture (map, timeline); the right one the panels beside it. */
  readonly column: 'main' | 'side';
  readonly open: boolean;
}

/** Services that have live table views; the others would draw an empty heading. */
export function servicesWithTables(lab: LabDefinition): readonly ServiceDefinition[] {
  return lab.services.filter((s) => s.tables.length > 0);
}

export function planPanels(lab: LabDefinition): readonly PanelPlan[] {
  const panels: PanelPlan[] = [
    { id: 'map', title: 'Service map', column: 'main', open: true },
    { id: 'timeline', title: 'Timeline', column: 'main', open: true },
  ];
  if (lab.invariants.length > 0) panels.push({ id: 'invariants', title: 'Invariants', column: 'side', open: true });
  if (lab.faults.length > 0) panels.push({ id: 'faults', title: 'Faults', column: 'side', open: true });
  if ((lab.measures ?? []).length > 0) panels.push({ id: 'measures', title: 'Measured', column: 'side', open: true });
  if (servicesWithTables(lab).length > 0) panels.push({ id: 'tables', title: 'Tables', column: 'side', open: true });
  if (lab.services.some((s) => s.database)) panels.push({ id: 'console', title: 'SQL console', column: 'side', open: true });
  return panels;
}

/** A few words beside a panel's title that still tell the state when the panel is collapsed. */
export function panelSummary(
  id: PanelId,
  lab: LabDefinition,
  view: Pick<LabView, 'invariants' | 'faultsOn' | 'crashed'>,
): string | undefined {
  switch (id) {
    case 'map':
      if (view.crashed.length > 0) return `${view.crashed.length} down`;
      return lab.faults.some((f) => f.service !== undefined || f.network !== undefined)
        ? 'select a service or a link to set its faults'
        : undefined;
    case 'invariants': {
      const counts = { broken: 0, pending: 0, holds: 0 };
      for (const invariant of lab.invariants) counts[view.invariants[invariant.id]?.status ?? 'pending']++;
      const parts = [
        counts.broken > 0 ? `${counts.broken} broken` : '',
        counts.pending > 0 ? `${counts.pending} pending` : '',
        counts.holds > 0 ? `${counts.holds} ${counts.holds === 1 ? 'holds' : 'hold'}` : '',
      ];
      return parts.filter(Boolean).join(', ');
    }
    case 'faults':
      return view.faultsOn.length > 0 ? `${view.faultsOn.length} on` : 'none on';
    case 'timeline':
    case 'measures':
    case 'tables':
    case 'console':
      return undefined;
  }
}

/** The id of a lab's frame on its page, the target of an exercise's "Open the lab". */
export function labAnchor(labId: string): string {
  return `lab-${labId}`;
}

/** The id of an exercise's heading (set by Exercise.astro), the target of a lab's "Exercises" link. */
export function exerciseAnchor(exerciseId: string): string {
  return `exercise-${exerciseId}`;
}

/** What the lab needs of the page to find its exercises: the check of each carries its lab and exercise id. */
export interface ExerciseMarks {
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
}

/** The ids of this lab's exercises on the page, in page order; each exercise's check is marked with both ids. */
export function exercisesOnPage(page: ExerciseMarks, labId: string): readonly string[] {
  const ids: string[] = [];
  for (const mark of page.querySelectorAll(`[data-exercise-lab="${checkedLabId(labId)}"]`)) {
    const id = mark.getAttribute('data-exercise');
    if (id) ids.push(id);
  }
  return ids;
}

/** Lab ids are kebab-case; anything else would break the selector, so it is refused rather than escaped. */
function checkedLabId(id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`not a lab id: ${id}`);
  return id;
}
