/**
 * One running lab: its databases, its simulation and everything a reader can do to it, exposed as a
 * nanostores atom that UI components subscribe to. Framework-free, so it runs the same in Node tests.
 *
 * Every operation goes through one queue, so a step, a console statement and a table refresh never
 * interleave on a database. Stop is the exception: it must reach a statement that is still running.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { CheckResult } from '../check/types.ts';
import type { BootProgress, Database, QueryResult } from '../engine/types.ts';
import { resetDatabase } from '../engine/reset-database.ts';
import { engineAnswers } from '../engine/session-hygiene.ts';
import { WATCHDOG_CODE } from '../engine/watchdog-code.ts';
import { databaseServices } from '../sim/database-services.ts';
import { hiddenRuns } from '../sim/hidden-run.ts';
import { Simulation, replay, type RecordedInput } from '../sim/simulation.ts';
import type { InvariantResult, LabDefinition, Measurement, ReaderInput, ServiceName, TraceEntry } from '../sim/types.ts';
import { readCatalog, type Catalog } from './catalog.ts';
import { describe } from './describe.ts';

export type LabStatus = 'idle' | 'booting' | 'ready' | 'running' | 'error';

export interface RestoreNotice {
  readonly service: ServiceName;
  readonly text: string;
}

export interface TableSnapshot {
  readonly title: string;
  readonly result: QueryResult;
}

export interface LabView {
  readonly status: LabStatus;
  readonly progress: BootProgress;
  readonly error?: string;
  readonly seed: number;
  readonly steps: number;
  /** The furthest step this timeline has reached; rewinding keeps it so the reader can scrub forward again. */
  readonly horizon: number;
  readonly now: number;
  readonly playing: boolean;
  /** Steps per second while playing. */
  readonly speed: number;
  readonly busy: boolean;
  readonly trace: readonly TraceEntry[];
  /** The kernel's hash of the trace at this step: equal for the same seed, inputs and step. */
  readonly traceHash: string;
  readonly pending: ReturnType<Simulation['pending']>;
  readonly crashed: readonly ServiceName[];
  /** Services where the reader holds a transaction open between console runs; the lab waits meanwhile. */
  readonly transactionsOpen: readonly ServiceName[];
  readonly faultsOn: readonly string[];
  readonly quiet: boolean;
  /** Only retries are pending: nothing can change until the reader heals a fault or restarts a service. */
  readonly waiting: boolean;
  readonly invariants: Readonly<Record<string, InvariantResult>>;
  readonly measurements: Readonly<Record<string, Measurement>>;
  readonly tables: Readonly<Record<ServiceName, readonly TableSnapshot[]>>;
  readonly notices: readonly RestoreNotice[];
}

/** A run that can be replayed: see `LabSession.scenario()`. */
export interface LabScenario {
  readonly seed: number;
  readonly step: number;
  readonly horizon?: number;
  readonly inputs: readonly RecordedInput[];
}

/** Where a session gets its databases: workers in the browser, in-process engines in Node. */
export interface DatabaseHost {
  open(
    lab: LabDefinition,
    report: (progress: BootProgress) => void,
    onRestored: (service: ServiceName, reason: string) => void,
  ): Promise<Map<ServiceName, Database>>;
  /** Ends the statement running on `db`, when the host can (a worker can be terminated; Node cannot). */
  stop?(db: Database): void;
  /** Gets ready to open `lab` (downloads, compiling, workers) without starting a database. */
  prewarm?(lab: LabDefinition): void;
}

export const SPEEDS = [1, 2, 4, 10, 50] as const;

/**
 * A console statement from Run until it has finished. Before it reaches its database it waits behind the
 * session's queue and the snapshot taken for it; a Stop pressed then must cancel it, since no engine is running
 * it yet for the watchdog to stop.
 */
interface ReaderStatement {
  started: boolean;
  cancelled: boolean;
}

/**
 * While playing, the view catches up with the simulation at most this often. A refresh checks every invariant
 * and reads every table view, which costs ten times a step or more; at fast speeds nobody reads each one.
 */
const PLAY_REFRESH_MS = 200;
export const DEFAULT_SEED = 42;

const initialView = (seed: number): LabView => ({
  status: 'idle',
  progress: { value: 0, text: '' },
  seed,
  steps: 0,
  horizon: 0,
  now: 0,
  playing: false,
  speed: 2,
  busy: false,
  trace: [],
  traceHash: '',
  pending: [],
  crashed: [],
  transactionsOpen: [],
  faultsOn: [],
  quiet: true,
  waiting: false,
  invariants: {},
  measurements: {},
  tables: {},
  notices: [],
});

export class LabSession {
  readonly lab: LabDefinition;
  readonly #host: DatabaseHost;
  readonly #view;
  #dbs = new Map<ServiceName, Database>();
  #sim: Simulation | undefined;
  /** Inputs recorded beyond the current step, re-applied when the reader steps forward after a rewind. */
  #future: RecordedInput[] = [];
  #dirty = new Set<ServiceName>();
  #queue: Promise<unknown> = Promise.resolve();
  #playToken = 0;
  /** When the view last caught up with the simulation, and whether steps have been taken since. */
  #refreshedAt = 0;
  #stale = false;
  readonly #statements = new Map<ServiceName, ReaderStatement>();

  constructor(lab: LabDefinition, host: DatabaseHost, seed = DEFAULT_SEED) {
    this.lab = lab;
    this.#host = host;
    this.#view = atom<LabView>(initialView(seed));
  }

  get view(): ReadableAtom<LabView> {
    return this.#view;
  }

  /**
   * Everything Start would wait for that needs no reader (engine files, workers), when the host can do it
   * ahead: the lab is about to be seen.
   */
  prewarm() {
    if (this.#view.get().status === 'idle') this.#host.prewarm?.(this.lab);
  }

  /**
   * Boots every service's database (in parallel) from its first state. Nothing is left to do once the lab says
   * ready: reset and rewind put a database back with SQL or, failing that, start it again from that first state.
   */
  start(): Promise<void> {
    if (this.#view.get().status !== 'idle' && this.#view.get().status !== 'error') return Promise.resolve();
    this.#set({ status: 'booting', progress: { value: 0, text: 'Starting' } });
    return this.#serial(async () => {
      try {
        const open = () =>
          this.#host.open(
            this.lab,
            (progress) => this.#set({ progress }),
            (service, reason) =>
              this.#notice(
                service,
                `${this.#label(service)}: ${reason} Its database was restored from the snapshot taken just before the statement.`,
              ),
          );
        // Starting again after an error: the databases of the failed run go first.
        await Promise.all([...this.#dbs.values()].map((db) => db.close().catch(() => undefined)));
        // A boot can fail on something passing (a file the browser could not read that once): one more try
        // before the reader is told.
        this.#dbs = await open().catch(open);
        this.#dirty.clear();
        this.#sim = this.#newSimulation(this.#view.get().seed);
        await this.#refresh();
        // Not busy from the moment it says ready: its controls work at once.
        this.#set({ status: 'ready', busy: false, progress: { value: 1, text: 'Ready' } });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.#set({ status: 'error', error: `The lab could not start: ${reason.replace(/\.$/, '')}.` });
      }
    });
  }

  step(): Promise<boolean> {
    return this.#serial(async () => {
      const moved = await this.#stepOnce();
      this.#showMove();
      await this.#refresh();
      return moved;
    });
  }

  play() {
    if (this.#view.get().playing || !this.#sim) return;
    const token = ++this.#playToken;
    this.#set({ playing: true, status: 'running' });
    const loop = async () => {
      if (token !== this.#playToken) return;
      // No busy flag while playing: the controls ignore it then, and toggling it would re-render twice a step.
      const moved = await this.#serial(async () => {
        const moved = await this.#stepOnce();
        const settled = !moved || this.#sim?.quiet === true || this.#sim?.waiting === true;
        if (settled || performance.now() - this.#refreshedAt >= PLAY_REFRESH_MS) await this.#refresh();
        else this.#stale = true;
        return moved;
      }, false);
      // Quiet, or going round in retries that cannot succeed until the reader acts: either way, stop playing.
      if (!moved || this.#sim?.quiet || this.#sim?.waiting) {
        this.pause();
        return;
      }
      setTimeout(() => void loop(), 1000 / this.#view.get().speed);
    };
    void loop();
  }

  pause() {
    this.#playToken++;
    if (this.#view.get().playing) this.#set({ playing: false, status: 'ready' });
    // Playing may have stepped past the last refresh: show where the lab really stopped.
    if (this.#stale) void this.#serial(() => this.#refresh());
  }

  setSpeed(speed: number) {
    this.#set({ speed });
  }

  /** The reader's inputs: each is recorded so that rewind can replay it. */
  input(input: ReaderInput): Promise<QueryResult | undefined> {
    if (input.kind === 'fault') {
      // Show the switch in its new position at once; the refresh after the input confirms it.
      const others = this.#view.get().faultsOn.filter((f) => f !== input.faultId);
      this.#set({ faultsOn: input.on ? [...others, input.faultId] : others });
    }
    return this.#inputNow(input);
  }

  /** Runs console SQL on a service, as a recorded reader input. */
  async runSql(service: ServiceName, sql: string): Promise<QueryResult> {
    const statement: ReaderStatement = { started: false, cancelled: false };
    this.#statements.set(service, statement);
    try {
      const result = await this.#inputNow({ kind: 'sql', service, sql }, statement);
      if (!result) throw new Error('a SQL input always has a result');
      return result;
    } finally {
      if (this.#statements.get(service) === statement) this.#statements.delete(service);
    }
  }

  /**
   * The Stop button: cancels the reader's statement if it is still waiting its turn, and otherwise reaches past
   * the queue to the statement that is running.
   */
  stop(service: ServiceName) {
    const statement = this.#statements.get(service);
    if (statement && !statement.started) {
      statement.cancelled = true;
      return;
    }
    const db = this.#dbs.get(service);
    if (db) this.#host.stop?.(db);
  }

  /** A psql backslash command (`\d`, `\dt` …) on a service's database; it reads the catalog and is not recorded. */
  describe(service: ServiceName, command: string): Promise<QueryResult> {
    const db = this.#dbs.get(service);
    if (!db) return Promise.reject(new Error(`no database for ${service}`));
    return this.#serial(() => describe(db, command));
  }

  catalog(service: ServiceName): Promise<Catalog> {
    const db = this.#dbs.get(service);
    return db ? this.#serial(() => readCatalog(db)) : Promise.resolve([]);
  }

  /** Back to step 0 of the same seed, forgetting the reader's inputs. */
  reset(seed = this.#view.get().seed): Promise<void> {
    this.pause();
    return this.#serial(async () => {
      this.#future = [];
      await this.#rewind(0, [], seed);
      this.#set({ horizon: 0, seed, notices: [] });
      await this.#refresh();
    });
  }

  /** Rewinds (or scrubs forward) to step k by replaying from the start snapshots. */
  seek(k: number): Promise<void> {
    this.pause();
    return this.#serial(async () => {
      const sim = this.#sim;
      if (!sim) return;
      const all = [...sim.inputs, ...this.#future];
      const target = Math.max(0, Math.min(k, this.#view.get().horizon));
      await this.#rewind(target, all, sim.seed);
      this.#future = all.filter((i) => i.step > target);
      await this.#refresh();
    });
  }

  /**
   * The run as a scenario that replays it: the seed, every input the reader gave (those beyond a rewind too),
   * the step the lab is at and the furthest step reached (`horizon`, how far the rewind slider goes).
   * `loadScenario` on a fresh session of the same lab gives the same trace.
   */
  scenario(): LabScenario {
    const sim = this.#sim;
    const view = this.#view.get();
    return {
      seed: sim?.seed ?? view.seed,
      step: sim?.steps ?? 0,
      horizon: view.horizon,
      inputs: sim ? [...sim.inputs, ...this.#future] : [],
    };
  }

  /** Replays a scenario (a shared link, a run kept over a reload) to its step, through rewind's replay. */
  loadScenario(scenario: LabScenario): Promise<void> {
    this.pause();
    return this.#serial(async () => {
      if (!this.#sim) return;
      await this.#rewind(scenario.step, scenario.inputs, scenario.seed);
      this.#future = scenario.inputs.filter((i) => i.step > scenario.step);
      const lastInput = scenario.inputs.at(-1)?.step ?? 0;
      this.#set({ horizon: Math.max(this.#sim.steps, lastInput, scenario.horizon ?? 0), seed: scenario.seed, notices: [] });
      await this.#refresh();
    });
  }

  checkExercise(id: string, answer?: string): Promise<CheckResult> {
    return this.#serial(async () => {
      const exercise = this.lab.exercises.find((e) => e.id === id);
      if (!exercise) throw new Error(`no exercise ${id} in lab ${this.lab.id}`);
      const sim = this.#sim;
      if (!sim) return { passed: false, message: 'Start the lab first: the check runs against its databases.' };
      const [held] = sim.transactionsOpen;
      if (held !== undefined) {
        const message = `Finish your transaction on ${this.#label(held)} first (COMMIT or ROLLBACK): the check needs the databases as everyone else sees them.`;
        return { passed: false, message };
      }
      const hidden = hiddenRuns({ lab: this.lab, databases: this.#dbs });
      const result = await exercise
        .check({
          databases: this.#dbs,
          crashed: sim.crashed,
          run: async (service, sql) => {
            hidden.changed();
            return (
              (await this.#applyNow({ kind: 'sql', service, sql })) ?? {
                ok: false,
                durationMs: 0,
                error: { code: 'LAB', message: 'no result' },
              }
            );
          },
          ...(answer !== undefined ? { answer } : {}),
          // Checks on a hidden seed replay the lab from its first state, then give the reader's state back.
          replay: (seed, inputs, inspect) => hidden.run(seed, inputs, (run) => inspect({ databases: this.#dbs, crashed: run.crashed })),
        })
        .catch((error: unknown) => ({
          // The reader may have dropped a table the check reads: say so rather than fail silently.
          passed: false,
          message: `The check could not read the databases (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Reset the lab and try again.`,
        }));
      await this.#refresh();
      return result;
    });
  }

  async close() {
    this.pause();
    await this.#queue.catch(() => undefined);
    await Promise.all([...this.#dbs.values()].map((db) => db.close()));
  }

  async #stepOnce(): Promise<boolean> {
    const sim = this.#sim;
    if (!sim) return false;
    const moved = await sim.step();
    for (const service of this.#dbs.keys()) this.#dirty.add(service);
    while (this.#future[0] && this.#future[0].step <= sim.steps) {
      const next = this.#future.shift();
      if (next) await sim.apply(next.input);
    }
    return moved;
  }

  #inputNow(input: ReaderInput, statement?: ReaderStatement): Promise<QueryResult | undefined> {
    return this.#serial(async () => {
      const result = await this.#applyNow(input, statement);
      this.#showMove();
      await this.#refresh();
      return result;
    });
  }

  async #applyNow(input: ReaderInput, statement?: ReaderStatement): Promise<QueryResult | undefined> {
    const sim = this.#sim;
    if (!sim) throw new Error('the lab has not started');
    if (input.kind === 'sql') {
      // The watchdog restores a service to its last snapshot: take it right before the reader's statement, or,
      // inside a transaction the reader holds, keep the one from before it began (SQLite cannot export then).
      const db = this.#dbs.get(input.service);
      if (db && this.#dirty.has(input.service) && !sim.transactionsOpen.has(input.service)) {
        await db.snapshot();
        this.#dirty.delete(input.service);
      }
      if (statement?.cancelled) {
        const message = 'Stopped by you before it started: nothing ran, and the lab is as it was.';
        return { ok: false, durationMs: 0, error: { code: WATCHDOG_CODE, message } };
      }
      if (statement) statement.started = true;
    } else if (sim.transactionsOpen.size > 0) {
      // Actions, faults and restarts all make services run SQL, and on that service it would run inside the
      // reader's transaction.
      const [service = ''] = sim.transactionsOpen;
      this.#notice(service, `Finish your transaction on ${this.#label(service)} first (COMMIT or ROLLBACK): until then the lab waits.`);
      return undefined;
    }
    this.#future = []; // A new input after a rewind starts a new branch of history.
    this.#set({ horizon: sim.steps });
    const result = await sim.apply(input);
    for (const service of this.#dbs.keys()) if (input.kind !== 'sql' || service === input.service) this.#dirty.add(service);
    // Inside a transaction the reader holds, a failed statement leaves SELECT 1 failing too (25P02) until they
    // roll back: that is Postgres, not a broken engine, so the check waits until the transaction ends.
    if (input.kind === 'sql' && !sim.transactionsOpen.has(input.service))
      return (await this.#recoverIfBroken(sim, input.service)) ?? result;
    return result;
  }

  /**
   * A statement can leave an engine that answers every query with "OK" and no rows (a recursion that ran out
   * of stack does). The lab must not go on saying "ready" over it: the service is put back from its first
   * state and the lab replayed to this step without that statement.
   */
  async #recoverIfBroken(sim: Simulation, service: ServiceName): Promise<QueryResult | undefined> {
    const db = this.#dbs.get(service);
    if (!db || (await engineAnswers(db))) return undefined;
    const label = this.#label(service);
    const message = `${label} stopped answering queries after your statement (even SELECT 1 failed or came back empty: a recursion that exhausts the engine's stack does that). The service was restored and the lab replayed to step ${sim.steps} without that statement.`;
    const restored = await this.#rewind(sim.steps, sim.inputs.slice(0, -1), sim.seed).then(
      () => engineAnswers(db),
      () => false,
    );
    if (!restored) {
      const broken = `${label} could not be restored after your statement.`;
      this.#notice(service, broken);
      this.#set({ status: 'error', error: broken });
      return { ok: false, durationMs: 0, error: { code: 'LAB-BROKEN', message: broken } };
    }
    this.#notice(service, message);
    return { ok: false, durationMs: 0, error: { code: 'LAB-RESTORED', message } };
  }

  async #rewind(k: number, inputs: readonly RecordedInput[], seed: number) {
    this.#set({ status: 'running', progress: { value: 0.5, text: `Rewinding to step ${k}` } });
    // A transaction the reader held open ends here; the replay opens it again if the run reaches it.
    for (const service of this.#sim?.transactionsOpen ?? [])
      await this.#dbs.get(service)?.query('ROLLBACK', undefined, { keepTransaction: true });
    await Promise.all(
      databaseServices(this.lab).map(async ({ name, spec }) => {
        const db = this.#dbs.get(name);
        if (!db) return;
        // SQL puts a database back in milliseconds; a new instance from the first state takes longer. That is
        // for a database the reader has bent so far that its setup no longer runs.
        const reset = await resetDatabase(db, spec).then(
          () => true,
          () => false,
        );
        if (!reset) await db.reopen();
      }),
    );
    this.#sim = await replay({ lab: this.lab, seed, databases: this.#dbs }, inputs, k);
    for (const service of this.#dbs.keys()) this.#dirty.add(service);
    this.#set({ status: 'ready', progress: { value: 1, text: 'Ready' }, seed });
  }

  #newSimulation(seed: number) {
    return new Simulation({ lab: this.lab, seed, databases: this.#dbs });
  }

  /** What the simulation alone says (no database read): shown at once, before the refresh reads the databases. */
  #simView(sim: Simulation): Partial<LabView> {
    const steps = sim.steps;
    return {
      steps,
      horizon: Math.max(this.#view.get().horizon, steps),
      now: sim.now,
      // A copy, so subscribers see a new trace whenever the simulation has moved.
      trace: sim.trace.slice(),
      traceHash: sim.hash(),
      pending: sim.pending(),
      crashed: [...sim.crashed],
      transactionsOpen: [...sim.transactionsOpen],
      faultsOn: [...sim.faultsOn],
      quiet: sim.quiet,
      waiting: sim.waiting,
    };
  }

  /** Shows the reader's input or step in the timeline and the clock at once; tables and invariants follow. */
  #showMove() {
    if (this.#sim) this.#set(this.#simView(this.#sim));
  }

  async #refresh() {
    const sim = this.#sim;
    if (!sim) return;
    this.#stale = false;
    const invariants = Object.fromEntries(await sim.checkInvariants());
    // Each service's database answers on its own (its own worker): read them all at once.
    const tables: Record<ServiceName, TableSnapshot[]> = Object.fromEntries(
      await Promise.all(
        this.lab.services.flatMap((service) => {
          const db = this.#dbs.get(service.name);
          if (!db) return [];
          return [
            Promise.all(service.tables.map(async (t) => ({ title: t.title, result: await db.query(t.sql) }))).then(
              (snapshots) => [service.name, snapshots] as const,
            ),
          ];
        }),
      ),
    );
    this.#set({
      ...this.#simView(sim),
      invariants,
      measurements: Object.fromEntries((this.lab.measures ?? []).map((m) => [m.id, m.measure(sim.trace)])),
      tables,
    });
    this.#refreshedAt = performance.now();
  }

  #notice(service: ServiceName, text: string) {
    this.#set({ notices: [...this.#view.get().notices, { service, text }] });
  }

  #label(service: ServiceName): string {
    return this.lab.services.find((s) => s.name === service)?.label ?? service;
  }

  #set(patch: Partial<LabView>) {
    this.#view.set({ ...this.#view.get(), ...patch });
  }

  #serial<T>(work: () => Promise<T>, showBusy = true): Promise<T> {
    const run = async () => {
      if (!showBusy) return work();
      this.#set({ busy: true });
      try {
        return await work();
      } finally {
        this.#set({ busy: false });
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
