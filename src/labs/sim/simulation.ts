/**
 * The deterministic kernel. It owns virtual time and chance, holds one queue of events, and processes
 * them one at a time to completion: a handler's SQL is awaited before the next event starts, so real
 * query time never changes the order of virtual events. Everything observable lands in the trace.
 */
import type { Database, QueryOptions, QueryResult } from '../engine/types.ts';

const TRANSACTION_HELD =
  'Your transaction stays open for your next statement. The lab waits (its services share this connection) until you COMMIT or ROLLBACK.';
import { discardSessionState } from '../engine/session-hygiene.ts';
import { WATCHDOG_CODE } from '../engine/watchdog-code.ts';
import { EventQueue } from './event-queue.ts';
import { describeOutcome } from './outcome.ts';
import { SeededRandom } from './random.ts';
import { TraceHasher } from './trace-hash.ts';
import type {
  InvariantDefinition,
  InvariantResult,
  LabDefinition,
  Message,
  NetworkFault,
  ReaderInput,
  ServiceContext,
  ServiceName,
  TraceEntry,
} from './types.ts';

type SimEvent =
  | {
      readonly kind: 'deliver';
      readonly id: number;
      readonly from: ServiceName | 'reader';
      readonly to: ServiceName;
      readonly message: Message;
    }
  | {
      readonly kind: 'timer';
      readonly to: ServiceName;
      readonly incarnation: number;
      readonly message: Message;
      readonly retry: boolean;
    };

export interface RecordedInput {
  /** How many steps had run when the reader gave this input. */
  readonly step: number;
  readonly input: ReaderInput;
}

export interface SimulationOptions {
  readonly lab: LabDefinition;
  readonly seed: number;
  readonly databases: ReadonlyMap<ServiceName, Database>;
}

export class Simulation {
  readonly lab: LabDefinition;
  readonly seed: number;
  readonly trace: TraceEntry[] = [];
  readonly inputs: RecordedInput[] = [];
  readonly #dbs: ReadonlyMap<ServiceName, Database>;
  readonly #random: SeededRandom;
  readonly #queue = new EventQueue<SimEvent>();
  readonly #crashed = new Set<ServiceName>();
  readonly #transactions = new Set<ServiceName>();
  readonly #faults = new Set<string>();
  readonly #states = new Map<ServiceName, unknown>();
  readonly #incarnations = new Map<ServiceName, number>();
  readonly #hasher = new TraceHasher();
  /** A reader's input may be what the pending retries were waiting for; the next step shows whether it was. */
  #inputSinceStep = false;
  #now = 0;
  #steps = 0;
  #nextMessageId = 1;

  constructor(options: SimulationOptions) {
    this.lab = options.lab;
    this.seed = options.seed;
    this.#dbs = options.databases;
    this.#random = new SeededRandom(options.seed);
    for (const service of this.lab.services) {
      if (service.database && !this.#dbs.has(service.name)) throw new Error(`no database for service ${service.name}`);
      this.#states.set(service.name, this.#behaviour(service.name).initialState());
      this.#incarnations.set(service.name, 0);
    }
  }

  get now(): number {
    return this.#now;
  }

  get steps(): number {
    return this.#steps;
  }

  /** True when nothing is queued: no message in flight, no timer set. */
  get quiet(): boolean {
    return this.#queue.size === 0;
  }

  /**
   * True when something is queued but all of it is retries, and the reader has done nothing since the last
   * step: the lab can only go round in circles until the reader heals a fault or restarts a service.
   */
  get waiting(): boolean {
    if (this.#inputSinceStep) return false;
    return this.#queue.size > 0 && this.#queue.every((event) => event.kind === 'timer' && event.retry);
  }

  get crashed(): ReadonlySet<ServiceName> {
    return this.#crashed;
  }

  /**
   * Services on which the reader holds a transaction open between console statements. The lab's own services
   * share that one connection, so nothing steps until the reader ends it: a step would run inside it.
   */
  get transactionsOpen(): ReadonlySet<ServiceName> {
    return this.#transactions;
  }

  get faultsOn(): ReadonlySet<string> {
    return this.#faults;
  }

  /** Messages in flight and timers, in the order they will be processed. */
  pending(): { at: number; from: ServiceName | 'reader' | 'timer'; to: ServiceName; type: string }[] {
    return this.#queue.sorted().map(({ at, event }) => ({
      at,
      from: event.kind === 'deliver' ? event.from : 'timer',
      to: event.to,
      type: event.message.type,
    }));
  }

  /** The trace's hash so far; kept up to date as the trace grows. */
  hash(): string {
    return this.#hasher.digest();
  }

  database(service: ServiceName): Database {
    const db = this.#dbs.get(service);
    if (!db) throw new Error(`no database for service ${service}`);
    return db;
  }

  /** Applies a reader's input now, between steps, and records it for replay. */
  async apply(input: ReaderInput): Promise<QueryResult | undefined> {
    this.#record({ type: 'input', step: this.#steps, at: this.#now, input });
    this.#inputSinceStep = true;
    const recorded = { step: this.#steps, input };
    if (input.kind === 'sql') {
      const ran = await this.#runSql(input.service, input.sql, undefined, { keepTransaction: true });
      const result = await this.#holdOrDiscard(input.service, ran);
      // A statement the watchdog had to stop changed nothing (its service was restored) and would never
      // end again on replay, so it stays in the trace but not among the inputs that rewind replays.
      if (result.ok || result.error.code !== WATCHDOG_CODE) this.inputs.push(recorded);
      return result;
    }
    this.inputs.push(recorded);
    switch (input.kind) {
      case 'action': {
        const action = this.lab.actions.find((a) => a.id === input.actionId);
        if (!action) throw new Error(`unknown action ${input.actionId}`);
        this.#queue.push(this.#now, {
          kind: 'deliver',
          id: this.#nextMessageId++,
          from: 'reader',
          to: action.service,
          message: action.message,
        });
        return undefined;
      }
      case 'fault':
        if (!this.lab.faults.some((f) => f.id === input.faultId)) throw new Error(`unknown fault ${input.faultId}`);
        if (input.on) this.#faults.add(input.faultId);
        else this.#faults.delete(input.faultId);
        return undefined;
      case 'restart':
        await this.#restart(input.service);
        return undefined;
    }
  }

  /** Processes the next event. Returns false when there was none, or while the reader holds a transaction open. */
  async step(): Promise<boolean> {
    if (this.#transactions.size > 0) return false;
    const next = this.#queue.pop();
    if (!next) return false;
    this.#inputSinceStep = false;
    this.#steps++;
    this.#now = Math.max(this.#now, next.at);
    const { event } = next;
    if (event.kind === 'timer') {
      if (this.#crashed.has(event.to) || this.#incarnations.get(event.to) !== event.incarnation) return true;
      await this.#handle(event.to, event.message, event.to);
      return true;
    }
    const down = this.#crashed.has(event.to);
    const arrival = { step: this.#steps, at: this.#now, id: event.id, from: event.from, to: event.to, message: event.message };
    if (down) {
      this.#record({ type: 'drop', ...arrival, reason: `${event.to} is down` });
      return true;
    }
    this.#record({ type: 'deliver', ...arrival });
    await this.#handle(event.to, event.message, event.from);
    return true;
  }

  /** Steps until nothing is queued or `maxSteps` ran; returns the number of steps run. */
  async runUntilQuiet(maxSteps = 10_000): Promise<number> {
    let ran = 0;
    while (ran < maxSteps && (await this.step())) ran++;
    return ran;
  }

  /**
   * Checks every invariant against the databases as they are now. The results are not recorded in the trace:
   * a browser checks when it refreshes the view, at wall-clock moments, and the trace must stay a pure
   * function of seed and inputs.
   */
  async checkInvariants(): Promise<Map<string, InvariantResult>> {
    const results = new Map<string, InvariantResult>();
    const held = [...this.#transactions];
    if (held.length > 0) {
      // Inside the reader's transaction the databases show what no one else can see yet.
      const summary = `Not checked while your transaction on ${held.join(', ')} is open: COMMIT or ROLLBACK it first.`;
      for (const invariant of this.lab.invariants) results.set(invariant.id, { status: 'pending', summary });
      return results;
    }
    for (const invariant of this.lab.invariants) results.set(invariant.id, await checkOne(invariant, this.#dbs, this.quiet));
    return results;
  }

  async #handle(service: ServiceName, message: Message, from: ServiceName | 'reader') {
    const ctx = this.#context(service);
    await this.#behaviour(service).handle(ctx, message, from);
  }

  async #restart(service: ServiceName) {
    if (!this.#crashed.has(service)) return;
    this.#crashed.delete(service);
    this.#states.set(service, this.#behaviour(service).initialState());
    this.#record({ type: 'restart', step: this.#steps, at: this.#now, service });
    const behaviour = this.#behaviour(service);
    if (behaviour.recover) await behaviour.recover(this.#context(service));
  }

  #context(service: ServiceName): ServiceContext<unknown> {
    const incarnation = this.#incarnations.get(service) ?? 0;
    // Once the service crashes inside a handler, whatever that handler still tries to do is lost.
    const alive = () => !this.#crashed.has(service) && this.#incarnations.get(service) === incarnation;
    const states = this.#states;
    return {
      name: service,
      now: this.#now,
      get state() {
        return states.get(service);
      },
      set state(value: unknown) {
        states.set(service, value);
      },
      sql: async (text, params) => {
        if (!alive()) return { ok: false, durationMs: 0, error: { code: 'LAB-CRASHED', message: `${service} is down` } };
        return this.#runSql(service, text, params);
      },
      send: (to, message) => {
        if (alive()) this.#send(service, to, message);
      },
      setTimer: (delayMs, message, options) => {
        if (!alive()) return;
        this.#queue.push(this.#now + delayMs, { kind: 'timer', to: service, incarnation, message, retry: options?.retry === true });
      },
      random: () => this.#random.next(),
      isFaultOn: (faultId) => this.#faults.has(faultId),
      crash: (reason) => {
        if (!alive()) return;
        this.#crashed.add(service);
        this.#incarnations.set(service, incarnation + 1);
        this.#record({ type: 'crash', step: this.#steps, at: this.#now, service, reason });
      },
      note: (text) => {
        if (alive()) this.#record({ type: 'note', step: this.#steps, at: this.#now, service, text });
      },
      fact: (fact) => {
        if (alive()) this.#record({ type: 'fact', step: this.#steps, at: this.#now, service, fact });
      },
    };
  }

  /**
   * After a reader's statement: a transaction it left open stays open for the reader's next statement (and the
   * lab waits); otherwise what the statement set in its session is discarded before anything else runs on that
   * connection (see engine/session-hygiene.ts). Here in the kernel, so that a replay does exactly the same.
   */
  async #holdOrDiscard(service: ServiceName, result: QueryResult): Promise<QueryResult> {
    if (result.transactionOpen === true) {
      if (this.#transactions.has(service)) return result;
      this.#transactions.add(service);
      return this.#withNote(service, result, TRANSACTION_HELD);
    }
    this.#transactions.delete(service);
    const discarded = await discardSessionState(this.database(service));
    return discarded ? this.#withNote(service, result, discarded) : result;
  }

  #withNote(service: ServiceName, result: QueryResult, text: string): QueryResult {
    this.#record({ type: 'note', step: this.#steps, at: this.#now, service, text });
    if (!result.ok) return result;
    const last = result.results.at(-1);
    if (!last) return result;
    const notice = last.notice ? `${last.notice}; ${text}` : text;
    return { ...result, results: [...result.results.slice(0, -1), { ...last, notice }] };
  }

  async #runSql(service: ServiceName, sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult> {
    const result = await this.database(service).query(sql, params, options);
    this.#record({ type: 'sql', step: this.#steps, at: this.#now, service, sql, ok: result.ok, outcome: describeOutcome(result) });
    return result;
  }

  #send(from: ServiceName, to: ServiceName, message: Message) {
    const id = this.#nextMessageId++;
    let latency = this.lab.network.latencyMs + this.#random.int(Math.max(1, this.lab.network.jitterMs));
    let copies = 1;
    for (const fault of this.#activeNetworkFaults(from, to)) {
      switch (fault.kind) {
        case 'partition':
          this.#record({ type: 'drop', step: this.#steps, at: this.#now, id, from, to, message, reason: 'network partition' });
          return;
        case 'drop':
          if (this.#random.next() < fault.probability) {
            this.#record({ type: 'drop', step: this.#steps, at: this.#now, id, from, to, message, reason: 'message lost' });
            return;
          }
          break;
        case 'duplicate':
          copies = 2;
          break;
        case 'delay':
          latency += fault.delayMs;
          break;
        case 'reorder':
          latency += this.#random.int(fault.jitterMs);
          break;
      }
    }
    for (let copy = 0; copy < copies; copy++) {
      const deliverAt = this.#now + latency + copy;
      this.#record({ type: 'send', step: this.#steps, at: this.#now, id, from, to, message, deliverAt });
      this.#queue.push(deliverAt, { kind: 'deliver', id, from, to, message });
    }
  }

  #activeNetworkFaults(from: ServiceName, to: ServiceName): NetworkFault[] {
    const active: NetworkFault[] = [];
    for (const fault of this.lab.faults) {
      if (!fault.network || !this.#faults.has(fault.id)) continue;
      const [a, b] = fault.network.between;
      if ((a === from && b === to) || (a === to && b === from)) active.push(fault.network);
    }
    return active;
  }

  #behaviour(service: ServiceName) {
    const behaviour = this.lab.behaviours[service];
    if (!behaviour) throw new Error(`no behaviour for service ${service}`);
    return behaviour;
  }

  #record(entry: TraceEntry) {
    this.trace.push(entry);
    this.#hasher.add(entry);
  }
}

/**
 * A reader may drop or rename the very tables an invariant reads. That is the reader's experiment, not a
 * bug: the invariant then shows as broken, saying why, instead of breaking the lab.
 */
async function checkOne(invariant: InvariantDefinition, dbs: ReadonlyMap<ServiceName, Database>, quiet: boolean): Promise<InvariantResult> {
  try {
    return await invariant.check(dbs, quiet);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { status: 'broken', summary: `Cannot be checked any more: ${reason}` };
  }
}

/** Builds a simulation and replays recorded reader inputs up to `steps` steps (rewind is replay). */
export async function replay(options: SimulationOptions, inputs: readonly RecordedInput[], steps: number): Promise<Simulation> {
  const sim = new Simulation(options);
  for (const recorded of inputs) {
    if (recorded.step > steps) break;
    while (sim.steps < recorded.step && (await sim.step()));
    await sim.apply(recorded.input);
  }
  while (sim.steps < steps && (await sim.step()));
  return sim;
}
