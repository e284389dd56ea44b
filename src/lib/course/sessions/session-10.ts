import type { SessionPlan } from '../types.ts';

const CHAPTER = '/boundaries/transactional-boundaries/';
const AGGREGATES = '/boundaries/aggregates/';

export const session10: SessionPlan = {
  number: 10,
  title: 'Transactional boundaries',
  minutes: 75,
  chapters: [
    { title: 'Transactional boundaries: isolation and aggregate size', path: CHAPTER },
    { title: 'Aggregate size: one flight, or small holds and an apology', path: AGGREGATES },
  ],
  goal: 'Learners watch two bookings overlap on real Postgres, lose an update on a seat counter and oversell the last seat by write skew, rank the fixes by what a collision costs, then put one rush of bookings through a flight modelled as one aggregate and as small aggregates with holds, and weigh retries and failures against overbooking and apologies.',
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
    {
      minutes: '50–57',
      phase: 'Run',
      trainer:
        'Second chapter. Open the one-flight demo: 24 passengers, 15 seats, the whole flight saved under one version, and a re-plan in the middle. Read the notes of steps 19–26, 35 and 43 aloud, then show `flights`.',
      learners: 'Count how many saves of step 43 matched 0 rows, and say what the schedule edits had to do with the bookings.',
      demo: 's10-one-flight',
    },
    {
      minutes: '57–64',
      phase: 'Run',
      trainer:
        'Open the small-aggregates demo at the gate: the same kind of rush, holds instead of one version, two seats of overbooking. Show `seat_holds`, the boarding and apologies table, and ticketing’s `tickets` beside reservations’ `bookings`.',
      learners: 'Find the bumped passenger and the apology; name two fields a ticket has that a booking does not.',
      demo: 's10-small-gate',
    },
    {
      minutes: '64–70',
      phase: 'Discuss',
      trainer: 'The last two questions below, with the second chapter’s Measured table on screen.',
      learners: 'Say which rule of their own systems they could move out of the transaction, and what the apology would be.',
    },
    {
      minutes: '70–75',
      phase: 'Practise',
      trainer: 'Pairs do `version-checked-save`; `catch-a-hold` and `ticketed-after-outage` as homework.',
      learners: 'Write the save with :version and :sold and press Check.',
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
    {
      id: 's10-one-flight',
      title: 'One flight aggregate: bookings and a schedule edit fight for one version',
      chapter: AGGREGATES,
      lab: 'flight-booking',
      seed: 5,
      script: [
        { at: 0, action: 'model-one-flight' },
        { at: 0, fault: 'replan-mid-rush' },
        { at: 0, action: 'run-workload' },
      ],
      step: 43,
      pointAt: [
        'Steps 19 to 26: the re-plan’s schedule edits collide with each other; each saves the whole flight, so each loses to the one before. A save that matched 0 rows is an answer from Postgres, not an error.',
        'Step 35: a schedule edit’s retry saved first, and the bookings of p01 and p02 matched 0 rows: they lost to a change of departure time, which shares their version and no rule.',
        'Step 43: four saves of one tick matched 0 rows, bookings and edits alike. Each goes round again at the next tick, up to four attempts; then the passenger is told it failed.',
      ],
    },
    {
      id: 's10-small-gate',
      title: 'Small aggregates: holds that skip each other, and an apology at the gate',
      chapter: AGGREGATES,
      lab: 'flight-booking',
      seed: 5,
      script: [
        { at: 0, action: 'model-small' },
        { at: 0, action: 'run-workload' },
      ],
      step: 194,
      pointAt: [
        'The timeline’s notes: “holds prepared at once” for every busy tick, up to five in one tick. No save matched 0 rows.',
        'Step 194: the gate closed with 15 boarded, 1 no-show and 1 bumped; the boarding and apologies table shows the bumped passenger rebooked on the next flight, and `one-apology-each` holds.',
        'Ticketing’s `tickets` against reservations’ `bookings`: a record locator and a passport name such as LOVELACE/ADA on one side, a booking id and Ada Lovelace on the other, joined only by `reservation_ref`.',
      ],
    },
  ],
  exercises: [
    { lab: 'flight-booking', id: 'catch-a-hold', chapter: AGGREGATES, note: 'Step, do not play: a hold lives 300 ms.' },
    { lab: 'flight-booking', id: 'ticketed-after-outage', chapter: AGGREGATES },
    {
      lab: 'flight-booking',
      id: 'version-checked-save',
      chapter: AGGREGATES,
      note: 'The one to do in pairs: checked on two rushes in which bookings save at once.',
    },
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
    {
      question: 'The one-flight model sold all 30 seats and oversold nothing. What did it cost?',
      answer:
        'Time and customers. Only one save per tick can match the version, so on the standard rush 53 saves matched 0 rows against 17 that went through, and six passengers were told their booking failed after four attempts. A re-plan in the middle made it worse: more failures, fewer bookings, seats flown empty. None of those writes had a rule in common with the others; they only shared a version number.',
    },
    {
      question: 'The small model bumped a passenger at the gate. Is that a bug?',
      answer:
        'No: it is a decision the business made when it set the overbooking limit, and the lab checks it is kept, every bumped passenger with exactly one apology. The rule “no more passengers than seats” moved out of the booking transaction to the gate, where it is cheaper to keep: holds that lapse stop seats being claimed forever, the limit caps the risk, and the apology is the airline’s existing process. A limit set too high makes apologies common; too low, and seats fly empty. Choosing it is a business question the data can answer.',
    },
  ],
};
