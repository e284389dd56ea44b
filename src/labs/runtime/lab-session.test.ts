import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPLIT_MIGRATION_SQL } from '../joint-ownership/data-service.ts';
import { jointOwnershipLab } from '../joint-ownership/lab.ts';
import { SPLIT_DB } from '../joint-ownership/techniques.ts';
import { orderSagaLab } from '../order-saga/lab.ts';
import { twoPhaseCommitLab } from '../two-phase-commit/lab.ts';
import { LabSession, type LabView } from './lab-session.ts';
import { nodeHost } from './node-host.ts';

/** What the table views show, without their timings. */
const tableRows = (view: LabView) =>
  Object.entries(view.tables).map(([service, tables]) => [service, tables.map((t) => (t.result.ok ? t.result.results : t.result.error))]);

describe('a lab session driven as a reader drives it', () => {
  const session = new LabSession(twoPhaseCommitLab(), nodeHost);
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it('boots to ready with live tables and invariants', () => {
    const view = session.view.get();
    expect(view.status).toBe('ready');
    expect(view.tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 100]] }] });
    expect(view.invariants['money-conserved']?.status).toBe('holds');
  });

  it('walks the chapter’s exercises against the real databases', async () => {
    expect((await session.checkExercise('strand-a-transfer')).passed).toBe(false);
    await session.input({ kind: 'fault', faultId: 'coordinator-crash-after-prepare', on: true });
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    while (await session.step());
    expect(session.view.get().crashed).toEqual(['coordinator']);
    expect(await session.checkExercise('strand-a-transfer')).toMatchObject({ passed: true });

    expect((await session.checkExercise('prove-the-lock', "SELECT * FROM accounts WHERE id = 'alice'")).passed).toBe(false);
    expect(await session.checkExercise('prove-the-lock', "SELECT * FROM accounts WHERE id = 'alice' FOR UPDATE NOWAIT")).toMatchObject({
      passed: true,
    });

    // No decision in the log: the right manual outcome is to roll back on both banks.
    await session.runSql('bank-a', "COMMIT PREPARED 'tx-1'");
    await session.runSql('bank-b', "COMMIT PREPARED 'tx-1'");
    const wrong = await session.checkExercise('resolve-by-hand');
    expect(wrong.passed).toBe(false);
    expect(wrong.message).toContain('tx-1 is committed on bank-a');
  });

  it('rewinds by replay to any step and comes forward again', async () => {
    const before = session.view.get();
    await session.seek(2);
    expect(session.view.get().steps).toBe(2);
    expect(session.view.get().tables['bank-a']?.[2]?.result).toMatchObject({ ok: true, results: [{ rows: [] }] });
    await session.seek(before.steps);
    const after = session.view.get();
    expect(after.steps).toBe(before.steps);
    expect(after.crashed).toEqual(['coordinator']);
  });

  it('plays to quiet and shows the state it stopped in, though it refreshes less often than it steps', async () => {
    await session.reset();
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    while (await session.step());
    const stepped = session.view.get();

    await session.reset();
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    const played = new Promise<void>((resolve) => {
      const stop = session.view.listen((view) => {
        if (!view.playing && view.quiet) {
          stop();
          resolve();
        }
      });
    });
    session.setSpeed(50);
    session.play();
    await played;
    await session.catalog('bank-a'); // waits for anything still queued
    const view = session.view.get();
    expect(view.steps).toBe(stepped.steps);
    expect(view.trace).toEqual(stepped.trace);
    // The trace is a function of seed and inputs only: refreshing at wall-clock moments while playing adds nothing.
    expect(view.traceHash).toBe(stepped.traceHash);
    expect(view.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(tableRows(view)).toEqual(tableRows(stepped));
    expect(view.invariants).toEqual(stepped.invariants);
  });

  it('stops playing by itself when only retries are left, and says it is waiting', async () => {
    await session.reset();
    await session.input({ kind: 'fault', faultId: 'partition-bank-b', on: true });
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    const stopped = new Promise<LabView>((resolve) => {
      const stop = session.view.listen((view) => {
        if (!view.playing && view.steps > 0) {
          stop();
          resolve(view);
        }
      });
    });
    session.setSpeed(50);
    session.play();
    const view = await stopped;
    expect(view.waiting).toBe(true);
    expect(view.quiet).toBe(false);
    expect(view.steps).toBeLessThan(20);
    await session.input({ kind: 'fault', faultId: 'partition-bank-b', on: false });
    expect(session.view.get().waiting).toBe(false);
  });

  it('discards what a reader’s statement set in the session, says so, and keeps the lab’s views right', async () => {
    await session.reset();
    const set = await session.runSql('bank-a', 'SET search_path TO nowhere; CREATE TEMP TABLE accounts (id text); SELECT 1');
    expect(set.ok && set.results.at(-1)?.notice).toMatch(/Reset after your statement: settings \(search_path\), 1 temporary table\./);
    const after = await session.runSql(
      'bank-a',
      'SELECT current_setting($$search_path$$) NOT LIKE $$%nowhere%$$ AS back, count(*)::int AS rows FROM accounts',
    );
    expect(after).toMatchObject({ ok: true, results: [{ rows: [[true, 1]] }] });
    expect(session.view.get().tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 100]] }] });
    expect(session.view.get().trace.some((e) => e.type === 'note' && e.text.startsWith('Reset after your statement'))).toBe(true);
  });

  it('restores a service whose engine a runaway recursion broke, instead of saying ready over it', async () => {
    await session.reset();
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    while (await session.step());
    const poison = await session.runSql(
      'bank-a',
      "CREATE FUNCTION deeper(n int) RETURNS int LANGUAGE sql AS 'SELECT deeper(n + 1)'; SELECT deeper(1);",
    );
    expect(poison).toMatchObject({ ok: false, error: { code: 'LAB-RESTORED' } });
    const view = session.view.get();
    expect(view.status).toBe('ready');
    expect(view.notices.at(-1)?.text).toMatch(/Bank A stopped answering queries after your statement/);
    expect(await session.runSql('bank-a', 'SELECT 1 AS alive')).toMatchObject({ ok: true, results: [{ rows: [[1]] }] });
    // Replayed without the statement: the transfer is there, the function is not.
    expect(view.tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 70]] }] });
    const fn = await session.runSql('bank-a', "SELECT count(*)::int FROM pg_proc WHERE proname = 'deeper'");
    expect(fn).toMatchObject({ ok: true, results: [{ rows: [[0]] }] });
  });

  it('cancels a statement stopped while it still waits its turn: nothing runs, nothing is recorded', async () => {
    await session.reset();
    const running = session.runSql('bank-a', "UPDATE accounts SET balance = 0 WHERE id = 'alice'");
    session.stop('bank-a');
    expect(await running).toMatchObject({ ok: false, error: { code: 'LAB-STOPPED', message: /before it started: nothing ran/ } });
    expect(session.scenario().inputs).toEqual([]);
    expect(session.view.get().tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 100]] }] });
    // Stop applies to that statement only: the next one runs.
    expect(await session.runSql('bank-a', 'SELECT 1 AS alive')).toMatchObject({ ok: true, results: [{ rows: [[1]] }] });
  });

  it('holds a transaction the reader opens across console runs, and the lab waits until the reader ends it', async () => {
    await session.reset();
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    const begun = await session.runSql('bank-a', "BEGIN; UPDATE accounts SET balance = 0 WHERE id = 'alice'");
    expect(begun.ok && begun.results.at(-1)?.notice).toMatch(/stays open/);
    let view = session.view.get();
    expect(view.transactionsOpen).toEqual(['bank-a']);
    expect(Object.values(view.invariants).map((r) => r.status)).toEqual(Object.values(view.invariants).map(() => 'pending'));
    // Nothing the lab's services would run on that connection runs: no step, no action, no check.
    expect(await session.step()).toBe(false);
    expect(session.view.get().steps).toBe(0);
    await session.input({ kind: 'fault', faultId: 'bank-b-votes-no', on: true });
    expect(session.view.get().faultsOn).toEqual([]);
    expect(session.view.get().notices.at(-1)?.text).toMatch(/Finish your transaction on Bank A first/);
    expect((await session.checkExercise('prove-the-lock', 'SELECT 1')).message).toMatch(/Finish your transaction on Bank A first/);
    // The reader's own statements see their uncommitted change; an error keeps the transaction, as in psql.
    const own = await session.runSql('bank-a', "SELECT balance FROM accounts WHERE id = 'alice'");
    expect(own).toMatchObject({ ok: true, results: [{ rows: [[0]] }] });
    expect(await session.runSql('bank-a', 'SELECT nope')).toMatchObject({ ok: false, error: { code: '42703' } });
    expect(session.view.get()).toMatchObject({ status: 'ready', transactionsOpen: ['bank-a'] });
    await session.runSql('bank-a', 'ROLLBACK');
    view = session.view.get();
    expect(view.transactionsOpen).toEqual([]);
    expect(view.invariants['money-conserved']?.status).toBe('holds');
    expect(await session.step()).toBe(true);
    expect(view.tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 100]] }] });
  });

  it('paused mid-play, shows the step it paused at', async () => {
    await session.reset();
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    session.setSpeed(50);
    session.play();
    await session.step(); // queued behind the first played step, so play has started
    session.pause();
    await session.catalog('bank-a');
    const paused = session.view.get().steps;
    expect(paused).toBeGreaterThan(0);
    await session.step();
    expect(session.view.get().steps).toBe(paused + 1);
  });

  it('resets from its first snapshot a database whose setup SQL the reader has made fail', async () => {
    await session.reset();
    const blocker = await session.runSql(
      'bank-a',
      `CREATE FUNCTION refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no DDL here'; END $$;
       CREATE EVENT TRIGGER refuse_ddl ON ddl_command_start EXECUTE FUNCTION refuse_ddl();`,
    );
    expect(blocker.ok).toBe(true);
    expect(await session.runSql('bank-a', 'CREATE TABLE t (a int)')).toMatchObject({ ok: false, error: { message: 'no DDL here' } });
    await session.reset();
    expect(await session.runSql('bank-a', 'CREATE TABLE t (a int)')).toMatchObject({ ok: true });
    expect(session.view.get().tables['bank-a']?.[0]?.result).toMatchObject({ ok: true, results: [{ rows: [['alice', 'Alice', 100]] }] });
  });

  it('resolve-by-hand passes when both banks follow the log', async () => {
    await session.reset();
    await session.input({ kind: 'fault', faultId: 'coordinator-crash-after-prepare', on: true });
    await session.input({ kind: 'action', actionId: 'transfer-30' });
    while (await session.step());
    await session.runSql('bank-a', "ROLLBACK PREPARED 'tx-1'");
    await session.runSql('bank-b', "ROLLBACK PREPARED 'tx-1'");
    expect(await session.checkExercise('resolve-by-hand')).toMatchObject({ passed: true });
  });

  it('survives a reader dropping the tables its invariants read', async () => {
    await session.reset();
    const dropped = await session.runSql('bank-a', 'DROP TABLE ledger; DROP TABLE accounts;');
    expect(dropped.ok).toBe(true);
    const view = session.view.get();
    expect(view.invariants['money-conserved']?.status).toBe('broken');
    expect(view.invariants['money-conserved']?.summary).toContain('Cannot be checked any more');
    expect(view.tables['bank-a']?.[0]?.result).toMatchObject({ ok: false, error: { code: '42P01' } });
    const check = await session.checkExercise('prove-the-lock', "SELECT * FROM accounts WHERE id = 'alice' FOR UPDATE NOWAIT");
    expect(check).toMatchObject({ passed: false });
    const unreadable = await session.checkExercise('resolve-by-hand');
    expect(unreadable.passed).toBe(false);
    // Reset brings the databases back as they started.
    await session.reset();
    expect(session.view.get().invariants['money-conserved']?.status).toBe('holds');
  });
});

describe('an exercise checked on hidden runs, through the session', () => {
  const session = new LabSession(orderSagaLab(), nodeHost);
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it('replays hidden seeds on the lab’s own databases and gives the reader’s state back', async () => {
    await session.input({ kind: 'fault', faultId: 'orchestrator-crash-after-log', on: true });
    await session.input({ kind: 'action', actionId: 'order-orchestrated' });
    while (await session.step());
    // What the reader sees, without the timings that differ from one query to the next.
    const seen = () => JSON.stringify(session.view.get().tables, (key, value: unknown) => (key === 'durationMs' ? undefined : value));
    const before = seen();
    const fitted = await session.checkExercise('find-half-finished', "SELECT 'orch-1'");
    expect(fitted.passed).toBe(false);
    const general = `SELECT saga_id FROM saga_log GROUP BY saga_id
HAVING sum(CASE WHEN event IN ('completed', 'compensated') THEN 1 ELSE 0 END) = 0`;
    expect(await session.checkExercise('find-half-finished', general)).toMatchObject({ passed: true });
    expect(seen()).toBe(before);
  });
});

describe('a check that replays hidden runs, then changes the reader’s lab', () => {
  const session = new LabSession(jointOwnershipLab, nodeHost);
  beforeAll(() => session.start());
  afterAll(() => session.close());

  it('keeps what the check ran on the reader’s databases after the hidden runs', async () => {
    expect(await session.checkExercise('split-the-table', SPLIT_MIGRATION_SQL)).toMatchObject({ passed: true });
    const split = await session.runSql(SPLIT_DB, "SELECT to_regclass('ticket_assignments') IS NOT NULL AS split");
    expect(split).toMatchObject({ ok: true, results: [{ rows: [[true]] }] });
  });
});

describe('a run kept as a scenario', () => {
  const first = new LabSession(twoPhaseCommitLab(), nodeHost, 7);
  const second = new LabSession(twoPhaseCommitLab(), nodeHost);
  beforeAll(() => Promise.all([first.start(), second.start()]));
  afterAll(() => Promise.all([first.close(), second.close()]));

  it('replays on another session to the same step and the same trace hash, inputs beyond a rewind included', async () => {
    await first.input({ kind: 'fault', faultId: 'partition-bank-b', on: true });
    await first.input({ kind: 'action', actionId: 'transfer-30' });
    for (let i = 0; i < 4; i++) await first.step();
    await first.input({ kind: 'fault', faultId: 'partition-bank-b', on: false });
    while (await first.step());
    const end = first.view.get();
    await first.seek(3);
    const scenario = first.scenario();
    expect(scenario).toMatchObject({ seed: 7, step: 3 });
    expect(scenario.inputs).toHaveLength(3);

    await second.loadScenario(scenario);
    expect(second.view.get()).toMatchObject({ seed: 7, steps: 3, traceHash: first.view.get().traceHash });
    await second.seek(end.steps);
    expect(second.view.get().traceHash).toBe(end.traceHash);
  });
});
