import type { SessionPlan } from '../types.ts';

const CHAPTER = '/analytics/feeding-analytics/';

export const session14: SessionPlan = {
  number: 14,
  title: 'Feeding analytics',
  minutes: 55,
  chapters: [{ title: 'Feeding analytics: batch, streams, Lambda, Kappa and reverse ETL', path: CHAPTER }],
  goal: 'Learners feed one analytics store four ways from the same ticket workload, measure each feed’s freshness and error against the operational database, watch a late event get dropped and a Lambda speed layer get corrected overnight, deploy new logic by replaying the log, and find the second writer that reverse ETL creates.',
  predict:
    'A field agent closes a ticket at 23:50 offline; the laptop syncs at 00:30. Which of the four reports (nightly batch, change stream, Lambda, Kappa) count that closure in the right day, and when?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'Recall Part I: the report moved to a copy. Today: what kind of copy. Draw the four feeds on the board (batch, stream, speed layer plus batch, one stream plus a replayable log). Ask the predict question.',
      learners: 'Write down, per feed, "right", "wrong for good" or "right from tomorrow".',
    },
    {
      minutes: '5–14',
      phase: 'Run',
      trainer:
        'Open the late-events demo at read 2. Show the note where stream_v1 and speed_daily drop three closures, then the analyst’s note: batch and Lambda off by 3 until tonight, stream v1 off by 3 for good. Run `SELECT * FROM late_events`.',
      learners: 'Compare with their prediction; say which reports will recover and when.',
      demo: 's14-late-dropped',
    },
    {
      minutes: '14–22',
      phase: 'Inject a fault',
      trainer:
        'Open the speed-layer-bug demo at the second night. The serving view looked right for past days all along: the batch had taken over. The nightly note says how far the speed layer was off for the day it just replaced.',
      learners: 'Name the two code paths that must agree (stream-job.ts and nightly.ts) and what it takes to change the counting rule.',
      demo: 's14-lambda-bug',
    },
    {
      minutes: '22–30',
      phase: 'Practise',
      trainer:
        'In their own lab: Late events on, run the days, then Deploy v2 by replay. Point at the replay note (its engine time is measured on their machine) and the switch of `serving`.',
      learners: 'Do the `replay-to-v2` exercise; compare stream_v1 and stream_v2 with the chapter’s SQL.',
    },
    {
      minutes: '30–38',
      phase: 'Run',
      trainer:
        'Open the reverse-ETL demo: the agent’s form saves customer 1’s profile and puts back the score it read before the pipeline wrote a new one. Show `table_writers`: two roles on `customers`.',
      learners: 'Say which Part II rule is broken, and propose two ways out.',
      demo: 's14-form-overwrite',
    },
    {
      minutes: '38–48',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s two Measured tables on screen.',
      learners: 'Choose a feed for one report of their own, and a home for one score.',
    },
    {
      minutes: '48–55',
      phase: 'Practise',
      trainer: 'Pairs start `write-the-aggregate`; `score-with-one-writer` and `catch-lambda-disagreeing` as homework.',
      learners: 'Write the statements and press Check.',
    },
  ],
  demos: [
    {
      id: 's14-late-dropped',
      title: 'Late closures: dropped by the stream, caught by tonight’s batch',
      chapter: CHAPTER,
      lab: 'analytics-feeds',
      seed: 14,
      script: [
        { at: 0, fault: 'late-events' },
        { at: 0, action: 'run-days' },
      ],
      step: 116,
      pointAt: [
        'Steps 47–50: three tickets closed offline late on day 1; the laptops sync 700 ms later, after midnight.',
        'Step 108: stream_v1 and speed_daily drop all three: a change from day 2 had already closed day 1’s window.',
        'Step 116, the analyst’s read 2: the batch is about 700 ms behind and, like Lambda, off by 3 until the next night; stream v1 is fresh and off by 3 for good.',
      ],
    },
    {
      id: 's14-lambda-bug',
      title: 'A bug in one of Lambda’s two paths, replaced overnight',
      chapter: CHAPTER,
      lab: 'analytics-feeds',
      seed: 14,
      script: [
        { at: 0, fault: 'speed-layer-bug' },
        { at: 0, action: 'run-days' },
      ],
      step: 144,
      pointAt: [
        'The speed layer counts each closure on the day its ticket was opened; the nightly SQL counts it on the day it was closed.',
        'Step 144: the second night. Its note says by how many tickets the speed layer was off for the days the batch now serves; `lambda_daily` switches to the batch’s figures.',
        'In the Measured panel, Lambda is never off on a past day at a read: the reader only sees the wrong figure for today, all day.',
      ],
    },
    {
      id: 's14-form-overwrite',
      title: 'Reverse ETL as a second writer: the form saves an old score over a new one',
      chapter: CHAPTER,
      lab: 'analytics-feeds',
      seed: 14,
      script: [
        { at: 0, fault: 'late-events' },
        { at: 0, action: 'run-days' },
      ],
      step: 92,
      pointAt: [
        'Just after midnight an agent opens customer 1’s profile; the form holds the whole row, churn_risk included.',
        'The nightly run scores churn risk and the pipeline, as role reverse_etl, writes customers.churn_risk.',
        'Step 92: the form is saved with the churn_risk it read, over the new score. `table_writers` lists customer_app and reverse_etl on `customers`; one-writer-per-table is broken.',
      ],
    },
  ],
  exercises: [
    { lab: 'analytics-feeds', id: 'catch-lambda-disagreeing', chapter: CHAPTER, note: 'The speed-layer-bug demo is the state it wants.' },
    { lab: 'analytics-feeds', id: 'replay-to-v2', chapter: CHAPTER },
    { lab: 'analytics-feeds', id: 'score-with-one-writer', chapter: CHAPTER },
    {
      lab: 'analytics-feeds',
      id: 'write-the-aggregate',
      chapter: CHAPTER,
      note: 'The one to do in pairs: checked on hidden runs with redelivered and overtaken batches and late closures.',
    },
  ],
  discussion: [
    {
      question: 'The batch was off by 3 on day 1 at read 2, yet its invariant held. How can both be true?',
      answer:
        'The invariant compares the batch with the ticket service at the batch’s cut-off, and the three closures synced after it. At its cut-off the batch was exactly right; it simply cannot know what is recorded later. The next night’s cut-off includes them, and the error goes away. That is T+1 freshness applied to correctness as well as to recency.',
    },
    {
      question: 'Why does stream v1 stay wrong, while Kappa after the replay is right?',
      answer:
        'v1’s rule for a closed window is to drop; once dropped, nothing in the job ever reads that change again. Kappa deploys a different rule (count a late change into its day) and, because the log is retained from offset 0, can apply it to the whole history. A real stream engine offers the same choice as allowed lateness: a longer wait before closing a window, or restating a window that already fired.',
    },
    {
      question: 'Lambda looked right on every past day at every read. What did it cost?',
      answer:
        'Two implementations of the counting rule, in two languages, kept in step by hand; a day of wrong figures for today whenever they drift; and the nightly batch’s full cost on top of the stream. The correction hides the speed layer’s mistakes rather than fixing them.',
    },
    {
      question: 'A replay took a few milliseconds here. When does it stop being cheap?',
      answer:
        'Its cost grows with the retained log: months of changes at production volume take hours of cluster time, and the new table must catch up with the head while the live job goes on. Teams then replay from a snapshot (a compacted topic, a table format’s snapshot) rather than offset 0, and run old and new side by side until the switch.',
    },
    {
      question: 'The pipeline only wrote one column. Why is that a second writer and not a harmless addition?',
      answer:
        'Because the customer service’s code assumes it alone writes `customers`: its form reads and saves the whole row, and the lab measured it putting old scores back. The service cannot validate, version or migrate a column another role writes behind its back. An owned table (`pipeline_churn_scores`) or the service’s API keeps one writer per table; Postgres enforces the first with grants, the service enforces the second with its own checks.',
    },
  ],
};
