import type { SessionPlan } from '../types.ts';

const CHAPTER = '/boundaries/personal-data/';

export const session13: SessionPlan = {
  number: 13,
  title: 'Personal data',
  minutes: 50,
  chapters: [{ title: 'Personal data: who may see it, and how many copies exist', path: CHAPTER }],
  goal: 'Learners let Postgres decide who reads which column and row, audit it by probing as each role, then carry out a request to be forgotten by deleting every copy and by destroying one key, and measure which copies can still be read.',
  predict:
    'A customer’s email is in the customer table, the event log, last night’s backup, the order service and the analytics store. Analytics is down when she asks to be forgotten. Ten seconds later, in how many places can her email still be read?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'Draw the five places one email lands within a second of signup. Name GDPR Art. 17 and the two questions of the session: who may read it, and how many copies exist. Ask the predict question.',
      learners: 'Write down a number.',
    },
    {
      minutes: '5–13',
      phase: 'Run',
      trainer:
        'Open the probe demo. Show the Measured panel’s access table, then run the chapter’s two `SET ROLE` blocks in the console: the 42501 comes from Postgres, not from the lab.',
      learners: 'Say why support_us sees no row although it has the same column grants as support_eu.',
      demo: 's13-probe',
    },
    {
      minutes: '13–20',
      phase: 'Practise',
      trainer: 'Pairs do `region-policy`, then start `mask-for-reporting`.',
      learners: 'Write the policy and the view; press Check; read which probe failed if it does.',
    },
    {
      minutes: '20–30',
      phase: 'Inject a fault',
      trainer:
        'Open the outage demo: analytics is down while C-1 is erased. Read the refusals from the event log and the backup aloud, then the erasure table, then the Measured panel’s two rows.',
      learners: 'Count the readable copies in each row and compare with their prediction.',
      demo: 's13-erase-outage',
    },
    {
      minutes: '30–36',
      phase: 'Inject a fault',
      trainer:
        'Open the undeclared-copy demo. Show the `catalog-knows-every-copy` invariant and ask how the lab found a table nobody declared.',
      learners: 'Say which scheme still holds the customer in campaign_audience, and why the other does not.',
      demo: 's13-undeclared',
    },
    {
      minutes: '36–46',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s Measured table on screen.',
      learners: 'Name one copy of personal data in their own systems that no catalog lists.',
    },
    {
      minutes: '46–50',
      phase: 'Practise',
      trainer: '`erase-through-outage` as homework, with `mask-for-reporting` if it was not finished.',
      learners: 'Note the exercises.',
    },
  ],
  demos: [
    {
      id: 's13-probe',
      title: 'Probing as each role: what Postgres let each one read',
      chapter: CHAPTER,
      lab: 'personal-data',
      seed: 42,
      script: [
        { at: 0, action: 'run-workload' },
        { at: 32, action: 'probe' },
      ],
      step: 33,
      pointAt: [
        'The note of step 33: every column of customers and of customers_masked tried as each of three roles, most of them refused with 42501.',
        'Measured, access table: support_eu read id, name, email, phone and region, for its EU customers only; support_us read the same columns and saw no row, because row-level security is on and no policy names it.',
        'Reporting was refused on every column of the table, and customers_masked does not exist yet: the first exercise writes it.',
      ],
    },
    {
      id: 's13-erase-outage',
      title: 'An erasure while analytics is down: deletion waits, shredding does not',
      chapter: CHAPTER,
      lab: 'personal-data',
      seed: 42,
      script: [
        { at: 0, action: 'run-workload' },
        { at: 32, fault: 'analytics-down' },
        { at: 32, action: 'erase' },
      ],
      step: 37,
      pointAt: [
        'Step 33: C-1 is deleted from customers, then Postgres refuses to delete it from customer_events and from customer_backups (23001): both are write-once.',
        'Orders confirms and the key service destroys C-1’s key within a few milliseconds; the erasure sent to analytics is dropped, and the erasures table shows analytics waiting. Play on: the customer service asks again at growing intervals.',
        'Measured, erasure table: the clear scheme still has three readable copies (event log, backup, analytics); the sealed scheme has none, since the key is gone.',
      ],
    },
    {
      id: 's13-undeclared',
      title: 'A copy nobody declared: found by scanning, missed by deletion, covered by shredding',
      chapter: CHAPTER,
      lab: 'personal-data',
      seed: 42,
      script: [
        { at: 0, fault: 'undeclared-copy' },
        { at: 0, action: 'run-workload' },
        { at: 32, action: 'erase' },
      ],
      step: 38,
      pointAt: [
        '`catalog-knows-every-copy` is broken: a scan of every table for the customers’ contact details found analytics.campaign_audience, which no catalog entry lists.',
        'The erasure went to analytics for customer_dim only, the one table the catalog names there; campaign_audience still holds C-1 in clear.',
        'Measured: the clear scheme keeps three copies for good (event log, backup, campaign export); the sealed export is as unreadable as every other sealed copy.',
      ],
    },
  ],
  exercises: [
    {
      lab: 'personal-data',
      id: 'mask-for-reporting',
      chapter: CHAPTER,
      note: 'Checked on runs the learners never saw, by probing as each role.',
    },
    { lab: 'personal-data', id: 'region-policy', chapter: CHAPTER, note: 'The one to do in pairs: short, and checked on hidden rows.' },
    { lab: 'personal-data', id: 'erase-through-outage', chapter: CHAPTER },
  ],
  discussion: [
    {
      question: 'Why check access by probing as each role rather than by reading the grants?',
      answer:
        'Because what a role can read is the sum of several things: column grants, table grants, policies, views owned by someone else, roles it is a member of. Reading them is interpreting; probing asks Postgres, which is the thing that decides. The lab’s invariant does the same: it tries every column as every role and compares with the intended policy, so a grant of the whole table shows up at once.',
    },
    {
      question: 'support_us has the same column grants as support_eu. Why did it see nothing?',
      answer:
        'Row-level security is enabled on the table, and with it a role sees only the rows some policy lets it see. There is a policy for support_eu and none for support_us, so the answer is an empty result, not an error: the safe default. FORCE ROW LEVEL SECURITY makes the table owner obey the policies too; only a superuser bypasses them.',
    },
    {
      question: 'The erasure was confirmed. Why can the email still be read?',
      answer:
        'Because the event log and the backup are copies too, and they are write-once: Postgres refused the deletes with 23001, as event stores and backup storage refuse them. Deleting copies only reaches stores that can delete one record, whose owners are reachable and listed in the catalog.',
    },
    {
      question: 'What did destroying one key do that deleting five rows could not?',
      answer:
        'Every sealed copy, wherever it was (log, backup, orders, analytics, even the export nobody declared), became unreadable at the moment the key service deleted the key, a dozen milliseconds after the request, without waiting for analytics. The limits: a copy made after decrypting is plain text and is not reached, and while the key exists the sealed data is pseudonymised, still personal data.',
    },
    {
      question: 'How would you find copies nobody told you about?',
      answer:
        'By scanning, not by asking: the lab searches every table of every copy for known contact details as values, whatever the column is called. Catalog tools do it by sampling and classifying columns and by tracing lineage. Declaring copies is still needed, since the catalog is what an erasure is sent to; the scan checks the declarations.',
    },
  ],
  shorter: 'Drop the undeclared-copy demo and leave region-policy as homework.',
};
