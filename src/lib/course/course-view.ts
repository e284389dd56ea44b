/**
 * What the course page shows for a plan, worked out here so that the .astro component only renders: each demo's
 * link and its inputs in words, each exercise's title and anchor, and text split into plain and `code` runs.
 */
import type { LabDefinition } from '../../labs/sim/types.ts';
import { demoLink, describeInput } from './demo-link.ts';
import type { AgendaRow, Demo, DiscussionQuestion, SessionPlan } from './types.ts';

export type ViewLab = Pick<LabDefinition, 'id' | 'title' | 'actions' | 'faults' | 'services' | 'exercises'>;

/** A run of text: plain, or code (written between backticks in the plans). */
export interface TextRun {
  readonly code: boolean;
  readonly text: string;
}

export function textRuns(text: string): TextRun[] {
  return text
    .split('`')
    .map((part, i) => ({ code: i % 2 === 1, text: part }))
    .filter((run) => run.text !== '');
}

export interface DemoView {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly labTitle: string;
  readonly seed: number;
  readonly step: number;
  readonly inputs: readonly string[];
  readonly pointAt: readonly string[];
}

export interface AgendaRowView extends AgendaRow {
  readonly demoView?: DemoView;
}

export interface ExerciseView {
  readonly title: string;
  readonly href: string;
  readonly labTitle: string;
  readonly note?: string;
}

export interface SessionView {
  readonly anchor: string;
  readonly plan: SessionPlan;
  readonly agenda: readonly AgendaRowView[];
  readonly demos: readonly DemoView[];
  readonly exercises: readonly ExerciseView[];
  readonly discussion: readonly DiscussionQuestion[];
}

export const sessionAnchor = (number: number) => `session-${number}`;

function requireLab(labs: ReadonlyMap<string, ViewLab>, id: string): ViewLab {
  const lab = labs.get(id);
  if (!lab) throw new Error(`The course names a lab that does not exist: ${id}`);
  return lab;
}

export function demoView(demo: Demo, lab: ViewLab): DemoView {
  return {
    id: demo.id,
    title: demo.title,
    href: demoLink(demo, lab),
    labTitle: lab.title,
    seed: demo.seed,
    step: demo.step,
    inputs: demo.script.map((input) => describeInput(input, lab)),
    pointAt: demo.pointAt,
  };
}

/** Throws, naming it, on a lab or exercise that does not exist, so that a stale plan fails the build too. */
export function sessionView(plan: SessionPlan, labs: ReadonlyMap<string, ViewLab>): SessionView {
  const demos = plan.demos.map((demo) => demoView(demo, requireLab(labs, demo.lab)));
  return {
    anchor: sessionAnchor(plan.number),
    plan,
    agenda: plan.agenda.map((row) => {
      const view = demos.find((d) => d.id === row.demo);
      return view ? { ...row, demoView: view } : row;
    }),
    demos,
    exercises: plan.exercises.map((exercise) => {
      const lab = requireLab(labs, exercise.lab);
      const found = lab.exercises.find((e) => e.id === exercise.id);
      if (!found) throw new Error(`The course names an exercise that does not exist: ${exercise.lab}/${exercise.id}`);
      return {
        title: found.title,
        href: `${exercise.chapter}#exercise-${exercise.id}`,
        labTitle: lab.title,
        ...(exercise.note !== undefined ? { note: exercise.note } : {}),
      };
    }),
    discussion: plan.discussion,
  };
}
