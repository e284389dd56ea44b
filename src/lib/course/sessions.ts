/**
 * The course, session by session, in the order it is taught. A new part gets a plan as one more file in
 * `sessions/` and one more line here; `course.test.ts` fails until every chapter that embeds a lab is in a plan.
 */
import { session1 } from './sessions/session-1.ts';
import { session2 } from './sessions/session-2.ts';
import { session3 } from './sessions/session-3.ts';
import { session4 } from './sessions/session-4.ts';
import { session5 } from './sessions/session-5.ts';
import { session6 } from './sessions/session-6.ts';
import { session7 } from './sessions/session-7.ts';
import { session8 } from './sessions/session-8.ts';
import { session9 } from './sessions/session-9.ts';
import { session10 } from './sessions/session-10.ts';
import { session11 } from './sessions/session-11.ts';
import { session12 } from './sessions/session-12.ts';
import { session13 } from './sessions/session-13.ts';
import { session14 } from './sessions/session-14.ts';
import { session15 } from './sessions/session-15.ts';
import { session16 } from './sessions/session-16.ts';
import { session17 } from './sessions/session-17.ts';
import type { Demo, SessionPlan } from './types.ts';

export const SESSIONS: readonly SessionPlan[] = [
  session1,
  session2,
  session3,
  session4,
  session5,
  session6,
  session7,
  session8,
  session9,
  session10,
  session11,
  session12,
  session13,
  session14,
  session15,
  session16,
  session17,
];

export const allDemos = (sessions: readonly SessionPlan[] = SESSIONS): Demo[] => sessions.flatMap((s) => s.demos);
