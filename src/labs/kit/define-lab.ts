/**
 * The typed way to write a lab. A lab first declares its types in one place (which services exist and what
 * each accepts, which faults, which facts its services record) and then each service in one declaration:
 * its database, its table views and one handler per message type. The compiler then checks every
 * `send`, every fault id and every fact; a typo is an error, not a fault that silently reads as off.
 *
 * `defineLab` compiles the declaration to the kernel's `LabDefinition`, so the kernel, session and UI
 * see one shape whichever way a lab was written.
 */
import type { ExerciseDefinition } from '../check/types.ts';
import type { Database, QueryResult, ServiceDatabaseSpec } from '../engine/types.ts';
import type {
  FactEntry,
  FaultDefinition,
  InvariantResult,
  LabDefinition,
  Measurement,
  Message,
  NetworkSettings,
  ServiceBehaviour,
  ServiceContext,
  ServiceName,
  TableView,
  TimerOptions,
  TraceEntry,
} from '../sim/types.ts';

/** Every lab's latency unless it says otherwise: 10 ms one way, plus up to 5 ms of seeded jitter. */
export const DEFAULT_NETWORK: NetworkSettings = { latencyMs: 10, jitterMs: 5 };
/** How long one statement may run before the watchdog stops it, in real ms. */
export const DEFAULT_STATEMENT_LIMIT_MS = 10_000;

/**
 * How long to wait before retry number `attempt` (0 for the first): doubling from `baseMs` up to `capMs`,
 * with "equal jitter" drawn from the kernel's seeded generator, so that retries of many senders spread out
 * and a partition that never heals costs a handful of steps a minute rather than hundreds.
 */
export function backoff(ctx: { random(): number }, attempt: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + ctx.random() * (ceiling / 2));
}

/** A structured fact a service records for the lab's measures: `kind` names it, the rest is its data. */
export type Fact = { readonly kind: string };

/**
 * A lab's types, declared once. `inbox` maps each service's name to the union of messages it accepts;
 * `faults` is the union of fault ids; `facts` the union of facts its services record.
 */
export interface LabTypes {
  readonly inbox: Readonly<Record<string, Message>>;
  readonly faults: string;
  readonly facts: Fact;
}

export type ServiceOf<L extends LabTypes> = keyof L['inbox'] & string;
export type InboxOf<L extends LabTypes, S extends ServiceOf<L>> = L['inbox'][S];
export type MessageOfType<M extends Message, T extends string> = Extract<M, { readonly type: T }>;

/**
 * What a handler may do, typed for one service of one lab. It is the kernel's context with checked names:
 * the object at run time is the kernel's own.
 */
export interface LabContext<L extends LabTypes, S extends ServiceOf<L>, State> {
  readonly name: S;
  /** Virtual time in milliseconds. */
  readonly now: number;
  /** This service's volatile memory; reset when the service crashes. */
  state: State;
  /** Runs SQL on this service's own database (and no other), recording it in the trace. */
  sql(text: string, params?: readonly unknown[]): Promise<QueryResult>;
  send<To extends ServiceOf<L>>(to: To, message: InboxOf<L, To>): void;
  /**
   * Delivers `message` back to this service after `delayMs` of virtual time, unless it crashes first. Mark a
   * timer that tries again what failed with `{ retry: true }` (see `backoff`), so the lab knows when it waits.
   */
  setTimer(delayMs: number, message: InboxOf<L, S>, options?: TimerOptions): void;
  /** A draw in [0, 1) from the kernel's seeded generator. */
  random(): number;
  isFaultOn(faultId: L['faults']): boolean;
  crash(reason: string): void;
  /** A sentence in the trace, shown in the timeline. */
  note(text: string): void;
  /** A structured fact in the trace, read by the lab's measures. */
  fact(fact: L['facts']): void;
}

type Sender<L extends LabTypes> = ServiceOf<L> | 'reader';

/** One handler per message type the service accepts; the compiler insists on all of them. */
export type Handlers<L extends LabTypes, S extends ServiceOf<L>, State> = {
  readonly [T in InboxOf<L, S>['type']]: (
    ctx: LabContext<L, S, State>,
    message: MessageOfType<InboxOf<L, S>, T>,
    from: Sender<L>,
  ) => Promise<void> | void;
};

/** A service: who it is, its database and table views, and what it does with each message. */
export interface ServiceSpec<L extends LabTypes, S extends ServiceOf<L>, State> {
  /** A short human label, e.g. "Bank A". */
  readonly label: string;
  readonly role: string;
  /** The service's own database; absent for a service that keeps no data of its own. */
  readonly database?: ServiceDatabaseSpec;
  /** Queries whose results the lab shows live for this service. */
  readonly tables?: readonly TableView[];
  readonly initialState: () => State;
  readonly on: Handlers<L, S, State>;
  /** Runs when a crashed service comes back, before any message reaches it. */
  readonly recover?: (ctx: LabContext<L, S, State>) => Promise<void>;
}

/**
 * A service a kit writes once for every lab that uses it, such as the broker. Labs address it through the
 * messages `M` it accepts, declared as its inbox, so every message sent to it is checked; it addresses
 * services named in its own data (the consumers subscribed to a topic), so its handlers get the kernel's
 * context, and the kit checks those names where the lab declares that data.
 */
export interface KitServiceSpec<M extends Message, State> {
  readonly label: string;
  readonly role: string;
  readonly database?: ServiceDatabaseSpec;
  readonly tables?: readonly TableView[];
  readonly initialState: () => State;
  readonly on: {
    readonly [T in M['type']]: (
      ctx: ServiceContext<State>,
      message: MessageOfType<M, T>,
      from: ServiceName | 'reader',
    ) => Promise<void> | void;
  };
  readonly recover?: (ctx: ServiceContext<State>) => Promise<void>;
}

/** One handler for several message types, e.g. every event a consumer treats alike; the compiler still checks each type. */
export function sameHandler<T extends string, H>(types: readonly T[], handler: H): Readonly<Record<T, H>> {
  // Built from the list, so every listed type has the handler; the mapped type says no more than that.
  return Object.fromEntries(types.map((type) => [type, handler])) as Readonly<Record<T, H>>;
}

export type FaultSpec<L extends LabTypes> = Omit<FaultDefinition, 'id' | 'service' | 'network'> & {
  /** The service the fault is injected into, for the service map. */
  readonly service?: ServiceOf<L>;
  readonly network?: NetworkFaultSpec<L>;
};

type Pair<L extends LabTypes> = readonly [ServiceOf<L>, ServiceOf<L>];
export type NetworkFaultSpec<L extends LabTypes> =
  | { readonly kind: 'partition'; readonly between: Pair<L> }
  | { readonly kind: 'drop'; readonly between: Pair<L>; readonly probability: number }
  | { readonly kind: 'duplicate'; readonly between: Pair<L> }
  | { readonly kind: 'delay'; readonly between: Pair<L>; readonly delayMs: number }
  | { readonly kind: 'reorder'; readonly between: Pair<L>; readonly jitterMs: number };

/** Every fault of a lab, keyed by its id: one missing or misspelt is a compile error. */
export type Faults<L extends LabTypes> = Readonly<Record<L['faults'], FaultSpec<L>>>;

/** A reader action: which service receives which of its own messages. */
export type ActionSpec<L extends LabTypes> = {
  readonly [S in ServiceOf<L>]: {
    readonly id: string;
    /** Button label, e.g. "Transfer 30 from Alice to Bob". */
    readonly label: string;
    readonly service: S;
    readonly message: InboxOf<L, S>;
  };
}[ServiceOf<L>];

/** A fact as the trace holds it: when it was recorded, by whom. */
export interface RecordedFact<F extends Fact> {
  readonly step: number;
  readonly at: number;
  readonly service: ServiceName;
  readonly fact: F;
}

/** A measure over the facts the services recorded (and, where it needs more, the whole trace). */
export interface MeasureSpec<L extends LabTypes> {
  readonly id: string;
  readonly label: string;
  measure(facts: readonly RecordedFact<L['facts']>[], trace: readonly TraceEntry[]): Measurement;
}

/** An invariant over the services' databases, looked up by checked service names. */
export interface InvariantSpec<L extends LabTypes> {
  readonly id: string;
  readonly label: string;
  check(dbs: ReadonlyMap<ServiceOf<L>, Database>, quiet: boolean): Promise<InvariantResult>;
}

export interface LabSpec<L extends LabTypes> {
  readonly id: string;
  readonly title: string;
  /** In the order the lab shows them; the first is the one a reader looks at first. */
  // Each service has its own state type; the lab holds them side by side.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a service's state type is its own business
  readonly services: { readonly [S in ServiceOf<L>]: ServiceSpec<L, S, any> | KitServiceSpec<InboxOf<L, S>, any> };
  readonly faults: Faults<L>;
  readonly invariants: readonly InvariantSpec<L>[];
  readonly measures?: readonly MeasureSpec<L>[];
  readonly actions: readonly ActionSpec<L>[];
  readonly network?: NetworkSettings;
  readonly statementLimitMs?: number;
  readonly exercises: readonly ExerciseDefinition[];
}

/** The facts in a trace, in the order they were recorded. */
export function factsOf<F extends Fact>(trace: readonly TraceEntry[]): RecordedFact<F>[] {
  return trace.flatMap((entry) => (entry.type === 'fact' ? [entry as FactEntry & { readonly fact: F }] : []));
}

/** Compiles a typed declaration to the kernel's `LabDefinition`. */
export function defineLab<L extends LabTypes>(spec: LabSpec<L>): LabDefinition {
  const names = Object.keys(spec.services) as ServiceOf<L>[];
  const services = names.map((name) => {
    const s = spec.services[name];
    return { name, label: s.label, role: s.role, ...(s.database ? { database: s.database } : {}), tables: s.tables ?? [] };
  });
  const behaviours = Object.fromEntries(names.map((name) => [name, behaviourOf(name, spec.services[name])]));
  const faults = (Object.keys(spec.faults) as L['faults'][]).map((id): FaultDefinition => ({ id, ...spec.faults[id] }));
  return {
    id: spec.id,
    title: spec.title,
    services,
    behaviours,
    faults,
    // A map keyed by any name is read through checked names only: the same object serves both.
    invariants: spec.invariants,
    ...(spec.measures ? { measures: spec.measures.map(toMeasure) } : {}),
    actions: spec.actions,
    network: spec.network ?? DEFAULT_NETWORK,
    statementLimitMs: spec.statementLimitMs ?? DEFAULT_STATEMENT_LIMIT_MS,
    exercises: spec.exercises,
  };
}

// The one place where the typed declaration meets the kernel's uniform one. A handler's context is the
// kernel's context object; its signatures are only narrower. The kernel delivers to a service only
// messages that were sent to it through a typed `send`, `setTimer` or action, or by a kit service to the
// services a lab named in checked data (a broker's subscriptions), so the cast holds.
type AnyHandler = (ctx: ServiceContext<unknown>, message: Message, from: ServiceName | 'reader') => Promise<void> | void;

function behaviourOf<L extends LabTypes, S extends ServiceOf<L>>(
  name: S,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see LabSpec.services
  spec: ServiceSpec<L, S, any> | KitServiceSpec<InboxOf<L, S>, any>,
): ServiceBehaviour<unknown> {
  const handlers = spec.on as unknown as Readonly<Record<string, AnyHandler>>;
  const recover = spec.recover as ((ctx: ServiceContext<unknown>) => Promise<void>) | undefined;
  return {
    initialState: spec.initialState,
    async handle(ctx, message, from) {
      const handler = handlers[message.type];
      if (!handler) throw new Error(`${name} has no handler for "${message.type}"`);
      await handler(ctx, message, from);
    },
    ...(recover ? { recover } : {}),
  };
}

function toMeasure<L extends LabTypes>(measure: MeasureSpec<L>) {
  return { id: measure.id, label: measure.label, measure: (trace: readonly TraceEntry[]) => measure.measure(factsOf(trace), trace) };
}
