import type { SessionPlan } from '../types.ts';

const CHAPTER = '/events/event-sourcing/';
const OUTBOX = '/events/getting-events-out/';
const INSIDE_OUT = '/events/inside-out/';

export const session9: SessionPlan = {
  number: 9,
  title: 'Events as the source of truth',
  minutes: 110,
  chapters: [
    { title: 'Getting events out: dual writes, the outbox and change data capture', path: OUTBOX },
    { title: 'Event sourcing', path: CHAPTER },
    { title: 'The database turned inside out', path: INSIDE_OUT },
  ],
  goal: 'Learners first watch a service lose an event between its commit and its publish, and see the outbox, a safe copier and a relay reading the write-ahead log announce the same change without losing it; then they see an account stored as a stream of events: a command loaded by folding, two commands decided on one version and told apart by the store’s primary key, a load that starts from a snapshot, a balance in the past answered from the log, and a wrong projection fixed by replaying instead of editing rows. Last, one log feeds a Postgres table, a full-text index and a key-value cache: a view crashes and resumes from its checkpoint, a dropped view is rebuilt with the same content hash, and a forgotten customer disappears from every view but not from the log.',
  predict:
    'The ticket service commits a change and dies before it publishes. Who hears of the change, and who never will? Then: Dave has 100.00. Two tellers each withdraw 80.00 from his account at the same moment, and both see 100.00 when they check. What ends up in the log?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'A ticket service that must announce every change, six ways at once on the same changes: both orders of dual write, an outbox with a polling relay, two copiers and a relay that reads the write-ahead log. Ask the first predict question.',
      learners: 'Write down which of the six channels hear of the change.',
    },
    {
      minutes: '5–15',
      phase: 'Run',
      trainer:
        'Open the crash-after-commit demo. Follow the commit at step 1, the relay’s poll at steps 5 and 6, and the channels delivering up to step 11.',
      learners: 'Find the one channel that never hears of `R-1`, and say why no retry can fix it.',
      demo: 's9-crash-after-commit',
    },
    {
      minutes: '15–25',
      phase: 'Inject a fault',
      trainer:
        'From the chapter, guided runs 1 and 3 live: the whole workload with its four incidents, then the relay crashing after it published. Show `copies` and `notifications` in the downstream console.',
      learners: 'Point at the phantom events and the duplicate the inbox turned away.',
    },
    {
      minutes: '25–35',
      phase: 'Run',
      trainer:
        'The chapter’s watermark section: a held transaction commits after a later one, and the sequence copier skips its row for ever. Then read the write-ahead log of your own transaction.',
      learners: 'Run `read-your-wal` and find their message and its COMMIT.',
    },
    {
      minutes: '35–40',
      phase: 'Discuss',
      trainer: 'The first two questions below.',
      learners: 'Answer with what the lab showed.',
    },
    {
      minutes: '40–45',
      phase: 'Frame',
      trainer:
        'An account service whose record is the `events` table: every state is a fold of a stream, and the state table, the snapshots and the projections are derived. Ask the predict question.',
      learners: 'Write down the events they expect for Dave, and his balance.',
    },
    {
      minutes: '45–55',
      phase: 'Run',
      trainer:
        'Open the two-tellers demo. Follow both withdrawals from load to append, then the `23505` and the second decision. Show `commands` in the accounts console.',
      learners: 'Compare with their prediction; find `attempts = 2`.',
      demo: 's9-two-tellers',
    },
    {
      minutes: '55–60',
      phase: 'Inject a fault',
      trainer: 'From the same state, press Rush, then tick Slow risk check and rush again. Read the Concurrent commands measure each time.',
      learners: 'Say why a longer risk check means more conflicts.',
    },
    {
      minutes: '60–68',
      phase: 'Run',
      trainer:
        'Open the snapshot demo: a day of history, then one deposit. Show the load that read one snapshot and 34 events, then run the chapter’s time-travel query in the accounts console.',
      learners: 'Read the balances at 14:05 and say what the state table alone could not answer.',
      demo: 's9-snapshot-load',
    },
    {
      minutes: '68–75',
      phase: 'Inject a fault',
      trainer:
        'Guided runs 5 and 6 of the chapter, live: Reset, load the history, see `projections-agree` broken, press Replay the summary into v2 and switch; then add the daily totals projection and crash the projector while depositing.',
      learners: 'Watch `checkpoints` and the `account_summary` view in the projector’s console.',
    },
    {
      minutes: '75–82',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s storage and rebuild tables on screen.',
      learners: 'Answer with what the lab showed.',
    },
    {
      minutes: '82–90',
      phase: 'Practise',
      trainer: 'Set `time-travel` in pairs; `fold-as-sql` and `switch-to-v2` as homework.',
      learners: 'Write the query and press Check.',
    },
    {
      minutes: '90–93',
      phase: 'Frame',
      trainer:
        'The database turned inside out: the log is the record of the whole shop, and a Postgres table, a search index and a cache are each a fold of it up to their own checkpoint. Ask: if the search index crashes for an hour, what does it need to catch up?',
      learners: 'Write down what the index must remember, and where.',
    },
    {
      minutes: '93–101',
      phase: 'Run',
      trainer:
        'Open the crashed-view demo. Show both views applying positions 1–2, the search view crashing on Ben’s batch, and after the restart one fetch from its checkpoint. Then Reset, load the history and press Drop the reporting view and rebuild it; run the two hash queries from the chapter.',
      learners: 'Find the search view’s checkpoint before and after the restart; compare `hash_before` and `hash_after`.',
      demo: 's9-view-resumes',
    },
    {
      minutes: '101–106',
      phase: 'Inject a fault',
      trainer:
        'Open the forgotten-customer demo. Every view has dropped Ada’s email; run the chapter’s query on `log` and show both addresses still there, and the `23001` when you try to change them.',
      learners: 'Say which of the three stores could have kept the email, and why the log cannot drop it.',
      demo: 's9-forget-ada',
    },
    {
      minutes: '106–110',
      phase: 'Discuss',
      trainer: 'The last question below, with the chapter’s rebuild table on screen; set `add-third-store` as homework.',
      learners: 'Answer with what the lab showed.',
    },
  ],
  demos: [
    {
      id: 's9-crash-after-commit',
      title: 'The service commits a change and crashes before publishing it',
      chapter: OUTBOX,
      lab: 'outbox-relay',
      seed: 42,
      script: [
        { at: 0, fault: 'crash-after-commit' },
        { at: 0, action: 'next-change' },
      ],
      step: 11,
      pointAt: [
        'Step 1: the ticket service opens ticket `R-1`. The publish-then-commit channel sends its event first; then one transaction writes the row, its outbox row and its message in the write-ahead log, commits, and the service crashes before the commit-then-publish channel sends anything.',
        'Steps 5 and 6: the relay’s first poll finds `R-1` in the outbox, in both copiers’ queries and in the log, and publishes it on those four channels.',
        'Step 11: the downstream service has notified `R-1` on five channels. Commit-then-publish never heard of it, and nothing will ever send it again: the only record of what was left to publish died with the process.',
      ],
    },
    {
      id: 's9-two-tellers',
      title: 'Two tellers withdraw from Dave on the same version',
      chapter: CHAPTER,
      lab: 'event-sourcing',
      seed: 42,
      script: [
        { at: 0, fault: 'projector-crash' },
        { at: 0, action: 'open-dave' },
        { at: 9, action: 'race' },
      ],
      step: 17,
      pointAt: [
        'Step 3: Dave’s account is appended as version 2 with 100.00. The projector crashes on its first batch and keeps failing every 500 ms; the account service carries on without it. (Both demos keep Projector crashes on because the projector writes the engine time of each batch it applies into the trace; without batches the run is the same on every machine. Untick it afterwards and press Play to see the summary catch up.)',
        'Steps 11 and 12: both withdrawals load Dave at version 2 with 100.00 and pass the rules; at step 13 T-3 appends version 3, balance 20.00.',
        'Step 14: T-2’s insert of version 3 fails with `23505`; it loads Dave again at 20.00 and is refused for insufficient funds. `commands` shows T-2 with `attempts = 2`, and the Concurrent commands measure counts one conflict.',
      ],
    },
    {
      id: 's9-snapshot-load',
      title: 'A day of history: one deposit loads a snapshot and 34 events',
      chapter: CHAPTER,
      lab: 'event-sourcing',
      seed: 42,
      script: [
        { at: 0, fault: 'projector-crash' },
        { at: 0, action: 'load-history' },
        { at: 3, action: 'deposit-alice' },
      ],
      step: 8,
      pointAt: [
        'Step 1: the history is written: 1,000 events for Alice, Bob and Carol on 1 March, with 9 snapshots.',
        'Step 5: Alice’s deposit loads the snapshot at version 300 and the 34 events after it, not 334 events; at step 7 it is appended as version 335.',
        'Run the chapter’s time-travel query in the accounts console: each account’s balance at 14:05, computed from the events recorded by then, with nothing kept for the purpose.',
      ],
    },
    {
      id: 's9-view-resumes',
      title: 'The search view crashes and resumes from its checkpoint',
      chapter: INSIDE_OUT,
      lab: 'log-views',
      seed: 42,
      script: [
        { at: 0, action: 'ada-orders' },
        { at: 6, fault: 'search-crash' },
        { at: 6, action: 'ben-orders' },
        { at: 13, fault: 'search-crash', on: false },
        { at: 13, restart: 'search' },
      ],
      step: 16,
      pointAt: [
        'Steps 1 to 7: the order service appends Ada’s registration and order at positions 1 and 2; reporting and search each fetch them and commit their rows with their checkpoint at 2.',
        'Steps 8 to 13: Ben’s two events are appended at positions 3 and 4. At step 13 the search view crashes as their batch arrives, before applying anything, and the script restarts it at once.',
        'Step 14: reporting applies positions 3–4. Steps 15 and 16: the restarted search view knows only its checkpoint, 2, fetches positions 3–4 and applies them; every invariant holds.',
      ],
    },
    {
      id: 's9-forget-ada',
      title: 'Ada is forgotten by every view, and not by the log',
      chapter: INSIDE_OUT,
      lab: 'log-views',
      seed: 42,
      script: [
        { at: 0, action: 'ada-orders' },
        { at: 6, action: 'ada-email' },
        { at: 12, action: 'forget-ada' },
      ],
      step: 21,
      pointAt: [
        'Steps 1 to 7: Ada’s registration and order, positions 1 and 2, reach reporting and search.',
        'Step 8 appends her new email at position 3; step 13 appends `customer-forgotten` at position 4, and the order service notes that 2 events in the log still carry an address of hers.',
        'Steps 20 and 21: reporting blanks her name and email but keeps her order count under her id; search blanks them in her order documents. In the orders console, the chapter’s query on `log` shows both addresses, and an UPDATE on them fails with 23001.',
      ],
    },
  ],
  exercises: [
    {
      lab: 'outbox-relay',
      id: 'skip-a-change',
      chapter: OUTBOX,
      note: 'Hold a transaction, commit a later change, let the sequence copier poll.',
    },
    { lab: 'outbox-relay', id: 'safe-extract', chapter: OUTBOX, note: 'Checked on hidden interleavings: good homework.' },
    { lab: 'outbox-relay', id: 'read-your-wal', chapter: OUTBOX },
    { lab: 'event-sourcing', id: 'catch-a-conflict', chapter: CHAPTER, note: 'The two-tellers demo shows the state the check wants.' },
    { lab: 'event-sourcing', id: 'switch-to-v2', chapter: CHAPTER },
    { lab: 'event-sourcing', id: 'fold-as-sql', chapter: CHAPTER, note: 'Checked on runs nobody has seen: good homework.' },
    { lab: 'event-sourcing', id: 'time-travel', chapter: CHAPTER, note: 'The one to do in pairs in the session.' },
    {
      lab: 'log-views',
      id: 'add-third-store',
      chapter: INSIDE_OUT,
      note: 'Homework: load the history, add the cache, and compare the writer’s schema fingerprint before and after.',
    },
  ],
  discussion: [
    {
      question: 'Commit-then-publish lost the event. Why does retrying the publish not fix it?',
      answer:
        'A retry needs to know, after the crash, which committed changes were not published yet. The process that knew is gone, and nothing durable says so. Writing that knowledge in the same transaction as the change is exactly the outbox; reading it from the database’s own log is change data capture.',
    },
    {
      question: 'The relay crashed after publishing and published the same events again. Is that a bug?',
      answer:
        'It is the price of every relay that publishes and then records that it did: delivery is at least once. The consumer’s inbox (an event id it has already handled is turned away in the same transaction as its effect) makes the second copy harmless, which `notifications` shows with one row per change.',
    },
    {
      question: 'Both withdrawals saw 100.00. What stopped Dave going to −60.00?',
      answer:
        'Each command appends at the version after the one it loaded, and `(stream, version)` is the events table’s primary key. The second append asked for version 3, which the first had just taken, so Postgres refused it with `23505`; the service loaded Dave again, now at 20.00, and refused the withdrawal. The chapter’s negative control appends after whatever is there instead, and then decisions made on a stale state get through.',
    },
    {
      question: 'Why do snapshots not change the answer, and what would a wrong snapshot do?',
      answer:
        'A snapshot is a cache of the fold up to its version: loading from it and folding the events after it must give the same state as folding from the first event. The lab times both and checks they agree; `snapshots-agree` checks every snapshot against its events. A wrong snapshot would silently poison every load after it, which is why it is derived data, never edited.',
    },
    {
      question: 'The summary projection was wrong for every old deposit. Why replay it instead of fixing the rows?',
      answer:
        'The events are right; the projection read them wrongly. Replaying into a new table through the upcaster rebuilds it from the record, while the old table goes on serving; one transaction then points the view at the new one. Patching rows would fix today’s rows and leave the bug in the code and in the next rebuild.',
    },
    {
      question: 'What does event sourcing cost that a state table does not?',
      answer:
        'Every load is a fold, and every new or fixed projection is a fold of the entire log, so rebuild time grows with history. The log is many times the size of the state it produces and never shrinks. Old event shapes live forever and need upcasters. Readers of projections see them behind the log, and the projector crashing does not stop writes, only the reads built from them.',
    },
    {
      question: 'The search index was down for an hour. What does it need to catch up, and why can it not count an order twice?',
      answer:
        'Only its checkpoint, committed in the same transaction as its rows: after a restart it fetches the events after that position from the log, which keeps them. A batch that arrives twice holds events at or before the checkpoint, and the view skips them; the lab’s tests show that a view which applies whatever it is handed counts the redelivered orders twice.',
    },
  ],
  shorter:
    'Drop the inside-out block (90–110) and set its demos as reading; or run it as two sessions, one per chapter of the first two, with the inside-out block closing the second. In one session, drop the live projection runs (68–75) and the watermark section (25–35), and tell what `switch-to-v2` and `skip-a-change` ask; the demos and the discussion carry it.',
};
