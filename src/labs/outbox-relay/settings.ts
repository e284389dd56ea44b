/** The lab's clocks and its workload in one place, so the chapter, the faults and the tests quote the same figures. */
import type { ChangeKind, Incident } from './messages.ts';

/** The relay polls the ticket database on a grid of this many ms… */
export const POLL_INTERVAL_MS = 100;
/** …or of this many with the "rare polls" fault on. */
export const RARE_POLL_INTERVAL_MS = 1_000;
/**
 * After this many polls in a row that found nothing, the relay stops until the next commit wakes it. A real
 * relay polls for ever; stopping lets a run come to rest, and the polls it would have made are idle ones.
 */
export const IDLE_POLLS = 5;
/** A held transaction stays prepared this long before it commits. */
export const HOLD_MS = 700;
/** The agents a ticket can be assigned to; the ticket database knows no others. */
export const AGENTS = ['ana', 'ben', 'chen'] as const;
/** The agent who left: assigning a ticket to her breaks a foreign key, so Postgres refuses the commit. */
export const GONE_AGENT = 'dana';

export interface PlannedChange {
  readonly at: number;
  readonly ticketId: string;
  readonly change: ChangeKind;
  readonly incident: Incident;
}

const open = (at: number, ticketId: string, incident: Incident = 'none'): PlannedChange => ({
  at,
  ticketId,
  change: { kind: 'open' },
  incident,
});
const assign = (at: number, ticketId: string, agent: string, incident: Incident = 'none'): PlannedChange => ({
  at,
  ticketId,
  change: { kind: 'assign', agent },
  incident,
});
const close = (at: number, ticketId: string, incident: Incident = 'none'): PlannedChange => ({
  at,
  ticketId,
  change: { kind: 'close' },
  incident,
});

/**
 * The workload: eight tickets opened, assigned and closed over two seconds, with four incidents. A ticket an
 * incident touched is not changed again, so each incident's trace stays visible to the end.
 */
export const WORKLOAD: readonly PlannedChange[] = [
  open(0, 'T-1'),
  open(60, 'T-2'),
  open(120, 'T-3'),
  assign(180, 'T-1', 'ana'),
  open(240, 'T-4'),
  assign(300, 'T-2', 'ben', 'crash-after-commit'),
  assign(360, 'T-3', 'chen'),
  open(420, 'T-5'),
  close(480, 'T-1'),
  assign(540, 'T-4', 'ana', 'held'),
  assign(600, 'T-5', 'ben'),
  open(660, 'T-6'),
  close(720, 'T-3'),
  assign(780, 'T-6', GONE_AGENT, 'refused'),
  open(840, 'T-7'),
  assign(900, 'T-7', 'chen'),
  open(960, 'T-8'),
  close(1_020, 'T-5'),
  assign(1_080, 'T-8', 'ana', 'crash-before-commit'),
  close(1_140, 'T-7'),
];
