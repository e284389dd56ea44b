/**
 * The course plans against the site as it is: every lab, action, fault, service, exercise and chapter a plan
 * names exists; every chapter with a lab is in a plan; every demo has its step and trace hash recorded. The
 * demos-*.test.ts files replay the demos on the labs' real databases against that record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LabDefinition } from '../../labs/sim/types.ts';
import { demoLink } from './demo-link.ts';
import { committedDemoHashes } from './demo-replay.ts';
import { chaptersWithoutPlan, planProblems } from './plan-checks.ts';
import { allDemos, SESSIONS } from './sessions.ts';
import { STEP_2_SCHEMAS, STEP_3_ROLES, STEP_3_UNTIE, STEP_4_FOREIGN_KEYS } from './sessions/pull-apart-steps.ts';

const modules = import.meta.glob<{ default: LabDefinition }>('../../labs/*/lab.ts', { eager: true });
const labs = new Map(Object.values(modules).map((m) => [m.default.id, m.default]));

/** Every chapter of every part: the docs folders other than the start pages and the reference. */
const docs = new URL('../../content/docs/', import.meta.url);
const chapters = new Map(
  readdirSync(docs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'start' && d.name !== 'reference')
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, docs))
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => [`${d.name}/${f.replace(/\.mdx$/, '')}`, readFileSync(new URL(`${d.name}/${f}`, docs), 'utf8')] as const),
    ),
);

describe('the plans name what exists', () => {
  it('every lab, action, fault, service, exercise and chapter', () => {
    expect(planProblems(SESSIONS, labs, chapters)).toEqual([]);
  });

  it('catch a plan that names a fault, an action, an exercise or a lab that is gone, and a chapter without a plan', () => {
    const [first] = SESSIONS;
    const demo = first?.demos[0];
    if (!first || !demo) throw new Error('no session 1');
    const stale = {
      ...first,
      demos: [
        {
          ...demo,
          script: [
            { at: 0, fault: 'no-such-fault' },
            { at: 0, action: 'no-such-action' },
          ],
        },
        { ...demo, id: 'gone', lab: 'no-such-lab' },
      ],
      agenda: [],
      exercises: [{ lab: demo.lab, id: 'no-such-exercise', chapter: demo.chapter }],
    };
    expect(planProblems([stale], labs, chapters)).toEqual([
      `session 1, demo ${demo.id}: the lab “${demo.lab}” has no fault “no-such-fault”`,
      `session 1, demo ${demo.id}: the lab “${demo.lab}” has no action “no-such-action”`,
      'session 1, demo gone: no lab “no-such-lab”',
      `session 1, demo gone: ${demo.chapter} does not embed the lab “no-such-lab”`,
      `session 1, exercise ${demo.lab}/no-such-exercise: the lab has no such exercise`,
      `session 1, exercise ${demo.lab}/no-such-exercise: ${demo.chapter} does not place it`,
    ]);
    const withNewPart = new Map([...chapters, ['new-part/first-chapter', '<Lab id="two-phase-commit" />']]);
    expect(chaptersWithoutPlan(SESSIONS, withNewPart)).toEqual(['new-part/first-chapter']);
  });

  it('every chapter that embeds a lab is taught in some session', () => {
    expect(chaptersWithoutPlan(SESSIONS, chapters)).toEqual([]);
  });

  it('sessions are numbered in order and their agendas fill their length', () => {
    expect(SESSIONS.map((s) => s.number)).toEqual(SESSIONS.map((_, i) => i + 1));
    for (const session of SESSIONS) {
      const last = session.agenda.at(-1)?.minutes.split('–')[1];
      expect(Number(last), `session ${session.number}`).toBe(session.minutes);
    }
  });

  it('the course page has a heading and a plan for every session, in order', () => {
    const page = readFileSync(new URL('start/course.mdx', docs), 'utf8');
    const headings = [...page.matchAll(/^## Session (\d+) · (.+)$/gm)].map((m) => `${m[1]} · ${m[2]}`);
    expect(headings).toEqual(SESSIONS.map((s) => `${s.number} · ${s.title}`));
    const plans = [...page.matchAll(/<SessionPlan number=\{(\d+)\} \/>/g)].map((m) => Number(m[1]));
    expect(plans).toEqual(SESSIONS.map((s) => s.number));
  });

  it('the pulling-apart demos replay the chapter’s own SQL, word for word', () => {
    const chapter = chapters.get('ownership/pulling-apart') ?? '';
    for (const sql of [STEP_2_SCHEMAS, STEP_3_ROLES, STEP_3_UNTIE, STEP_4_FOREIGN_KEYS]) expect(chapter).toContain(sql);
  });

  it('a demo’s link opens its chapter at the lab, with the run in the address', () => {
    const demo = allDemos().find((d) => d.id === 's4-in-doubt');
    const lab = labs.get('two-phase-commit');
    if (!demo || !lab) throw new Error('the two-phase-commit demo is gone');
    expect(demoLink(demo, lab)).toBe('/transactions/two-phase-commit/?lab=two-phase-commit&s=42&k=5&i=0f1.0a0#lab-two-phase-commit');
  });
});

it('every demo has a recorded step and trace hash, and nothing else is recorded', () => {
  const demos = allDemos().map((d) => d.id);
  expect(Object.keys(committedDemoHashes()).sort()).toEqual([...demos].sort());
  for (const demo of allDemos()) expect(committedDemoHashes()[demo.id]?.step, demo.id).toBe(demo.step);
});
