import type { SessionPlan } from '../types.ts';

const WHO_OWNS = '/ownership/who-owns/';
const JOINT = '/ownership/joint-ownership/';

export const session3: SessionPlan = {
  number: 3,
  title: 'Who owns this table, and what to do when two do',
  minutes: 90,
  chapters: [
    { title: 'Who owns this table?', path: WHO_OWNS },
    { title: 'Resolving joint ownership', path: JOINT },
  ],
  goal: 'Learners classify tables by who writes them, from a write log rather than from opinions, and compare the four ways out of joint ownership on one workload, by the figures the lab measured.',
  predict: 'Which tables have more than one writer? Ask for a list before the month runs.',
  agenda: [
    {
      minutes: '0–10',
      phase: 'Predict',
      trainer: 'Ask the predict question. Collect the lists on the board.',
      learners: 'List the tables they think have two or more writers.',
    },
    {
      minutes: '10–25',
      phase: 'Run',
      trainer: 'Open the month demo and show the write matrix: one row per table, one column per service, W and R counts from the log.',
      learners: 'Compare the matrix with their list: which writer did they miss?',
      demo: 's3-a-month-of-writes',
    },
    {
      minutes: '25–40',
      phase: 'Practise',
      trainer: 'Pairs write the query for `two-writers`, then `classify-every-table`. Both are checked on months they never saw.',
      learners: 'Write the classification query against `audit.write_log`.',
    },
    {
      minutes: '40–55',
      phase: 'Inject a fault',
      trainer: 'Open the lost-update demo: the data-domain technique without its version check. Show the broken invariant and ticket 104.',
      learners: 'In their own lab, run the workload with `ticket-down` and read the side-by-side panel: which technique kept assigning?',
      demo: 's3-lost-update',
    },
    {
      minutes: '55–70',
      phase: 'Discuss',
      trainer:
        'Work through the questions below, then the decision guide in pairs: two pairs score the same table and compare their reasons.',
      learners: 'Pick a technique for one jointly owned table of their own and defend it.',
    },
    {
      minutes: '70–85',
      phase: 'Practise',
      trainer: 'Pairs do `split-the-table` and `ticket-down-winner`.',
      learners: 'Do the exercises.',
    },
    {
      minutes: '85–90',
      phase: 'Close',
      trainer: 'Ownership decides who may change a table. Next session: what happens when one business action needs two owners at once.',
      learners: 'Name one table at work with two writers.',
    },
  ],
  demos: [
    {
      id: 's3-a-month-of-writes',
      title: 'A month of work, and the write matrix it leaves',
      chapter: WHO_OWNS,
      lab: 'ownership-detective',
      seed: 42,
      script: [{ at: 0, action: 'run-month' }],
      step: 245,
      pointAt: [
        'The write matrix: every table with the services that wrote it (W) and read it (R), counted by Postgres’s own per-table counters, not by what the services claim.',
        'The `customers` row: Ticket writes it too, through the `tickets_count_open` trigger, without a statement of its own naming the table.',
        'Statements per sender in the Measured panel: Reporting sent only SELECTs; reading a table is not owning it.',
      ],
    },
    {
      id: 's3-lost-update',
      title: 'Two writers, no version check: an assignment silently lost',
      chapter: JOINT,
      lab: 'joint-ownership',
      seed: 42,
      script: [
        { at: 0, fault: 'no-version-check' },
        { at: 0, action: 'run-workload' },
      ],
      step: 354,
      pointAt: [
        '`no-lost-updates` is broken: on ticket 104 the data domain logged an assignment (expert 1, 11:00) that the row no longer holds, because a later whole-row save never meant to change it.',
        'The side-by-side panel: the other three techniques lost nothing on the same workload.',
        'Every write still answered “done”: `acknowledged-writes-stored` holds. The loss is invisible to the caller.',
      ],
    },
  ],
  exercises: [
    { lab: 'ownership-detective', id: 'two-writers', chapter: WHO_OWNS, note: 'Checked on hidden months.' },
    { lab: 'ownership-detective', id: 'reads-are-not-ownership', chapter: WHO_OWNS },
    { lab: 'ownership-detective', id: 'classify-every-table', chapter: WHO_OWNS },
    { lab: 'joint-ownership', id: 'split-the-table', chapter: JOINT },
    { lab: 'joint-ownership', id: 'lose-an-update', chapter: JOINT },
    { lab: 'joint-ownership', id: 'ticket-down-winner', chapter: JOINT, note: 'Checked on hidden runs.' },
  ],
  discussion: [
    {
      question: 'Why classify tables from a write log instead of asking each team which tables they write?',
      answer:
        'Because writes happen where nobody looks: a trigger updates `customers` inside Ticket’s statement, a foreign-key check reads another domain’s table. The log counts what Postgres did, so it also catches the writer no team would list.',
    },
    {
      question: 'Reporting reads almost every table. Does that make it an owner of any?',
      answer:
        'No. Ownership follows writes: a table with one writer belongs to that service, whoever reads it. Readers need a way to get the data (an API, a copy, an event), not a say in its schema.',
    },
    {
      question: 'The data-domain technique lost an update only with the version check off. Why is the version check the whole defence?',
      answer:
        'Both services read the whole row, think, and save the whole row. Without `version = <read>` in the save, the second save writes back the old values of the columns the first one changed. With it, the stale save matches no row, and the service re-reads and retries.',
    },
    {
      question: 'With Ticket down, which technique kept assignments working, and what did it give up for that?',
      answer:
        'The ones where Assignment writes without asking Ticket: the table split and the shared data domain. The delegate and the consolidated service write none: under delegation Assignment must ask Ticket, and Ticket management is Ticket. The split pays in integrity: Assignment cannot see `status`, so it accepts assignments to closed tickets, which the audit counts.',
    },
  ],
  shorter: 'For 60 minutes, pick one chapter and set the other as reading; the decision guide works well in pairs either way.',
};
