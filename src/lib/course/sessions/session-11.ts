import type { SessionPlan } from '../types.ts';

const CHAPTER = '/boundaries/sharding/';

export const session11: SessionPlan = {
  number: 11,
  title: 'Sharding and multi-leader writes',
  minutes: 50,
  chapters: [{ title: 'Sharding and multi-leader writes', path: CHAPTER }],
  goal: 'Learners spread the same tickets by three shard keys and measure the skew, time a scatter-gather against a one-shard query, count the rows a fourth shard moves under modulo and ring hashing, catch a cross-shard move half done, and watch two regions lose or keep an update.',
  predict:
    'The help desk has three shards and adds a fourth. Keys are placed by hash modulo the number of shards. What share of the tickets has to move?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'Three Postgres shards, a router, acme sending almost half the tickets. Name the three candidate keys (customer, region, tenant). Ask the predict question.',
      learners: 'Write down a percentage.',
    },
    {
      minutes: '5–13',
      phase: 'Run',
      trainer:
        'Open the tenant-key demo and show the Measured panel and shard 2’s `rows per tenant`. Then press Reset, keep the customer key, run the workload, and compare.',
      learners: 'Say which key puts acme on one shard, and why adding shards would not help.',
      demo: 's11-tenant-skew',
    },
    {
      minutes: '13–22',
      phase: 'Run',
      trainer: 'Open the resharding demo (modulo). Run the chapter’s `moved_from` query on every shard. Then do the same with the ring.',
      learners: 'Compare the count with their prediction.',
      demo: 's11-reshard-modulo',
    },
    {
      minutes: '22–30',
      phase: 'Inject a fault',
      trainer:
        'Open the half-move demo: tenant key, shard 2 down, a ticket moved to umbrella. Show the ticket on shard 1 and on shard 2, and `once-each` amber.',
      learners: 'Name what would make the two steps safe: a saga’s retry, a compensation, or two-phase commit.',
      demo: 's11-half-move',
    },
    {
      minutes: '30–37',
      phase: 'Run',
      trainer:
        'Open the last-write-wins demo; read `accepted` and `tickets` in both regions. Then switch to merge and play the same partition.',
      learners: 'Count the changes lost under each policy.',
      demo: 's11-lww-loses',
    },
    {
      minutes: '37–44',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s Measured tables on screen.',
      learners: 'Pick a shard key for one table in their own systems.',
    },
    {
      minutes: '44–50',
      phase: 'Practise',
      trainer: 'Pairs do `hot-shard-under-40`; the other three as homework.',
      learners: 'Choose the key and press Check.',
    },
  ],
  demos: [
    {
      id: 's11-tenant-skew',
      title: 'The tenant key: acme and three small tenants on one shard',
      chapter: CHAPTER,
      lab: 'sharding',
      seed: 7,
      script: [
        { at: 0, action: 'key-tenant' },
        { at: 0, sql: 'UPDATE settings SET workload_size = 60 WHERE id = 1', service: 'router', what: 'a shorter workload for the room' },
        { at: 0, action: 'run-workload' },
      ],
      step: 302,
      pointAt: [
        'The Measured panel: shard 2 holds most rows and serves most requests; shard 3 holds almost nothing.',
        'Shard 2’s `rows per tenant`: acme, globex, initech and hooli all hash to it. Five tenants are too few values to spread.',
        'The router’s `requests`: each customer query reached one shard, each region report three.',
      ],
    },
    {
      id: 's11-reshard-modulo',
      title: 'Adding a fourth shard with modulo hashing moves most rows',
      chapter: CHAPTER,
      lab: 'sharding',
      seed: 7,
      script: [
        { at: 0, sql: 'UPDATE settings SET workload_size = 60 WHERE id = 1', service: 'router', what: 'a shorter workload for the room' },
        { at: 0, action: 'run-workload' },
        { at: 302, action: 'add-shard' },
      ],
      step: 348,
      pointAt: [
        'The notes of the rebalance: each old shard keeps only about a quarter of its rows and sends the rest away.',
        'Run `SELECT moved_from, count(*) FROM tickets WHERE moved_from IS NOT NULL GROUP BY moved_from` on shards 1 and 4: rows moved between old shards too, not only onto the new one.',
        'The invariants `placed-by-key` and `once-each` hold: nothing lost, nothing doubled.',
      ],
    },
    {
      id: 's11-half-move',
      title: 'A ticket moved between tenants sits on two shards',
      chapter: CHAPTER,
      lab: 'sharding',
      seed: 7,
      script: [
        { at: 0, action: 'key-tenant' },
        { at: 0, sql: 'UPDATE settings SET workload_size = 40 WHERE id = 1', service: 'router', what: 'a shorter workload for the room' },
        { at: 0, action: 'run-workload' },
        { at: 300, fault: 'shard-2-down' },
        { at: 300, action: 'move-ticket' },
      ],
      step: 310,
      pointAt: [
        'The router’s note: two shards, two transactions. The copy commits on shard 1.',
        'Shard 2 does not answer the delete; the router will repeat it. The ticket is in both shards’ `tickets`.',
        '`once-each` is amber. Turn the fault off and play: the delete lands.',
      ],
    },
    {
      id: 's11-lww-loses',
      title: 'Last write wins keeps one region’s ticket and drops the other’s changes',
      chapter: CHAPTER,
      lab: 'sharding',
      seed: 7,
      script: [
        { at: 0, fault: 'partition-regions' },
        { at: 0, action: 'eu-tags' },
        { at: 0, action: 'us-tags' },
        { at: 0, action: 'us-reopens' },
        { at: 10, fault: 'partition-regions', on: false },
      ],
      step: 18,
      pointAt: [
        'Both regions’ `accepted` tables: three changes accepted, one in the EU and two in the US, all at the same moment.',
        'Both `tickets` rows show only “urgent” and no reopen: the EU row’s stamp is later because the US clock runs 40 ms behind.',
        '`no-change-lost` is broken: the US tag and the US reopen are gone, counted from the databases.',
      ],
    },
  ],
  exercises: [
    { lab: 'sharding', id: 'hot-shard-under-40', chapter: CHAPTER, note: 'The one to do in pairs: checked on workloads nobody has seen.' },
    { lab: 'sharding', id: 'reshard-moving-few', chapter: CHAPTER },
    { lab: 'sharding', id: 'ticket-on-two-shards', chapter: CHAPTER },
    { lab: 'sharding', id: 'merge-keeps-both', chapter: CHAPTER },
  ],
  discussion: [
    {
      question: 'The tenant key made shard 2 hot. Would a fifth shard help?',
      answer:
        'No. acme is one value of the key and lands on exactly one shard whatever their number; with five tenants, the hash also piles several small ones next to it. The fixes change the key: hash the customer (or tenant plus customer), or give acme a shard of its own and accept that its reports scatter.',
    },
    {
      question: 'Why is a scatter-gather slower even when every shard is healthy?',
      answer:
        'It waits for the slowest of the shards it asked. Each shard is usually quick and sometimes slow; with three shards the chance that one of them is slow is about three times as high. More shards make it worse, which is why the query that must be fast should name the shard key.',
    },
    {
      question: 'Modulo moved most rows. Why does the ring move only about a quarter?',
      answer:
        'With `h % n`, changing n changes the answer for most h. On the ring each shard owns the arcs before its points; adding shard 4 adds points, and only keys on the arcs those points cut off change owner, all of them onto shard 4. A quarter is what the new shard needs to carry its share.',
    },
    {
      question: 'The router retries the delete until shard 2 comes back. Is that a transaction?',
      answer:
        'No: between the copy and the delete the ticket is on two shards and every reader can see it. It is a saga with a forward step that is retried until it succeeds. If the delete could fail for good, the saga would need a compensation (delete the copy). Two-phase commit would hide the window, at the price of locks held while a shard is down.',
    },
    {
      question: 'Last write wins converged. What went wrong?',
      answer:
        'Both regions ended equal, which is all last write wins promises. It chose the row with the later stamp and discarded the other region’s tag and reopen without any error. The stamp comes from each region’s own clock, so "later" can even be wrong. The merge kept both because adding a tag and reopening commute; assigning the ticket does not, and still needs a rule someone chose.',
    },
  ],
};
