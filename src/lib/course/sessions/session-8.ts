import type { SessionPlan } from '../types.ts';

const READ_PATHS = '/reading/call-copy-or-cache/';
const COMPOSITION = '/reading/api-composition/';
const CACHING = '/reading/caching/';

export const session8: SessionPlan = {
  number: 8,
  title: 'Reading another service’s data: call, copy, cache, compose',
  minutes: 90,
  chapters: [
    { title: 'Call, copy or cache: reading another service’s data', path: READ_PATHS },
    { title: 'API composition versus a read model', path: COMPOSITION },
    { title: 'Caching: cache-aside, write-through, write-back', path: CACHING },
  ],
  goal: 'Learners compare the ways one service reads data that another owns (call per read, a replicated copy, a cache, a shared schema, a composer fanning out), see what each one does when the owner renames, changes its schema, slows down or goes away, and close the race that lets a cache keep an old price after a delete.',
  predict:
    'The ticket queue shows each customer’s name, which Customers owns. Customer c1 changes their name, and an agent opens the queue a moment later. With a call per read, a replicated copy and a cache, which name does the agent see?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'The ticket queue needs a name and a plan that Customers owns: five read paths in the lab, one button each. Ask the predict question.',
      learners: 'Write down, per read path, the name the agent sees.',
    },
    {
      minutes: '5–15',
      phase: 'Run',
      trainer:
        'Guided run 1 of the call-copy-or-cache chapter on the projector: one queue page by calls, then from the copy, then from each cache. Read the Measured panel’s count of calls to Customers aloud.',
      learners: 'Note the calls per page for each path.',
    },
    {
      minutes: '15–22',
      phase: 'Inject a fault',
      trainer: 'Open the stale-copy demo: replication paused, c1 renamed, the queue opened.',
      learners: 'Compare with their prediction for the copy.',
      demo: 's8-stale-copy',
    },
    {
      minutes: '22–28',
      phase: 'Inject a fault',
      trainer:
        'Open the schema-change demo: Customers renames `plan` to `tier`, and only the shared-schema join breaks. Ask who would be paged, and who can fix it.',
      learners: 'Say which read paths survive the owner’s release, and why.',
      demo: 's8-plan-becomes-tier',
    },
    {
      minutes: '28–40',
      phase: 'Run',
      trainer:
        'Switch to the shop of the API composition chapter: each page is asked of the composer and of the read model at once. Open the Payments-down demo, then change the fallback to `omit` in the composer’s console and open the order again.',
      learners: 'Predict, before the change, whether the page fails or renders partial; then check.',
      demo: 's8-payments-down',
    },
    {
      minutes: '40–48',
      phase: 'Discuss',
      trainer: 'The first four questions below, with the two chapters’ Measured tables on screen.',
      learners: 'Choose a read path for one field of their own systems and name its staleness budget.',
    },
    {
      minutes: '48–58',
      phase: 'Inject a fault',
      trainer:
        'The caching chapter’s race on product 8. Open the delete-on-write demo and follow the fill that arrives after the delete; then open the versioned-fill demo.',
      learners: 'Find, in the timeline, the step at which the old version goes back into the cache.',
      demo: 's8-race-after-delete',
    },
    {
      minutes: '58–63',
      phase: 'Run',
      trainer: 'The versioned-fill demo: the same race, turned away by the fence.',
      learners: 'Read `fences` in the cache’s console and explain the row.',
      demo: 's8-versioned-fill',
    },
    {
      minutes: '63–70',
      phase: 'Discuss',
      trainer: 'The last two questions below, with the caching chapter’s Measured tables.',
      learners: 'Say which of their own caches would survive the race.',
    },
    {
      minutes: '70–85',
      phase: 'Practise',
      trainer:
        'Pairs take one exercise each: `write-the-apply`, `page-three-query` or `fix-the-race`. Each is checked on runs nobody has seen.',
      learners: 'Write the statement and press Check.',
    },
    {
      minutes: '85–90',
      phase: 'Close',
      trainer: 'Which page of your systems reads data another team owns, by which path, and what happens to it when that team ships?',
      learners: 'Name the page and the path.',
    },
  ],
  demos: [
    {
      id: 's8-stale-copy',
      title: 'Replication paused: the queue still shows the old name',
      chapter: READ_PATHS,
      lab: 'read-paths',
      seed: 42,
      script: [
        { at: 0, action: 'use-copy' },
        { at: 0, fault: 'replication-paused' },
        { at: 0, action: 'rename-c1' },
        { at: 0, action: 'open-queue' },
      ],
      step: 7,
      pointAt: [
        'Step 2: Customers commits the rename (c1 is now Ada Lindqvist, version 2) and tells the ticket service that changes are waiting.',
        'Step 6: the replicator is paused and `customer_copy` keeps what it had; at step 7 the queue page arrives after 26 ms with T-01 still under Ada Byrne, and the Measured panel counts it as a stale page.',
        '`copy-converges` is pending: c1 is at version 1 in `customer_copy` and version 2 in `crm.customers`. Untick Replication paused and press Play to watch the copy catch up.',
      ],
    },
    {
      id: 's8-plan-becomes-tier',
      title: 'Customers renames a column, and the shared join breaks',
      chapter: READ_PATHS,
      lab: 'read-paths',
      seed: 42,
      script: [
        { at: 0, action: 'use-shared' },
        { at: 0, action: 'migrate-schema' },
        { at: 0, action: 'open-queue' },
      ],
      step: 7,
      pointAt: [
        'Step 2: Customers renames `crm.customers.plan` to `tier`; its API and its change events keep saying “plan”, so its own contract holds.',
        'Step 5: the ticket team’s join, run as `ticket_service` inside Customers’ database, fails in Postgres with `42703 column c.plan does not exist`.',
        'Step 7: the queue page arrives with all six tickets and no customer on any of them. The calls, the copy and both caches read through Customers’ contract, so the same release leaves them working.',
      ],
    },
    {
      id: 's8-payments-down',
      title: 'Payments is down: the composer fails the page, the read model answers',
      chapter: COMPOSITION,
      lab: 'api-composition',
      seed: 42,
      script: [
        { at: 0, fault: 'payments-down' },
        { at: 0, action: 'open-order' },
      ],
      step: 11,
      pointAt: [
        'Step 5: the read model’s page is complete after 26 ms, one row moved: O-042, Priya Raman, payment pending.',
        'Step 3: the composer sends its calls to Orders and Payments together; Orders answers at step 8, Payments never does.',
        'Step 11: after its 250 ms timeout the composer fails the whole page at 274 ms, because `fallbacks` says `fail` for Payments. Run the chapter’s `UPDATE fallbacks … omit` in the composer’s console and open the order again for a partial page.',
      ],
    },
    {
      id: 's8-race-after-delete',
      title: 'Delete on every write, and the old price comes back',
      chapter: CACHING,
      lab: 'cache-patterns',
      seed: 42,
      script: [
        { at: 0, action: 'invalidation-event' },
        { at: 0, action: 'race' },
      ],
      step: 37,
      pointAt: [
        'Step 9: the first shopper’s miss reads product 8 from Postgres at version 1; its fill will be held for 200 ms.',
        'Steps 14 to 18: the price change commits version 2, and the delete reaches the cache at 167 ms, when there is nothing to delete yet. Step 22: the late fill puts version 1 into `entries`.',
        'Steps 26, 31 and 36: three rereads get version 1 from the cache, 235, 636 and 1,033 ms after version 2 was acknowledged. Nothing deletes it until the TTL runs out.',
      ],
    },
    {
      id: 's8-versioned-fill',
      title: 'The same race with a versioned fill: the old version is turned away',
      chapter: CACHING,
      lab: 'cache-patterns',
      seed: 42,
      script: [
        { at: 0, action: 'invalidation-event' },
        { at: 0, action: 'fill-versioned' },
        { at: 0, action: 'race' },
      ],
      step: 43,
      pointAt: [
        'Step 24: the cache refuses the late fill: “fill of product 8 at version 1 turned away: the cache knows a newer version”.',
        '`fences` in the cache’s console holds product 8 at version 2: what the update’s delete announced.',
        'Steps 33 to 43: the first reread misses and gets version 2 from Postgres, the next two are hits at version 2; no read is stale, and `fresh-when-invalidated` holds.',
      ],
    },
  ],
  exercises: [
    { lab: 'read-paths', id: 'catch-a-stale-copy', chapter: READ_PATHS, note: 'The stale-copy demo is one answer; ask for another.' },
    { lab: 'read-paths', id: 'pick-read-paths', chapter: READ_PATHS, note: 'Good homework: it is judged against the measured table.' },
    { lab: 'read-paths', id: 'write-the-apply', chapter: READ_PATHS, note: 'One of the three pair exercises in the session.' },
    {
      lab: 'read-paths',
      id: 'catch-retries-multiplying',
      chapter: READ_PATHS,
      note: 'Homework on the call chain: one page, more than three requests at Customers.',
    },
    { lab: 'api-composition', id: 'fetch-everything', chapter: COMPOSITION },
    { lab: 'api-composition', id: 'page-three-query', chapter: COMPOSITION, note: 'One of the three pair exercises in the session.' },
    {
      lab: 'api-composition',
      id: 'order-page-without-payments',
      chapter: COMPOSITION,
      note: 'The Payments-down demo leads straight into it.',
    },
    { lab: 'cache-patterns', id: 'catch-the-race', chapter: CACHING },
    {
      lab: 'cache-patterns',
      id: 'choose-ttl',
      chapter: CACHING,
      note: 'Checked on three workloads nobody has seen: a good graded exercise.',
    },
    { lab: 'cache-patterns', id: 'fix-the-race', chapter: CACHING, note: 'One of the three pair exercises in the session.' },
    { lab: 'cache-patterns', id: 'find-lost-writes', chapter: CACHING },
  ],
  discussion: [
    {
      question: 'Why did the copy show the old name, and when would that be acceptable?',
      answer:
        'The page read the ticket service’s own `customer_copy`, which only changes when the replicator applies Customers’ change events; while replication was paused, the copy stayed at version 1. That is fine for a field with a staleness budget of seconds or minutes, such as a display name on a queue, and not for one the user has just changed and expects to see. In return the copy costs Customers nothing per page and keeps the queue working while Customers is away.',
    },
    {
      question: 'Customers renamed a column and shipped its own code in the same release. Whose fault is the failing queue?',
      answer:
        'Nobody made a mistake; the design did. With a shared schema the ticket team’s SQL depends on Customers’ tables, which are not Customers’ contract, so an ordinary internal change breaks another team at run time, in Postgres, with `42703`. Every other path went through Customers’ API or its events, which did not change. A grant of four columns limits what the ticket team can read, not what it depends on.',
    },
    {
      question: 'The call per read is always fresh. What does it cost?',
      answer:
        'Six calls per page queued behind one 4 ms worker at Customers, and a failed page whenever Customers is unreachable or slow. When it is slow, timed-out calls are retried into the same queue; without backoff and jitter the retries arrive together with the next page’s calls and more pages fail. A copy or a cache takes that load off Customers entirely.',
    },
    {
      question: 'Why did the composer fail the order page, and what made it render?',
      answer:
        'The composer needs all three answers, and the page cannot leave before the slowest call: with Payments down, that is its 250 ms timeout. The `fallbacks` table said `fail` for Payments; set to `omit`, the page renders with a flag saying the payment status is missing. After three timeouts the breaker opens and refuses the call at once. Orders cannot be omitted, and a page filtered by payment status cannot be saved by any fallback, while the read model answered all along from what it last had.',
    },
    {
      question: 'The cache deletes the entry on every write. How did it still serve an old price for over a second?',
      answer:
        'The delete and the fill raced. A shopper read version 1 from Postgres before the write, the write’s delete arrived while that fill was paused, and the fill then put version 1 in after the delete. Nothing else deletes the entry, so it lives until its TTL expires. A delete only helps when it lands after every fill that read the old row.',
    },
    {
      question: 'What does the fence do, and what does it cost?',
      answer:
        'An invalidation leaves the version that made the entry old; a fill goes in only if its version is at least the fence and at least what the entry holds. The late fill of version 1 was turned away, and the next read went to Postgres once. On the chapter’s workload it costs a few refused fills and almost no hit rate. A memcache lease does the same with a token that a delete cancels.',
    },
  ],
  shorter:
    'Run it as two sessions of 45 minutes: the first on call, copy and compose (rows 0–48, closing with `write-the-apply` as homework), the second on caching (the race demos, their discussion and `fix-the-race`). Or drop the schema-change demo and tell its result.',
};
