/**
 * The chapters' sequence diagrams, written against the labs' own definitions: participants are the labs'
 * services, message names are typed by what each service accepts (a renamed message is a compile error
 * here), and the saga's steps and events are read from its plan and its wiring. A test checks the
 * participants against the labs as they are built.
 */
import type { InboxOf, LabTypes, ServiceOf } from '../../labs/kit/define-lab.ts';
import { reactionTo } from '../../labs/order-saga/choreography.ts';
import { CORRECT, PARTICIPANTS, type EventName, type Participant } from '../../labs/order-saga/messages.ts';
import { STEPS } from '../../labs/order-saga/saga-plan.ts';
import type { EventualConsistency } from '../../labs/eventual-consistency/messages.ts';
import { SYNC_INTERVAL_MS } from '../../labs/eventual-consistency/settings.ts';
import orderSaga from '../../labs/order-saga/lab.ts';
import type { LabDefinition } from '../../labs/sim/types.ts';
import twoPhaseCommit from '../../labs/two-phase-commit/lab.ts';
import type { TwoPhaseCommit } from '../../labs/two-phase-commit/messages.ts';
import type { SequenceParticipant, SequenceScript, SequenceStep } from '../../lib/sequence-layout.ts';

export type LabId = 'two-phase-commit' | 'order-saga' | 'eventual-consistency';

export interface DiagramParticipant extends SequenceParticipant {
  /** The lab service this lifeline stands for; absent for someone outside the lab, such as a naive caller. */
  readonly service?: string;
  /** A database role inside that service, when several roles share one server. */
  readonly role?: string;
}

export interface Diagram extends SequenceScript {
  readonly lab: LabId;
  readonly participants: readonly DiagramParticipant[];
  /** The message types the diagram names, by receiving service, for the check against the lab. */
  readonly messages: readonly { readonly to: string; readonly type: string }[];
  /** The lab's action whose run the diagram shows, when it shows one. */
  readonly run?: string;
}

type TypedMessage = SequenceStep & { readonly kind: 'message'; readonly type: string };

/** A message the receiving service is handed as `type`, when the type comes from the lab's typed data already. */
const handed = (
  from: string,
  to: string,
  type: string,
  options: { readonly label?: string; readonly reply?: boolean } = {},
): TypedMessage => ({
  kind: 'message',
  from,
  to,
  label: options.label ?? type,
  type,
  ...(options.reply ? { reply: true } : {}),
});

/** A message whose type the receiving service accepts, or the compiler says otherwise. */
function messageOf<L extends LabTypes>() {
  return <T extends ServiceOf<L>>(
    from: string,
    to: T,
    type: InboxOf<L, T>['type'],
    options: { readonly label?: string; readonly reply?: boolean; readonly via?: string } = {},
  ): TypedMessage => handed(from, options.via ?? to, type, options);
}

const action = (at: string | readonly string[], label: string): SequenceStep => ({
  kind: 'action',
  at: typeof at === 'string' ? [at] : at,
  label,
});
const note = (label: string): SequenceStep => ({ kind: 'note', label });

function diagram(lab: LabId, participants: readonly DiagramParticipant[], steps: readonly SequenceStep[], run?: string): Diagram {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const messages = steps.flatMap((s) =>
    s.kind === 'message' && 'type' in s && typeof s.type === 'string' ? [{ to: byId.get(s.to)?.service ?? s.to, type: s.type }] : [],
  );
  return { lab, participants, steps, messages, ...(run ? { run } : {}) };
}

/** A lifeline for one of the lab's services, under the lab's own label without the engine in brackets. */
function serviceOf(lab: LabDefinition, service: string): DiagramParticipant {
  const found = lab.services.find((s) => s.name === service);
  if (!found) throw new Error(`${lab.id} has no service ${service}`);
  return { id: service, label: found.label.replace(/\s*\([^)]*\)$/, ''), service };
}

const twoPhase = messageOf<TwoPhaseCommit>();
const COORDINATOR = serviceOf(twoPhaseCommit, 'coordinator');
const BANK_A = serviceOf(twoPhaseCommit, 'bank-a');
const BANK_B = serviceOf(twoPhaseCommit, 'bank-b');

/** Without two-phase commit: a caller debits one bank, crashes, and never reaches the other. */
const twoCommits = diagram(
  'two-phase-commit',
  [{ id: 'caller', label: 'Caller' }, BANK_A, BANK_B],
  [
    { kind: 'message', from: 'caller', to: 'bank-a', label: 'debit Alice 30' },
    action('bank-a', 'COMMIT (Alice: 70)'),
    { kind: 'message', from: 'bank-a', to: 'caller', label: 'ok', reply: true },
    { kind: 'crash', at: 'caller', label: 'crashes before Bank B' },
    action('bank-b', 'Bob: still 50'),
    note('70 + 50 = 120: 30 has left the system'),
  ],
);

/** One transfer through the lab's coordinator, both banks voting yes. */
const twoPhases = diagram(
  'two-phase-commit',
  [COORDINATOR, BANK_A, BANK_B],
  [
    action('coordinator', 'tx_log: tx-1 started'),
    twoPhase('coordinator', 'bank-a', 'prepare', { label: 'prepare tx-1' }),
    twoPhase('coordinator', 'bank-b', 'prepare', { label: 'prepare tx-1' }),
    action(['bank-a', 'bank-b'], 'PREPARE TRANSACTION'),
    twoPhase('bank-a', 'coordinator', 'vote', { label: 'vote yes', reply: true }),
    twoPhase('bank-b', 'coordinator', 'vote', { label: 'vote yes', reply: true }),
    action('coordinator', 'tx_log: decision = commit'),
    note('the commit point: the transfer has happened'),
    twoPhase('coordinator', 'bank-a', 'commit', { label: 'commit tx-1' }),
    twoPhase('coordinator', 'bank-b', 'commit', { label: 'commit tx-1' }),
    action(['bank-a', 'bank-b'], 'COMMIT PREPARED'),
    twoPhase('bank-a', 'coordinator', 'ack', { reply: true }),
    twoPhase('bank-b', 'coordinator', 'ack', { reply: true }),
    action('coordinator', 'tx_log: tx-1 done'),
  ],
  'transfer-30',
);

const sagaParticipant = (service: Participant | 'orchestrator') => serviceOf(orderSaga, service);

/** The orchestrator sends each step of the plan as a command and waits for the reply before the next one. */
const orchestration = diagram(
  'order-saga',
  (['orchestrator', ...PARTICIPANTS] as const).map(sagaParticipant),
  [
    action('orchestrator', 'saga_log: started'),
    ...STEPS.flatMap((step): SequenceStep[] => [
      handed('orchestrator', step.service, step.name),
      handed(step.service, 'orchestrator', 'reply', { label: 'reply: done', reply: true }),
    ]),
    action('orchestrator', 'saga_log: completed'),
  ],
  'order-orchestrated',
);

/**
 * Choreography, read from the lab's wiring: Orders creates the order and announces it, and each event is
 * handed to every participant that reacts to it, which runs its operation and announces what it did.
 */
function choreographySteps(): SequenceStep[] {
  const first = STEPS[0];
  if (!first?.announces.done) throw new Error('the saga plan starts with no announced step');
  const steps: SequenceStep[] = [action(first.service, first.name)];
  const queue: { readonly from: Participant; readonly event: EventName }[] = [{ from: first.service, event: first.announces.done }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const service of PARTICIPANTS) {
      const reaction = reactionTo(service, next.event, CORRECT.undoOrder);
      if (!reaction) continue;
      steps.push(handed(next.from, service, next.event), action(service, reaction.operation));
      if (reaction.done) queue.push({ from: service, event: reaction.done });
    }
  }
  return steps;
}

const choreography = diagram('order-saga', PARTICIPANTS.map(sagaParticipant), choreographySteps(), 'order-choreographed');

const eventual = messageOf<EventualConsistency>();
const DESK = { id: 'desk', label: 'Help desk', service: 'desk' };

/** Pattern 1: the ticket is written alone; a job on a timer reads one schema and writes the other. */
const background = diagram(
  'eventual-consistency',
  [
    DESK,
    { id: 'ticket-role', label: 'Ticket service', service: 'sync-shared', role: 'ticket_service' },
    { id: 'sync-role', label: 'Sync job', service: 'sync-shared', role: 'sync_job' },
    { id: 'customer-role', label: 'Customer service', service: 'sync-shared', role: 'customer_service' },
  ],
  [
    eventual('desk', 'sync-shared', 'open-ticket', { via: 'ticket-role' }),
    action('ticket-role', 'INSERT tickets.tickets'),
    note('the count is behind until the next run'),
    action('sync-role', `sync-run, every ${SYNC_INTERVAL_MS.toLocaleString('en')} ms`),
    { kind: 'message', from: 'sync-role', to: 'ticket-role', label: 'reads tickets.tickets' },
    { kind: 'message', from: 'sync-role', to: 'customer-role', label: 'writes customers.customers' },
    note('the count is right'),
  ],
  'open-ada',
);

/** Pattern 2: the ticket service calls the customer service before it opens the ticket. */
const request = diagram(
  'eventual-consistency',
  [
    DESK,
    { id: 'rq-tickets', label: 'Ticket service', service: 'rq-tickets' },
    { id: 'rq-customers', label: 'Customer service', service: 'rq-customers' },
  ],
  [
    eventual('desk', 'rq-tickets', 'open-ticket'),
    action('rq-tickets', 'T-1 pending'),
    eventual('rq-tickets', 'rq-customers', 'set-ticket-state', { label: 'set-ticket-state T-1 open v1' }),
    action('rq-customers', 'count + 1; ticket_states: T-1 v1'),
    eventual('rq-customers', 'rq-tickets', 'ticket-state-set', { label: 'ticket-state-set v1', reply: true }),
    action('rq-tickets', 'T-1 open'),
  ],
  'open-ada',
);

/** Pattern 3: the ticket and its event commit together; the broker hands the event on until it is acknowledged. */
const events = diagram(
  'eventual-consistency',
  [
    DESK,
    { id: 'ev-tickets', label: 'Ticket service', service: 'ev-tickets' },
    { id: 'broker', label: 'Broker', service: 'broker' },
    { id: 'ev-customers', label: 'Customer service', service: 'ev-customers' },
  ],
  [
    eventual('desk', 'ev-tickets', 'open-ticket'),
    action('ev-tickets', 'ticket + outbox row, one commit'),
    eventual('ev-tickets', 'broker', 'publish', { label: 'publish ticket-opened' }),
    action('broker', 'append to topic tickets'),
    eventual('broker', 'ev-customers', 'ticket-opened'),
    action('ev-customers', 'processed_keys + count + position'),
    eventual('ev-customers', 'broker', 'ack', { reply: true }),
  ],
  'open-ada',
);

export const DIAGRAMS = {
  'two-commits': twoCommits,
  'two-phases': twoPhases,
  orchestration,
  choreography,
  'background-sync': background,
  'request-based': request,
  'event-based': events,
} as const satisfies Readonly<Record<string, Diagram>>;

export type DiagramId = keyof typeof DIAGRAMS;
