import type { SessionPlan } from '../types.ts';

const TWO_PC = '/transactions/two-phase-commit/';
const SAGAS = '/transactions/sagas/';

export const session4: SessionPlan = {
  number: 4,
  title: 'Two-phase commit and sagas',
  minutes: 90,
  chapters: [
    { title: 'Local ACID and two-phase commit', path: TWO_PC },
    { title: 'Sagas', path: SAGAS },
  ],
  goal: 'Learners see a prepared transaction hold a real row lock in Postgres until a coordinator decides, and a saga undo its steps newest first when a later step fails; they can say what each approach asks of its participants.',
  predict: 'The coordinator dies after both banks voted yes. Can Alice spend her money?',
  agenda: [
    {
      minutes: '0–10',
      phase: 'Frame',
      trainer:
        'Alice at Bank A, Bob at Bank B, one transfer, and the rule that the total stays 150. Ask the predict question; everyone writes an answer.',
      learners: 'Write down what Bank A does after the crash.',
    },
    {
      minutes: '10–25',
      phase: 'Run',
      trainer:
        'On the projector, step through Transfer 30 without faults and stop at each message. Then run Transfer 80 after it and watch Bank A vote no.',
      learners: 'Call out the next message before each step.',
    },
    {
      minutes: '25–40',
      phase: 'Inject a fault',
      trainer:
        'Open the in-doubt demo. In Bank A’s console: `pg_prepared_xacts`, `pg_locks`, then `FOR UPDATE NOWAIT` and its 55P03. A volunteer runs a plain `UPDATE` on Alice’s row and the room watches it hang until the watchdog steps in.',
      learners: 'Run the same queries in their own lab from the same link.',
      demo: 's4-in-doubt',
    },
    {
      minutes: '40–45',
      phase: 'Run',
      trainer: 'Open the presumed-abort demo: the coordinator back, its log without a decision, both banks rolled back.',
      learners: 'Say whether the transfer should have happened.',
      demo: 's4-presumed-abort',
    },
    {
      minutes: '45–60',
      phase: 'Run',
      trainer: 'Switch to the saga. Open the declined-card demo and read the orchestrator’s notes from the bottom up.',
      learners: 'Predict the order of the compensations before you show them.',
      demo: 's4-declined-card',
    },
    {
      minutes: '60–70',
      phase: 'Discuss',
      trainer: 'Compare with the predictions, then the questions below.',
      learners: 'Answer with what the consoles and the timeline showed.',
    },
    {
      minutes: '70–88',
      phase: 'Practise',
      trainer: 'Pairs choose: the two-phase-commit exercises or the saga exercises.',
      learners: 'Do the exercises.',
    },
    {
      minutes: '88–90',
      phase: 'Close',
      trainer: 'Where does a business action in your systems span two databases?',
      learners: 'Name one.',
    },
  ],
  demos: [
    {
      id: 's4-in-doubt',
      title: 'Both banks prepared, the coordinator gone: Alice’s row is locked',
      chapter: TWO_PC,
      lab: 'two-phase-commit',
      seed: 42,
      script: [
        { at: 0, fault: 'coordinator-crash-after-prepare' },
        { at: 0, action: 'transfer-30' },
      ],
      step: 5,
      pointAt: [
        'Step 5: both votes are yes and the coordinator crashed before deciding.',
        '`nothing-in-doubt` is broken: `tx-1` is prepared on both banks, and nothing will resolve it until the coordinator comes back.',
        'In Bank A’s console, `SELECT * FROM pg_prepared_xacts` lists `tx-1`, and `SELECT … FOR UPDATE NOWAIT` on Alice’s row fails with 55P03.',
      ],
    },
    {
      id: 's4-presumed-abort',
      title: 'The coordinator comes back: no decision logged, so abort',
      chapter: TWO_PC,
      lab: 'two-phase-commit',
      seed: 42,
      script: [
        { at: 0, fault: 'coordinator-crash-after-prepare' },
        { at: 0, action: 'transfer-30' },
        { at: 5, fault: 'coordinator-crash-after-prepare', on: false },
        { at: 5, restart: 'coordinator' },
      ],
      step: 11,
      pointAt: [
        'The coordinator’s recovery note: `tx-1` has no decision in the log, so it is presumed aborted.',
        'Both banks rolled back; every invariant holds, and the total is still 150.',
        'The lock-hold measure: each bank held Alice’s or Bob’s row for the whole time the coordinator was away.',
      ],
    },
    {
      id: 's4-declined-card',
      title: 'A declined card, compensated newest first',
      chapter: SAGAS,
      lab: 'order-saga',
      seed: 42,
      script: [
        { at: 0, fault: 'payment-declined' },
        { at: 0, action: 'order-orchestrated' },
      ],
      step: 44,
      pointAt: [
        'The orchestrator’s notes: order created, stock reserved, charge failed, then release-stock and cancel-order, in the reverse order of the steps done.',
        'The compensations measure: steps done “place-order → reserve-stock”, undone “release-stock → cancel-order”.',
        'Every invariant holds: stock is back (kettle 20), Payments kept nothing, the saga ended compensated.',
      ],
    },
  ],
  exercises: [
    { lab: 'two-phase-commit', id: 'strand-a-transfer', chapter: TWO_PC },
    { lab: 'two-phase-commit', id: 'prove-the-lock', chapter: TWO_PC },
    { lab: 'two-phase-commit', id: 'resolve-by-hand', chapter: TWO_PC },
    { lab: 'order-saga', id: 'charge-twice', chapter: SAGAS },
    { lab: 'order-saga', id: 'park-a-refund', chapter: SAGAS },
    { lab: 'order-saga', id: 'redrive-it', chapter: SAGAS },
    { lab: 'order-saga', id: 'find-half-finished', chapter: SAGAS },
  ],
  discussion: [
    {
      question: 'Bank A voted yes and has heard nothing since. Why can it not simply roll back?',
      answer:
        'A yes vote is a promise to commit if told to. The coordinator may already have logged commit and told Bank B, which committed; if Bank A rolled back on its own, Bob would have the money and Alice would still have it too, and the total would no longer be 150. Only the coordinator’s log can say which way it went.',
    },
    {
      question: 'Presumed abort threw away a transfer both banks were ready to make. Who notices, and what must they do?',
      answer:
        'Whoever asked for the transfer: it did not happen, and nobody was charged. They have to be told, or try again. That is the price of a rule that lets a coordinator without a logged decision clean up safely.',
    },
    {
      question: 'Why does the coordinator write its decision down before sending it?',
      answer:
        'If it sent commit first and crashed, one bank might have committed while the recovered coordinator, finding no decision, would abort the other. With the decision logged first, recovery repeats it: the lab’s `coordinator-crash-after-decision` fault shows the commit being sent again after the restart.',
    },
    {
      question: 'The saga undid the reservation before cancelling the order. Why that order?',
      answer:
        'Compensations run newest first, so every intermediate state is one the forward path could also have produced: an order without a reservation, never a reservation without its order. The `undo-newest-first` invariant checks exactly that.',
    },
    {
      question: 'A compensation is not a rollback. What is the difference a customer could see?',
      answer:
        'A rollback makes it as if nothing happened; a compensation does something new that cancels the effect. Between the step and its compensation, others could see the reservation; a refund appears as its own line in the payments ledger next to the charge.',
    },
  ],
  shorter:
    'For 60 minutes, keep the in-doubt demo and the declined card, and skip the presumed-abort demo; set the saga exercises as homework.',
};
