import type { SessionPlan } from '../types.ts';

const EVENTUAL = '/transactions/eventual-consistency/';
const CHOOSING = '/transactions/choosing/';

export const session5: SessionPlan = {
  number: 5,
  title: 'Eventual consistency, and choosing between two-phase commit and a saga',
  minutes: 90,
  chapters: [
    { title: 'Eventual consistency, three ways', path: EVENTUAL },
    { title: 'When two-phase commit, when a saga', path: CHOOSING },
  ],
  goal: 'Learners compare background sync, request-based and event-based consistency on one workload and one outage, and make a reasoned choice between two-phase commit and a saga for a case from their own systems.',
  predict: 'The Customer service is down for two seconds. Which pattern still takes tickets?',
  agenda: [
    {
      minutes: '0–10',
      phase: 'Frame',
      trainer: 'One ticket, one open-ticket count, two owners. Ask the predict question.',
      learners: 'Write down, per pattern, whether a ticket opened during the outage is accepted.',
    },
    {
      minutes: '10–25',
      phase: 'Inject a fault',
      trainer: 'Open the outage demo: the customer side down in all three patterns, one ticket for Ada. Go lane by lane.',
      learners: 'Compare with their prediction, pattern by pattern.',
      demo: 's5-customer-side-down',
    },
    {
      minutes: '25–35',
      phase: 'Run',
      trainer: 'Open the recovery demo: the fault off, both Customer services restarted. Show how each pattern settles.',
      learners: 'Read the Measured panel: which pattern was inconsistent longest?',
      demo: 's5-customer-side-back',
    },
    {
      minutes: '35–50',
      phase: 'Run',
      trainer:
        'Switch to the choosing chapter. Open the slow-bank demo: a prepared transfer holds Alice’s row for over a second, and a second transfer is refused by the lock.',
      learners: 'Say what a saga would have done with the second transfer.',
      demo: 's5-slow-bank-holds-the-row',
    },
    {
      minutes: '50–65',
      phase: 'Discuss',
      trainer: 'The questions below; then each group takes a case from their own systems through the chapter’s decision questions.',
      learners: 'Decide: two-phase commit, saga, or eventual consistency, with the reason.',
    },
    {
      minutes: '65–88',
      phase: 'Practise',
      trainer: 'Pairs do the exercises.',
      learners: 'Do the exercises.',
    },
    {
      minutes: '88–90',
      phase: 'Close',
      trainer: 'Next: reading data you do not own, and how stale it may be.',
      learners: 'Keep their decision for the next session.',
    },
  ],
  demos: [
    {
      id: 's5-customer-side-down',
      title: 'The customer side down: three patterns, three answers',
      chapter: EVENTUAL,
      lab: 'eventual-consistency',
      seed: 42,
      script: [
        { at: 0, fault: 'customers-down' },
        { at: 0, action: 'open-ada' },
      ],
      step: 21,
      pointAt: [
        'Pattern 1 (background sync) took the ticket; each sync run fails because the customers schema cannot be reached, so the count stays wrong.',
        'Pattern 2 (request-based) retried its call three times and then refused Ada’s ticket at step 21; the compensating call is queued.',
        'Pattern 3 (event-based) took the ticket; the broker tried four deliveries to the Customer service, which is down, and now waits for it to resume.',
      ],
    },
    {
      id: 's5-customer-side-back',
      title: 'The customer side back: each pattern settles its own way',
      chapter: EVENTUAL,
      lab: 'eventual-consistency',
      seed: 42,
      script: [
        { at: 0, fault: 'customers-down' },
        { at: 0, action: 'open-ada' },
        { at: 21, fault: 'customers-down', on: false },
        { at: 21, restart: 'rq-customers' },
        { at: 21, restart: 'ev-customers' },
      ],
      step: 31,
      pointAt: [
        'Step 24: the restarted Customer service of pattern 3 resumes from its offset, gets the event, and Ada’s count is 1.',
        'Pattern 2’s ticket stays refused: its compensating call (version 2, not open) is answered, and its count never rose.',
        'All four invariants hold. The inconsistency window: background sync showed a wrong count for 3,000 ms, the event-based pattern for 2,122 ms; pattern 2 was never wrong, and turned Ada away instead.',
      ],
    },
    {
      id: 's5-slow-bank-holds-the-row',
      title: 'A slow bank: a prepared transfer holds Alice’s row, and the next transfer is refused',
      chapter: CHOOSING,
      lab: 'two-phase-commit',
      seed: 42,
      script: [
        { at: 0, fault: 'bank-b-slow' },
        { at: 0, action: 'transfer-30' },
        { at: 3, action: 'transfer-80' },
      ],
      step: 24,
      pointAt: [
        'Step 6: Bank A cannot take Alice’s row for `tx-2` (55P03) because `tx-1` holds it prepared, so it votes no and `tx-2` aborts.',
        'Bank B prepares `tx-1` only 1,200 ms later; then both commit.',
        'The lock-hold measure: Bank A held Alice’s row for 1,224 ms of virtual time, waiting for the slowest participant.',
      ],
    },
  ],
  exercises: [
    { lab: 'eventual-consistency', id: 'catch-the-lag', chapter: EVENTUAL },
    { lab: 'eventual-consistency', id: 'refuse-a-ticket', chapter: EVENTUAL },
    { lab: 'eventual-consistency', id: 'counted-once', chapter: EVENTUAL },
    { lab: 'eventual-consistency', id: 'write-the-sync', chapter: EVENTUAL },
    { lab: 'two-phase-commit', id: 'refused-by-a-lock', chapter: CHOOSING },
    { lab: 'order-saga', id: 'pass-the-held-row', chapter: CHOOSING },
    { lab: 'order-saga', id: 'report-what-was-kept', chapter: CHOOSING },
  ],
  discussion: [
    {
      question: 'Which pattern kept taking tickets during the outage, and what did the customer see in each?',
      answer:
        'Background sync and the event-based pattern both accepted Ada’s ticket: the ticket side does not wait for the customer side. Their counts were wrong until the customer side came back. The request-based pattern refused the ticket after its retries, so its count was never wrong, but Ada was turned away.',
    },
    {
      question: 'The event-based pattern was delivered the same event several times. Why is the count not raised twice?',
      answer:
        'The Customer service records each event’s key in `processed_keys` in the same transaction as the count change, so a second delivery of the same event is recognised and skipped. Redelivery is the broker’s promise; applying once is the consumer’s job.',
    },
    {
      question: 'Why does the request-based pattern send a compensating call for a ticket it refused?',
      answer:
        'Its first call may have arrived and been applied even though no answer came back. The compensating call (a newer version, “not open”) makes sure the Customer service ends up agreeing with the refusal; the version check makes it harmless if the first call never arrived.',
    },
    {
      question: 'In the slow-bank demo nothing failed, yet one transfer was refused. Is that a problem with two-phase commit?',
      answer:
        'It is its price: a participant holds its locks from prepare until the decision, so the slowest participant sets how long everyone else waits, and a second transfer on the same row is refused in the meantime. A saga commits each step locally at once and holds no lock across services, but lets others see the intermediate state.',
    },
    {
      question: 'When is two-phase commit still the right choice?',
      answer:
        'When the participants are databases you control that support it, they are few and close, the transaction is short, and an intermediate state must never be visible. Across services owned by different teams, or any participant behind an HTTP API, a saga or eventual consistency fits better.',
    },
  ],
  shorter:
    'For 60 minutes, run the two eventual-consistency demos and the choosing discussion; set the slow-bank demo and the exercises as homework.',
};
