import type { SessionPlan } from '../types.ts';
import { STEP_2_SCHEMAS, STEP_3_ROLES, STEP_3_UNTIE, STEP_4_FOREIGN_KEYS } from './pull-apart-steps.ts';

const CHAPTER = '/ownership/pulling-apart/';

export const session2: SessionPlan = {
  number: 2,
  title: 'Pulling the database apart, step by step',
  minutes: 90,
  chapters: [{ title: 'Pulling the database apart, step by step', path: CHAPTER }],
  goal: 'Learners split the monolith themselves: find the ties in the catalog, give each domain a schema and a role, replace joins with calls or copies, and move one schema to its own database while every request keeps succeeding.',
  predict: 'Which of our joins will Postgres refuse once each service has a role of its own?',
  agenda: [
    {
      minutes: '0–10',
      phase: 'Frame',
      trainer: 'Show the domain map in the chapter and ask the predict question. Have learners list the joins they expect to fail.',
      learners: 'Write down the joins they expect Postgres to refuse.',
    },
    {
      minutes: '10–25',
      phase: 'Run',
      trainer:
        'Everyone starts the lab and does steps 1 and 2 from the chapter (catalog query, schemas). Send the requests: nothing breaks yet.',
      learners: 'Run the catalog query, count the nine foreign keys, then create the schemas.',
    },
    {
      minutes: '25–40',
      phase: 'Inject a fault',
      trainer:
        'Open the “fenced in” demo: roles created, requests sent. Read the `requests-succeed` rows aloud: the old query under the role, the error, what replaces it.',
      learners: 'Compare with their list. Run the Survey service’s old join as `survey_service` in their own lab.',
      demo: 's2-fenced-in',
    },
    {
      minutes: '40–55',
      phase: 'Run',
      trainer:
        'Open the “moved” demo: every step done, the ticket schema moved, requests sent again. Show Ticket’s queries now going to the Ticket database.',
      learners: 'Do steps 3 and 4 in their own lab and press the move button.',
      demo: 's2-ticket-moved',
    },
    {
      minutes: '55–65',
      phase: 'Discuss',
      trainer: 'Work through the questions below.',
      learners: 'Answer with what the invariants and the timeline showed.',
    },
    {
      minutes: '65–85',
      phase: 'Practise',
      trainer: 'Pairs do the five step exercises in order; each checks one step against the real catalog.',
      learners: 'Do the exercises.',
    },
    {
      minutes: '85–90',
      phase: 'Close',
      trainer:
        'Rename a customer (the chapter’s last SQL of step 3) and show `copy-current` turn broken: the copy is already out of date. Part IV returns to it.',
      learners: 'Say who, in their own systems, would have to keep such a copy current.',
    },
  ],
  demos: [
    {
      id: 's2-fenced-in',
      title: 'Each service fenced into its schema: the old joins are refused',
      chapter: CHAPTER,
      lab: 'pull-apart',
      seed: 42,
      script: [
        { at: 0, service: 'monolith', sql: STEP_2_SCHEMAS, what: 'the chapter’s step 2 (one schema per domain)' },
        { at: 0, service: 'monolith', sql: STEP_3_ROLES, what: 'the chapter’s step 3 roles (one per service)' },
        { at: 0, action: 'send-requests' },
      ],
      step: 21,
      pointAt: [
        '`requests-succeed` is pending: Ticket’s `open-queue` fails because its split code expects a `customer_name` column that does not exist yet.',
        'The column “old query under the role”: each monolith join now fails with 42501, refused by Postgres, not by a convention.',
        'The timeline: Survey calls Ticket for `ticket-descriptions` and Billing calls Customer for `customer-names` instead of joining.',
        '`domains-untied` is still pending, with one row per foreign key, view and trigger that ties two domains.',
      ],
    },
    {
      id: 's2-ticket-moved',
      title: 'The ticket schema on its own database, every request succeeding',
      chapter: CHAPTER,
      lab: 'pull-apart',
      seed: 42,
      script: [
        { at: 0, service: 'monolith', sql: STEP_2_SCHEMAS, what: 'the chapter’s step 2 (one schema per domain)' },
        { at: 0, service: 'monolith', sql: STEP_3_ROLES, what: 'the chapter’s step 3 roles (one per service)' },
        { at: 0, service: 'monolith', sql: STEP_3_UNTIE, what: 'the rest of step 3 (the copied name column; view and trigger dropped)' },
        { at: 0, service: 'monolith', sql: STEP_4_FOREIGN_KEYS, what: 'the chapter’s step 4 (foreign keys dropped)' },
        { at: 0, action: 'move-ticket-schema' },
        { at: 3, action: 'send-requests' },
      ],
      step: 24,
      pointAt: [
        'Steps 1 to 3 of the timeline: the monolith sends its script, the Ticket database loads 8 tickets, and Ticket connects to it from then on.',
        'Every invariant holds; in `requests-succeed`, Ticket’s requests show `ticket-db` in the database column.',
        'Survey’s call to Ticket is answered from the new database, and nobody else noticed the move.',
      ],
    },
  ],
  exercises: [
    { lab: 'pull-apart', id: 'step-1-ties', chapter: CHAPTER },
    { lab: 'pull-apart', id: 'step-2-schemas', chapter: CHAPTER },
    { lab: 'pull-apart', id: 'step-3-roles', chapter: CHAPTER },
    { lab: 'pull-apart', id: 'step-4-move', chapter: CHAPTER },
    { lab: 'pull-apart', id: 'step-5-switch', chapter: CHAPTER },
  ],
  discussion: [
    {
      question: 'After step 2 every request still succeeded. Did anything break?',
      answer:
        'Yes, and no request showed it: the trigger’s function names `customers` without a schema, so closing a ticket from the console fails with 42P01 and takes the update with it. Code that lives in the database is the easiest part of a split to forget.',
    },
    {
      question: 'Why give each service a role, when the code could simply stop writing joins?',
      answer:
        'Because a convention is broken quietly and a grant is not. With a role per service Postgres itself refuses a join into another domain (42501), so the boundary is checked on every query, including the ones nobody reviewed.',
    },
    {
      question:
        'Survey now calls Ticket for descriptions, but Ticket keeps a copy of the customer’s name. Why two different answers to the same problem?',
      answer:
        'Ticket’s queue is read all the time and can live with a name that is a little out of date, so a copied column saves a call on every read. Survey needs descriptions rarely and wants them exact, so a call is cheaper than a copy to maintain. The key (the customer id) is never copied loosely; only the name is.',
    },
    {
      question: 'Why did the move refuse to run while foreign keys remained?',
      answer:
        'A foreign key cannot point from one database into another. Each one has to become an id the owning service checks through the other service’s API before the schema can leave; the lab names every constraint still in the way.',
    },
    {
      question: 'The split is done and `copy-current` is broken. Is the split a failure?',
      answer:
        'No, but it is unfinished. The copy was filled once and nothing keeps it current; a real system needs the Customer service to publish renames and Ticket to apply them, or a scheduled refresh, and someone has to run and watch that. Part IV measures what such a copy costs in freshness.',
    },
  ],
  shorter: 'For 60 minutes, do steps 1 to 3 live and show the move as the “moved” demo; set steps 4 and 5 as homework.',
};
