/**
 * A course session as data: what a trainer needs to run it (timings, what to show, what learners do,
 * questions with their answers), and every demonstration as an exact run of a lab (seed, inputs written with
 * the lab's own ids, the step to open at), so that a link opens the lab in exactly that state. Pure data;
 * `demo-link.ts` turns a demo into its address and `course.test.ts` checks every id against the labs.
 */

/** One input of a demo's script, given once `at` steps have run; ids are the lab's own. */
export type DemoInput =
  | { readonly at: number; readonly action: string }
  | { readonly at: number; readonly fault: string; readonly on?: boolean }
  | { readonly at: number; readonly restart: string }
  | {
      readonly at: number;
      readonly sql: string;
      readonly service: string;
      /** What the statement is, in words, for the printed plan: “step 2 of the chapter, one schema per domain”. */
      readonly what?: string;
    };

export interface Demo {
  /** Unique on the course page; also the key of its recorded trace hash. */
  readonly id: string;
  readonly title: string;
  /** The chapter that embeds the lab, as an address: `/transactions/two-phase-commit/`. */
  readonly chapter: string;
  readonly lab: string;
  readonly seed: number;
  readonly script: readonly DemoInput[];
  /** The step the link opens at. */
  readonly step: number;
  /** What to point at once the lab is open, one sentence each. */
  readonly pointAt: readonly string[];
}

export interface AgendaRow {
  /** `0–10` */
  readonly minutes: string;
  readonly phase: string;
  readonly trainer: string;
  readonly learners: string;
  /** The id of the demo this row projects, if any. */
  readonly demo?: string;
}

export interface SessionExercise {
  readonly lab: string;
  readonly id: string;
  /** The chapter that places the exercise; the link goes to its anchor there. */
  readonly chapter: string;
  /** Why this one, or how to use it in the room. */
  readonly note?: string;
}

export interface DiscussionQuestion {
  readonly question: string;
  /** What a trainer needs to lead the discussion to, in terms of what the lab shows. */
  readonly answer: string;
}

export interface Chapter {
  readonly title: string;
  /** `/ownership/pulling-apart/` */
  readonly path: string;
}

export interface SessionPlan {
  readonly number: number;
  readonly title: string;
  readonly minutes: number;
  readonly chapters: readonly Chapter[];
  readonly goal: string;
  /** Asked before anyone touches a lab; everyone writes an answer down. */
  readonly predict: string;
  readonly agenda: readonly AgendaRow[];
  readonly demos: readonly Demo[];
  readonly exercises: readonly SessionExercise[];
  readonly discussion: readonly DiscussionQuestion[];
  /** How to shorten the session, when it runs long. */
  readonly shorter?: string;
}
