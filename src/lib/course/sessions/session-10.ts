import type { SessionPlan } from '../types.ts';

const CHAPTER = '/boundaries/transactional-boundaries/';

export const session10: SessionPlan = {
  number: 10,
  title: 'Transactional boundaries',
  minutes: 50,
  chapters: [{ title: 'Transactional boundaries: isolation and aggregate size', path: CHAPTER }],
  goal: 'Learners watch two bookings overlap on real Postgres, lose an update on a seat counter and oversell the last seat by write skew, rank the fixes by what a collision costs, and argue how much a single transaction should hold.',
  predict:
    'Two travellers book DS101 at the same moment; each booking reads the free seats and writes the number less one. The flight had 7 free seats. How many does the counter show afterwards, and how many booking rows are there?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'One Postgres database, two flights of seven seats: DS101 counts its free seats in a row, DS202 counts its booking rows. Explain in a sentence how the lab makes two transactions overlap (a prepared transaction). Ask the predict question.',
      learners: 'Write down the counter and the number of rows.',
    },
    {
      minutes: '5–13',
      phase: 'Run',
      trainer: 'Open the lost-update demo. Read the two notes of step 2 aloud, then show `flights` and `bookings`.',
      learners: 'Compare with their prediction.',
      demo: 's10-lost-update',
    },
    {
      minutes: '13–20',
      phase: 'Practise',
      trainer:
        'Groups each take one of the four counter fixes (FOR UPDATE, atomic UPDATE, version check, REPEATABLE READ), press Reset, choose it and press Two bookings at once.',
      learners: 'Report the counter, the rows, and whether the second booking waited or retried.',
    },
    {
      minutes: '20–27',
      phase: 'Inject a fault',
      trainer:
        'Open the write-skew demo: every request overlaps another, bookings count rows under REPEATABLE READ. Stop at pair 7+8 and ask why a level that stopped the lost update lets this through.',
      learners: 'Find the step at which DS202 gets its eighth booking.',
      demo: 's10-write-skew',
    },
    {
      minutes: '27–32',
      phase: 'Run',
      trainer: 'Open the SERIALIZABLE demo: the same rush, and a `40001` from Postgres for every overlapping pair.',
      learners: 'Count the retries, and say which of them were needed.',
      demo: 's10-serializable',
    },
    {
      minutes: '32–42',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s Measured table (twelve requests, nine methods) on screen.',
      learners: 'Pick a method for one counter and one set-based rule in their own systems.',
    },
    {
      minutes: '42–50',
      phase: 'Practise',
      trainer: 'Pairs do `never-oversell`; `stop-write-skew` and `catch-lost-update` as homework.',
      learners: 'Write the one statement and press Check.',
    },
  ],
  demos: [
    {
      id: 's10-lost-update',
      title: 'Two bookings at once: two rows, one seat off the counter',
      chapter: CHAPTER,
      lab: 'isolation',
      seed: 42,
      script: [{ at: 0, action: 'two-at-once' }],
      step: 2,
      pointAt: [
        'Step 2, first note: p01’s booking is written and prepared, so it still holds its lock and p02 reads the counter as 7, as Postgres shows it.',
        'Second note: p02’s write would wait for that lock, so the lab commits p01 first; p02 then writes the 6 it computed from its read (the moment marked “by the lab”).',
        '`flights` shows DS101 with `seats_left = 6` and `bookings` two rows: `counter-agrees` is broken, one update lost. The `CHECK (seats_left >= 0)` could not catch it: the counter is too high, not negative.',
      ],
    },
    {
      id: 's10-write-skew',
      title: 'Counting rows under REPEATABLE READ: eight bookings for seven seats',
      chapter: CHAPTER,
      lab: 'isolation',
      seed: 42,
      script: [
        { at: 0, action: 'method-check-then-insert-rr' },
        { at: 0, fault: 'rush' },
        { at: 0, action: 'run-workload' },
      ],
      step: 16,
      pointAt: [
        'Steps 5, 7 and 9: the first three pairs each book two seats on DS202 without trouble; six rows, one seat left.',
        'Step 11: p07 and p08 each count six rows in their own snapshot, each insert a row of their own, and both commit: DS202 has 8 bookings for 7 seats, and `not-oversold` is broken.',
        'Steps 13 and 15: the last two pairs are refused. The Measured panel reads 8 booked, 1 oversold, 0 lost updates, 0 retries.',
      ],
    },
    {
      id: 's10-serializable',
      title: 'The same rush under SERIALIZABLE: a retry for every pair',
      chapter: CHAPTER,
      lab: 'isolation',
      seed: 42,
      script: [
        { at: 0, action: 'method-serializable' },
        { at: 0, fault: 'rush' },
        { at: 0, action: 'run-workload' },
      ],
      step: 16,
      pointAt: [
        'Steps 5, 7, 9 and 11: the second booking of each pair fails at its `COMMIT` with `40001` from Postgres, not from the lab, and retries.',
        'Step 11: p08’s retry counts seven rows and refuses; DS202 ends with exactly 7 bookings and `not-oversold` holds.',
        'The Measured panel reads 7 booked, 0 oversold, 4 retries: three of those pairs could both have had a seat.',
      ],
    },
  ],
  exercises: [
    { lab: 'isolation', id: 'catch-lost-update', chapter: CHAPTER, note: 'The lost-update demo is the state it wants.' },
    { lab: 'isolation', id: 'stop-write-skew', chapter: CHAPTER },
    {
      lab: 'isolation',
      id: 'never-oversell',
      chapter: CHAPTER,
      note: 'The one to do in pairs: checked on runs where every booking overlaps another.',
    },
  ],
  discussion: [
    {
      question: 'Both bookings succeeded. Where did the lost seat go?',
      answer:
        'Each read 7 and wrote 6: under READ COMMITTED the second booking’s update waits for the first, then overwrites it with a value computed from a read that is no longer true. Postgres re-reads the row it updates, not the number the application computed from it. Nothing fails, nothing goes negative; the counter is simply one too high.',
    },
    {
      question: 'The four counter fixes all sold exactly seven. How do they differ?',
      answer:
        'In what a collision costs. `FOR UPDATE` and the atomic `UPDATE … WHERE seats_left > 0` make the second booking wait for the lock and never retry. The version check and REPEATABLE READ let it run, then fail it (0 rows matched, or `40001`) and retry, one retry per collision. The atomic update also needs no read at all: a full flight matches no row, and that is the refusal.',
    },
    {
      question: 'REPEATABLE READ stopped the lost update. Why did it not stop the eighth booking?',
      answer:
        'Because the two bookings never wrote the same row. Each read the set of booking rows in its own snapshot, saw six, and inserted a different row; no row conflict, nothing to detect. That is write skew: a rule over a set of rows, checked by reading the set and broken by two writes to different rows. Only one pair in the workload met the last seat, which is why it slips through tests.',
    },
    {
      question: 'SERIALIZABLE fixed it. Why not make it the default everywhere?',
      answer:
        'It paid a retry for every overlapping pair that found seats free, four in the demo, because Postgres cannot tell a harmless cycle of reads and writes from a harmful one. Every caller must be ready to retry on `40001`. The unique seat number turns the same hidden conflict into a visible `23505`, at a similar cost; a rule over a set can also be made a single row, such as a counter updated atomically.',
    },
    {
      question: 'How big should one transaction be?',
      answer:
        'As big as the rules that must hold at every commit, and no bigger. A flight object holding its schedule, seat map and every booking, saved under one version number, makes a schedule change and a booking collide although they share no rule, and makes every booking on a busy flight queue behind every other. Small aggregates (a seat hold, a booking, the schedule) each guard their own rule; rules across them are kept between transactions, with events and, for the rare failure, a compensation the business already knows, like rebooking an overbooked passenger.',
    },
  ],
};
