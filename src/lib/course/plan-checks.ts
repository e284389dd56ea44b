/**
 * What must be true of the course plans for their links to work: every lab, action, fault, service and exercise
 * a plan names exists, and every chapter it names embeds the lab it links to. Pure: the caller passes the labs
 * and the chapters' MDX, so the same checks run in a test and could run in a build.
 */
import type { LabDefinition } from '../../labs/sim/types.ts';
import { exercisesIn } from '../exercise-catalog.ts';
import type { DemoInput, SessionPlan } from './types.ts';

type PlanLab = Pick<LabDefinition, 'id' | 'actions' | 'faults' | 'services' | 'exercises'>;

/** The docs entry of a chapter address: `/transactions/sagas/` is `transactions/sagas`. */
export const chapterEntry = (path: string) => path.replace(/^\/|\/$/g, '');

/** The labs a chapter embeds with `<Lab id="…" />`, in order. */
export function labsEmbeddedIn(body: string): string[] {
  return [...body.matchAll(/<Lab\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1] ?? '');
}

function inputProblem(input: DemoInput, lab: PlanLab): string | undefined {
  if ('action' in input) return lab.actions.some((a) => a.id === input.action) ? undefined : `no action “${input.action}”`;
  if ('fault' in input) return lab.faults.some((f) => f.id === input.fault) ? undefined : `no fault “${input.fault}”`;
  const service = 'restart' in input ? input.restart : input.service;
  return lab.services.some((s) => s.name === service) ? undefined : `no service “${service}”`;
}

/**
 * Everything wrong with the plans, one sentence each; empty when every link will open what it promises.
 * `chapters` maps a docs entry (`transactions/sagas`) to its MDX.
 */
export function planProblems(
  sessions: readonly SessionPlan[],
  labs: ReadonlyMap<string, PlanLab>,
  chapters: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const demoIds = new Set<string>();
  for (const session of sessions) {
    const where = `session ${session.number}`;
    for (const chapter of session.chapters) {
      if (!chapters.has(chapterEntry(chapter.path))) problems.push(`${where}: no chapter at ${chapter.path}`);
    }
    for (const demo of session.demos) {
      const at = `${where}, demo ${demo.id}`;
      if (demoIds.has(demo.id)) problems.push(`${at}: the id is used twice`);
      demoIds.add(demo.id);
      const lab = labs.get(demo.lab);
      const body = chapters.get(chapterEntry(demo.chapter));
      if (!lab) problems.push(`${at}: no lab “${demo.lab}”`);
      if (body === undefined) problems.push(`${at}: no chapter at ${demo.chapter}`);
      else if (!labsEmbeddedIn(body).includes(demo.lab)) problems.push(`${at}: ${demo.chapter} does not embed the lab “${demo.lab}”`);
      if (!session.chapters.some((c) => c.path === demo.chapter))
        problems.push(`${at}: ${demo.chapter} is not one of the session’s chapters`);
      for (const input of demo.script) {
        if (input.at > demo.step) problems.push(`${at}: an input at step ${input.at} comes after the step the link opens at`);
        const problem = lab && inputProblem(input, lab);
        if (problem) problems.push(`${at}: the lab “${demo.lab}” has ${problem}`);
      }
    }
    for (const row of session.agenda) {
      if (row.demo !== undefined && !session.demos.some((d) => d.id === row.demo))
        problems.push(`${where}: the agenda names no demo “${row.demo}”`);
    }
    for (const exercise of session.exercises) {
      const at = `${where}, exercise ${exercise.lab}/${exercise.id}`;
      const lab = labs.get(exercise.lab);
      if (!lab) problems.push(`${at}: no lab “${exercise.lab}”`);
      else if (!lab.exercises.some((e) => e.id === exercise.id)) problems.push(`${at}: the lab has no such exercise`);
      const body = chapters.get(chapterEntry(exercise.chapter));
      if (body === undefined) problems.push(`${at}: no chapter at ${exercise.chapter}`);
      else if (!exercisesIn(body).some((e) => e.labId === exercise.lab && e.exerciseId === exercise.id))
        problems.push(`${at}: ${exercise.chapter} does not place it`);
    }
  }
  return problems;
}

/** Chapters that embed a lab but are in no session's plan: a new part needs a session. */
export function chaptersWithoutPlan(sessions: readonly SessionPlan[], chapters: ReadonlyMap<string, string>): string[] {
  const planned = new Set(sessions.flatMap((s) => s.chapters.map((c) => chapterEntry(c.path))));
  return [...chapters].filter(([entry, body]) => labsEmbeddedIn(body).length > 0 && !planned.has(entry)).map(([entry]) => entry);
}
