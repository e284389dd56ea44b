/**
 * Types shared by the simulation kernel and the labs that run on it.
 *
 * A lab is data plus handlers: its services (each with its own database), the messages they
 * exchange, the faults a reader can inject, the invariants that must hold, and the actions a reader
 * can take. The kernel owns time and chance; handlers receive both through their context.
 */
import type { ExerciseDefinition } from '../check/types.ts';
import type { Database, QueryResult, ServiceDatabaseSpec } from '../engine/types.ts';

export type ServiceName = string;

/** A message between services. `type` names it in the trace and the timeline. */
export interface Message {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface TableView {
  /** Shown as the table's caption. */
  readonly title: string;
  readonly sql: string;
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  /** A short human label, e.g. "Bank A (Postgres)". */
  readonly label: string;
  readonly role: string;
  /**
   * The service's own database. Absent for a service that keeps no data of its own, such as an application
   * server that queries a shared database by sending it messages.
   */
  readonly database?: ServiceDatabaseSpec;
  /** Queries whose results the lab shows live for this service. */
  readonly tables: readonly TableView[];
}

export interface FaultDefinition {
  readonly id: string;
  readonly label: string;
  /** One or two sentences: what happens when this fault is on. */
  readonly description: string;
  /** The service the fault is injected into, for the service map. */
  readonly service?: ServiceName;
  /**
   * A fault of the network, applied by the kernel to every message between the two services (both
   * directions). A fault without it is read by the services' own code through `isFaultOn`.
   */
  readonly network?: NetworkFault;
}

export type NetworkFault =
  | { readonly kind: 'partition'; readonly between: readonly [ServiceName, ServiceName] }
  | { readonly kind: 'drop'; readonly between: readonly [ServiceName, ServiceName]; readonly probability: number }
  | { readonly kind: 'duplicate'; readonly between: readonly [ServiceName, ServiceName] }
  | { readonly kind: 'delay'; readonly between: readonly [ServiceName, ServiceName]; readonly delayMs: number }
  | { readonly kind: 'reorder'; readonly between: readonly [ServiceName, ServiceName]; readonly jitterMs: number };

export type InvariantStatus = 'holds' | 'broken' | 'pending';

export interface InvariantResult {
  readonly status: InvariantStatus;
  /** One sentence a reader understands, with the measured figures. */
  readonly summary: string;
  /** Rows that break (or that keep it pending), as shown to the reader. */
  readonly rows?: readonly Record<string, unknown>[];
}

export interface InvariantDefinition {
  readonly id: string;
  readonly label: string;
  check(dbs: ReadonlyMap<ServiceName, Database>, quiet: boolean): Promise<InvariantResult>;
}

export interface Measurement {
  /** One sentence with the figures, e.g. "Bank A held its locks for 1,215 ms in tx-2". */
  readonly summary: string;
  readonly rows: readonly Record<string, string | number>[];
}

/** A figure the lab measures from its own trace (virtual time), shown to the reader as measured. */
export interface MeasureDefinition {
  readonly id: string;
  readonly label: string;
  measure(trace: readonly TraceEntry[]): Measurement;
}

export interface ActionDefinition {
  readonly id: string;
  /** Button label, e.g. "Transfer 30 from Alice to Bob". */
  readonly label: string;
  /** Which service receives the action as a message. */
  readonly service: ServiceName;
  readonly message: Message;
}

/** What a handler may do. Everything observable goes through here, so it lands in the trace. */
export interface ServiceContext<State> {
  readonly name: ServiceName;
  /** Virtual time in milliseconds. */
  readonly now: number;
  /** This service's volatile memory; reset when the service crashes. */
  state: State;
  /** Runs SQL on this service's own database (and no other), recording it in the trace. Throws without one. */
  sql(text: string, params?: readonly unknown[]): Promise<QueryResult>;
  send(to: ServiceName, message: Message): void;
  /** Delivers `message` back to this service after `delayMs` of virtual time, unless it crashes first. */
  setTimer(delayMs: number, message: Message, options?: TimerOptions): void;
  /** A draw in [0, 1) from the kernel's seeded generator. */
  random(): number;
  isFaultOn(faultId: string): boolean;
  /** Crashes this service now: it stops handling messages until a restart action. */
  crash(reason: string): void;
  /** A note in the trace, shown in the timeline. */
  note(text: string): void;
  /** A structured fact in the trace, for the lab's measures (which never parse notes). */
  fact(fact: FactData): void;
}

/** What a service records for measures: `kind` names the fact, the rest is plain data. */
export type FactData = { readonly kind: string; readonly [key: string]: unknown };

export interface TimerOptions {
  /**
   * The timer tries again what failed (a resend, a reconnect). When nothing but such timers is left to run, the
   * lab is waiting on a fault or a crash that only the reader can undo, and playing stops by itself.
   */
  readonly retry?: boolean;
}

export interface ServiceBehaviour<State> {
  initialState(): State;
  handle(ctx: ServiceContext<State>, message: Message, from: ServiceName | 'reader'): Promise<void>;
  /** Runs when a crashed service comes back, before any message reaches it. */
  recover?(ctx: ServiceContext<State>): Promise<void>;
}

export interface NetworkSettings {
  /** One-way latency in virtual ms: base plus a seeded jitter in [0, jitterMs). */
  readonly latencyMs: number;
  readonly jitterMs: number;
}

export interface LabDefinition {
  readonly id: string;
  readonly title: string;
  readonly services: readonly ServiceDefinition[];
  // Behaviours have per-service state types; the kernel treats them uniformly.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service has its own state type
  readonly behaviours: Readonly<Record<ServiceName, ServiceBehaviour<any>>>;
  readonly faults: readonly FaultDefinition[];
  readonly invariants: readonly InvariantDefinition[];
  readonly measures?: readonly MeasureDefinition[];
  readonly actions: readonly ActionDefinition[];
  readonly network: NetworkSettings;
  /** Watchdog limit for one statement, in real ms. */
  readonly statementLimitMs?: number;
  readonly exercises: readonly ExerciseDefinition[];
}

/** Everything a reader does to a running lab, recorded so that replay reproduces it. */
export type ReaderInput =
  | { readonly kind: 'action'; readonly actionId: string }
  | { readonly kind: 'fault'; readonly faultId: string; readonly on: boolean }
  | { readonly kind: 'sql'; readonly service: ServiceName; readonly sql: string }
  | { readonly kind: 'restart'; readonly service: ServiceName };

export type TraceEntry =
  | { readonly type: 'input'; readonly step: number; readonly at: number; readonly input: ReaderInput }
  | {
      readonly type: 'send';
      readonly step: number;
      readonly at: number;
      readonly id: number;
      readonly from: ServiceName;
      readonly to: ServiceName;
      readonly message: Message;
      readonly deliverAt: number;
    }
  | {
      readonly type: 'deliver';
      readonly step: number;
      readonly at: number;
      readonly id: number;
      readonly from: ServiceName | 'reader';
      readonly to: ServiceName;
      readonly message: Message;
    }
  | {
      readonly type: 'drop';
      readonly step: number;
      readonly at: number;
      readonly id: number;
      readonly from: ServiceName | 'reader';
      readonly to: ServiceName;
      readonly message: Message;
      readonly reason: string;
    }
  | {
      readonly type: 'sql';
      readonly step: number;
      readonly at: number;
      readonly service: ServiceName;
      readonly sql: string;
      readonly ok: boolean;
      readonly outcome: string;
    }
  | { readonly type: 'crash'; readonly step: number; readonly at: number; readonly service: ServiceName; readonly reason: string }
  | { readonly type: 'restart'; readonly step: number; readonly at: number; readonly service: ServiceName }
  | { readonly type: 'note'; readonly step: number; readonly at: number; readonly service: ServiceName; readonly text: string }
  | FactEntry;

/** A fact a service recorded for the lab's measures. */
export interface FactEntry {
  readonly type: 'fact';
  readonly step: number;
  readonly at: number;
  readonly service: ServiceName;
  readonly fact: FactData;
}
