import type { SessionPlan } from '../types.ts';

const CHAPTER = '/reading/cqrs/';

export const session6: SessionPlan = {
  number: 6,
  title: 'CQRS: a read model, and watching it lag',
  minutes: 40,
  chapters: [{ title: 'CQRS: a read model, and watching it lag', path: CHAPTER }],
  goal: 'Learners see a read model miss an order that the write side already holds, watch the backlog grow under load, and weigh each fix (read-your-writes, version tokens, optimistic UI, push) by what the lab measured.',
  predict: 'A customer pays and opens My orders 20 ms later. What do they see?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer: 'A shop: orders written in Postgres, read from a flat read model a projector builds. Ask the predict question.',
      learners: 'Write down what My orders shows.',
    },
    {
      minutes: '5–12',
      phase: 'Run',
      trainer: 'Open the stale-read demo. Show the order in the order service’s tables and missing from `my_orders`.',
      learners: 'Compare with their prediction.',
      demo: 's6-stale-read',
    },
    {
      minutes: '12–20',
      phase: 'Inject a fault',
      trainer: 'Open the rush-hour demo with the slow projector and watch the backlog measure grow.',
      learners: 'Estimate how long the last order of the rush waits before it is visible.',
      demo: 's6-rush-hour',
    },
    {
      minutes: '20–28',
      phase: 'Discuss',
      trainer: 'Each fix against the chapter’s measured table; the questions below.',
      learners: 'Pick a fix for one page of their own systems.',
    },
    {
      minutes: '28–38',
      phase: 'Practise',
      trainer: 'Pairs do `write-the-upsert`.',
      learners: 'Write the idempotent, ordered projection.',
    },
    {
      minutes: '38–40',
      phase: 'Close',
      trainer: 'Which pages of your systems need read-your-writes, and what would it cost there?',
      learners: 'Name one page.',
    },
  ],
  demos: [
    {
      id: 's6-stale-read',
      title: 'The order is written, and My orders does not show it',
      chapter: CHAPTER,
      lab: 'cqrs-lag',
      seed: 42,
      script: [
        { at: 0, action: 'place' },
        { at: 0, action: 'open-my-orders' },
      ],
      step: 11,
      pointAt: [
        'Step 5: the order service has answered, order `Y-1` at position 1.',
        'Step 11: the page read after placing says “Y-1 is not there (0 orders shown)”; the read model has not fetched the event yet.',
        'The tables: `Y-1` in the order service’s `orders`, nothing in `my_orders`. Step on and it appears about 50 ms after it was written.',
      ],
    },
    {
      id: 's6-rush-hour',
      title: 'Rush hour with a slow projector: the backlog grows',
      chapter: CHAPTER,
      lab: 'cqrs-lag',
      seed: 42,
      script: [
        { at: 0, fault: 'projector-slow' },
        { at: 0, action: 'rush' },
        { at: 0, action: 'place' },
        { at: 0, action: 'open-my-orders' },
      ],
      step: 200,
      pointAt: [
        'Sixty orders in half a second against a projector that spends 40 ms per event: the backlog measure peaked at 70 events and has not drained.',
        '`every-order-visible` is pending with 51 of 56 orders not in the read model yet; the page read after placing showed no order.',
        'Press Play to the end and read the lag figures: the read model is eventually whole, and `read-model-converges` holds once it is quiet.',
      ],
    },
  ],
  exercises: [
    { lab: 'cqrs-lag', id: 'catch-the-lag', chapter: CHAPTER },
    { lab: 'cqrs-lag', id: 'poison-dead-lettered', chapter: CHAPTER },
    { lab: 'cqrs-lag', id: 'write-the-upsert', chapter: CHAPTER, note: 'The one to do in pairs in the session.' },
  ],
  discussion: [
    {
      question: 'The order was committed. Why was the page wrong, and for how long?',
      answer:
        'The page read the read model, which only has what the projector has applied. The projector fetches events after it is woken and commits them in a batch, so there is always a window between the commit and the read model; in the demo it is about 50 ms, and under rush hour with the slow projector it grows to seconds.',
    },
    {
      question: 'Read-your-writes sends reads to the write side for a while after a write. What does it cost?',
      answer:
        'Load on the write side and a second query path to maintain: for a short window the page reads the normalised tables instead of the flat model. The Measured panel counts these write-side reads per fix.',
    },
    {
      question: 'What does a version token do that a fixed delay does not?',
      answer:
        'The write returns the position of its event; the page waits until the read model has reached that position, so it waits exactly as long as needed and no longer, up to a limit (500 ms in the lab) after which it shows what it has.',
    },
    {
      question: 'Why must the projection be idempotent and ordered by version?',
      answer:
        'Batches can arrive twice or out of order (the lab’s duplicate and reorder faults). An upsert that applies an event only when its version is newer than the row’s makes a repeated or late event harmless; `no-event-applied-twice` checks it.',
    },
  ],
};
