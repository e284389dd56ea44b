import type { SessionPlan } from '../types.ts';

const ANALYTICAL = '/operational-data/operational-vs-analytical/';
const SHARED = '/operational-data/shared-database/';

export const session1: SessionPlan = {
  number: 1,
  title: 'Operational data, and what one shared database costs',
  minutes: 90,
  chapters: [
    { title: 'Operational and analytical data', path: ANALYTICAL },
    { title: 'Why one shared database stops working', path: SHARED },
  ],
  goal: 'Learners can tell operational from analytical work, and name with evidence from a real Postgres what a shared database costs: reports that hold up requests, a rename that breaks teams who changed nothing, and a connection limit that one service can use up for all.',
  predict: 'Billing renames one column of the shared database. Whose pages break?',
  agenda: [
    {
      minutes: '0–10',
      phase: 'Frame',
      trainer:
        'Introduce the support-ticket system: one Postgres, many services. Ask the predict question and have everyone write an answer down.',
      learners: 'Write down which services they expect to break, and why.',
    },
    {
      minutes: '10–25',
      phase: 'Run',
      trainer:
        'Open the report demo and press Play at speed 10. Stop when the lab is quiet and read the Measured panel aloud: ticket requests in setup A against setup B.',
      learners: 'Say which number surprised them: the wait in A, or how stale the store in B was.',
      demo: 's1-report-on-the-monolith',
    },
    {
      minutes: '25–40',
      phase: 'Run',
      trainer: 'Open the rename demo. Show the two failing queries in `shared-queries-run`, each with 42703 and a position.',
      learners:
        'Compare with their prediction. Then, in their own lab, rename the same column on the Ticket database and run the split layout.',
      demo: 's1-one-rename-two-teams',
    },
    {
      minutes: '40–55',
      phase: 'Inject a fault',
      trainer: 'Open the connection demo: Ticket scaled to three instances, one burst. Show `nobody-refused` and the 53300 rows.',
      learners: 'Send the same burst to the domain databases and say who is refused now.',
      demo: 's1-ticket-scales-billing-pays',
    },
    {
      minutes: '55–65',
      phase: 'Discuss',
      trainer: 'Work through the questions below, starting from the predictions.',
      learners: 'Argue each answer with a number or an error code the lab showed.',
    },
    {
      minutes: '65–85',
      phase: 'Practise',
      trainer: 'Pairs take the exercises. Have two pairs score the same table group with the scorecard and compare reasons.',
      learners: 'Do the exercises; each check runs against the lab’s databases.',
    },
    {
      minutes: '85–90',
      phase: 'Close',
      trainer: 'Which tables in your own systems does more than one team read? Keep the list for session 3.',
      learners: 'Name one shared table from their own work.',
    },
  ],
  demos: [
    {
      id: 's1-report-on-the-monolith',
      title: 'A report on the monolith holds up every ticket request',
      chapter: ANALYTICAL,
      lab: 'report-contention',
      seed: 42,
      script: [
        { at: 0, action: 'workload' },
        { at: 0, action: 'reports' },
      ],
      step: 0,
      pointAt: [
        'The link opens with the workload and the four reports queued and nothing run yet: press Play, because this lab’s clock follows the time each statement really took, so the run differs a little on every machine.',
        'Once quiet, the Measured panel: in setup A the ticket requests waited behind the report for most of a second; in setup B, where the report runs on the analytics store, they did not wait for it at all.',
        'The staleness row: every report on the store missed the changes the copy job had not brought over yet.',
      ],
    },
    {
      id: 's1-one-rename-two-teams',
      title: 'One rename on the shared database breaks two teams',
      chapter: SHARED,
      lab: 'schema-blast-radius',
      seed: 42,
      script: [
        {
          at: 0,
          service: 'monolith',
          sql: 'ALTER TABLE experts RENAME COLUMN name TO full_name;',
          what: '`ALTER TABLE experts RENAME COLUMN name TO full_name`',
        },
        { at: 0, action: 'run-shared' },
      ],
      step: 20,
      pointAt: [
        'The console input at step 0: Postgres accepted the rename at once, and nothing asked who reads the column.',
        '`shared-queries-run` is broken: Ticket’s `open-tickets` and Reporting’s `expert-scores` fail with 42703, each with the position of `e.name` in its query.',
        'The timeline notes of the two services: neither of them changed anything.',
      ],
    },
    {
      id: 's1-ticket-scales-billing-pays',
      title: 'Ticket scales out, and Billing is refused',
      chapter: SHARED,
      lab: 'connection-pressure',
      seed: 42,
      script: [
        { at: 0, action: 'add-ticket' },
        { at: 0, action: 'add-ticket' },
        { at: 0, action: 'burst-shared' },
      ],
      step: 164,
      pointAt: [
        'Connections against the limit: the shared database reached its 12 connections and refused 7 logins.',
        '`nobody-refused` is broken: four of the refused logins are Billing’s, with 53300 “sorry, too many clients already”; Billing did not grow.',
        'Requests per service: Reporting was lucky this time. Change the seed and the loser changes, because the order of logins decides it.',
      ],
    },
  ],
  exercises: [
    { lab: 'report-contention', id: 'make-it-stale', chapter: ANALYTICAL },
    { lab: 'report-contention', id: 'report-by-plan', chapter: ANALYTICAL, note: 'Checked on hidden runs: good homework.' },
    { lab: 'schema-blast-radius', id: 'break-only-billing', chapter: SHARED },
    { lab: 'schema-blast-radius', id: 'break-through-the-trigger', chapter: SHARED },
    { lab: 'connection-pressure', id: 'protect-billing', chapter: SHARED, note: 'Checked on two hidden runs.' },
  ],
  discussion: [
    {
      question:
        'The report and the ticket requests ran on the same Postgres in setup A. Which of them was slower than it needed to be, and why?',
      answer:
        'The ticket requests. The lab gives each monolith one connection, so a request that arrives while the report runs waits until the report is done; the Measured panel shows requests queued behind a report with waits of hundreds of milliseconds, while the same requests in setup B took tens. The report itself was not slowed down: it was the requests that paid.',
    },
    {
      question: 'Setup B never held up a request. What did it cost instead?',
      answer:
        'Freshness. The analytics store is only as current as the copy job’s last pass, so each report there missed the changes made since; the staleness measure gives the missed changes and how many milliseconds behind each report was. A second copy also has to be kept correct: the lab’s invariants check that no ticket appears in the store that monolith B lacks.',
    },
    {
      question: 'Postgres accepted the rename without a word. Why did it not protect the readers of that column?',
      answer:
        'A plain query names columns in its text, and Postgres does not know which application will send which text. Only objects inside the database (a view, a trigger, a foreign key) create dependencies it checks. The lab shows both sides: the rename passes, but shortening a column that a view reads is refused with 0A000.',
    },
    {
      question: 'In the split layout the same rename broke only Ticket. Is Reporting now safe from Ticket’s schema changes for good?',
      answer:
        'No. Reporting reads its own copy of the experts, so a rename at the owner no longer breaks it at once, but the copy still has to be fed. The coupling moves from the schema to what the owner publishes, which the two teams can change on a schedule they agree.',
    },
    {
      question: 'Ticket added two instances. Why did Billing lose logins, and what would stop it?',
      answer:
        '`max_connections` is one limit for the whole server; each instance’s pool keeps up to four connections open, so three Ticket pools plus Billing and Reporting ask for more than 12. Whoever logs in last is refused with 53300. A per-role cap (`ALTER ROLE ticket_app CONNECTION LIMIT …`, the `protect-billing` exercise) protects the others, or each domain gets its own database.',
    },
  ],
  shorter:
    'For 60 minutes, run one chapter and set the other as reading. Keep the rename demo; the scorecard works well as homework in pairs.',
};
