/**
 * The corpus of hostile statements, run through a lab session as a reader's console would run them: whatever
 * the statement did, the reader sees an outcome, the lab is ready with every service answering, and the lab's
 * own views mean what they meant. (Runaway statements need the browser's watchdog: tests/e2e/hostile.spec.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cqrsLab } from '../cqrs-lag/lab.ts';
import { twoPhaseCommitLab } from '../two-phase-commit/lab.ts';
import type { LabDefinition, ServiceName } from '../sim/types.ts';
import { HOSTILE_STATEMENTS, type HostileStatement } from './hostile-statements.ts';
import { LabSession, type LabView } from './lab-session.ts';
import { nodeHost } from './node-host.ts';

/** What the lab's own table views show, without timings. */
const views = (view: LabView) =>
  Object.entries(view.tables).map(([service, tables]) => [
    service,
    tables.map((t) => (t.result.ok ? t.result.results.map((r) => r.rows) : t.result.error.code)),
  ]);

/** Kinds whose statements may change the lab's data; every other kind must leave the views as they were. */
const CHANGES_DATA = new Set(['catalog', 'injection']);

/** What the lab shows once its first action has run to the end: views and invariants. */
async function afterFirstAction(session: LabSession, lab: LabDefinition) {
  const action = lab.actions[0];
  if (action) await session.input({ kind: 'action', actionId: action.id });
  for (let i = 0; i < 500 && (await session.step()); i++);
  const view = session.view.get();
  return { views: views(view), invariants: Object.fromEntries(Object.entries(view.invariants).map(([id, r]) => [id, r.status])) };
}

function corpusOn(lab: LabDefinition, engine: 'postgres' | 'sqlite', target: ServiceName) {
  const session = new LabSession(lab, nodeHost);
  let initial: ReturnType<typeof views>;
  let worked: Awaited<ReturnType<typeof afterFirstAction>>;
  beforeAll(async () => {
    await session.start();
    initial = views(session.view.get());
    worked = await afterFirstAction(session, lab);
  }, 60_000);
  afterAll(() => session.close());

  const statements = HOSTILE_STATEMENTS.filter((s) => s.engine === engine && s.kind !== 'runaway');
  it.each(statements.map((s) => [s.name, s] as const))('%s', async (_name, statement: HostileStatement) => {
    await session.reset();
    const result = await session.runSql(target, statement.sql);
    // An outcome the reader can read: rows, or an error that says something.
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
    if (statement.kind === 'transaction') {
      // A transaction left open is the reader's to end: the lab says so and waits, and ROLLBACK gives it back.
      expect(session.view.get().transactionsOpen).toEqual([target]);
      expect(await session.step()).toBe(false);
      await session.runSql(target, 'ROLLBACK');
      expect(session.view.get().transactionsOpen).toEqual([]);
    }
    const view = session.view.get();
    expect(view.status).toBe('ready');
    for (const service of lab.services.filter((s) => s.database).map((s) => s.name)) {
      expect(await session.runSql(service, 'SELECT 1 AS alive'), `${service} after "${statement.name}"`).toMatchObject({
        ok: true,
        results: [{ rows: [[1]] }],
      });
    }
    if (statement.kind === 'configuration') {
      // Nothing the reader configured may reach the next start of the engine (a restore, a reopen).
      const stored = await session.runSql(target, 'SELECT count(*)::int FROM pg_db_role_setting');
      expect(stored).toMatchObject({ ok: true, results: [{ rows: [[0]] }] });
    }
    if (!CHANGES_DATA.has(statement.kind)) {
      // The lab's own views and services mean what they meant: the same first action ends the same way.
      expect(views(session.view.get())).toEqual(initial);
      expect(await afterFirstAction(session, lab)).toEqual(worked);
    }
    // Whatever it changed, Reset brings the lab back as it started.
    await session.reset();
    expect(views(session.view.get())).toEqual(initial);
  });
}

describe('hostile statements on Postgres (two-phase commit, Bank A)', () => {
  corpusOn(twoPhaseCommitLab(), 'postgres', 'bank-a');
});

describe('hostile statements on SQLite (CQRS, the read model)', () => {
  corpusOn(cqrsLab(), 'sqlite', 'read-model');
});
