import type { SessionPlan } from '../types.ts';

const CHAPTER = '/boundaries/backups/';

export const session12: SessionPlan = {
  number: 12,
  title: 'Backups across services',
  minutes: 50,
  chapters: [{ title: 'Backups across services: RPO and RTO', path: CHAPTER }],
  goal: 'Learners restore a damaged orders database from a real dump and to a point in time, measure what each loses (RPO) and what it costs in vault space and restore time (RTO), meet the payments that now belong to orders nobody remembers, repair them two ways, and let a restore drill find a backup that failed silently.',
  predict:
    'Orders is dumped every ten minutes. At 14:30 someone runs an UPDATE without a WHERE, and orders is restored from the 10:00 dump. Payments is not touched. What does the payments table hold that the orders table no longer explains, and how would you find out?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'Three services and a vault: orders and payments in Postgres, a broker topic kept twelve minutes, a vault that dumps on a schedule and can ship the orders change log. Define RPO and RTO in one sentence each. Ask the predict question.',
      learners: 'Write down what payments holds after the restore.',
    },
    {
      minutes: '5–13',
      phase: 'Run',
      trainer:
        'Open the restore-from-dump demo: the bad UPDATE at 14:30, the restore from the 10:00 dump, and the cross-service check. Show `restore_runs` on orders and the Measured panel’s loss window.',
      learners: 'Compare the orphan payments with their prediction.',
      demo: 's12-restore-from-dump',
    },
    {
      minutes: '13–20',
      phase: 'Run',
      trainer:
        'Open the point-in-time demo: the same damage with the log shipped every 15 s, restored to just before it. Compare the loss window and the orphans with the first demo.',
      learners: 'Say what still went missing, and why no schedule makes it zero.',
      demo: 's12-point-in-time',
    },
    {
      minutes: '20–28',
      phase: 'Inject a fault',
      trainer:
        'Open the replay demo, then press Reset and show the reconciliation live instead. Show the recreated rows without an address and the invoice orders that neither repair found in payments.',
      learners: 'Name which orders each repair brings back, and which fields.',
      demo: 's12-replay-repair',
    },
    {
      minutes: '28–38',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s two Measured tables on screen.',
      learners: 'Pick an RPO and an RTO for one service of their own, and the schedule that meets them.',
    },
    {
      minutes: '38–50',
      phase: 'Practise',
      trainer: 'Pairs do `rpo-one-minute`; `drill-finds-silent-failure` and `repair-the-orphans` as homework.',
      learners: 'Choose a schedule with the buttons and press Check.',
    },
  ],
  demos: [
    {
      id: 's12-restore-from-dump',
      title: 'The bad UPDATE, restored from the last dump: orders goes back to 10:00, payments does not',
      chapter: CHAPTER,
      lab: 'backups',
      seed: 11,
      script: [
        { at: 0, action: 'open-shop' },
        { at: 443, action: 'bad-update' },
        { at: 443, action: 'restore-dump' },
        { at: 452, action: 'cross-check' },
      ],
      step: 460,
      pointAt: [
        'The note at 14:30 on orders: `UPDATE orders SET total_cents = 0: done, and committed`, logged by the trigger like any other change.',
        'A few steps later the vault hands over the 10:00 dump, and orders notes how many orders it restored and the modelled transfer time.',
        'The cross-service check counts the payments that name an order orders no longer holds; `payments-have-orders` is broken, and the Measured panel gives the loss window.',
      ],
    },
    {
      id: 's12-point-in-time',
      title: 'The same damage with the log shipped every 15 s: restored to just before it',
      chapter: CHAPTER,
      lab: 'backups',
      seed: 11,
      script: [
        { at: 0, action: 'ship-every-15' },
        { at: 0, action: 'open-shop' },
        { at: 566, action: 'bad-update' },
        { at: 566, action: 'restore-pitr' },
        { at: 575, action: 'cross-check' },
      ],
      step: 583,
      pointAt: [
        'The vault sends the 10:00 dump and the shipped log entries after it, up to the last one before the UPDATE.',
        'Orders notes the entries it replayed; `restore_runs` shows them beside the dump’s rows.',
        'The check still finds an orphan or two: orders placed after the last shipment, paid, and not yet off the box.',
      ],
    },
    {
      id: 's12-replay-repair',
      title: 'Repairing the orphans by replaying the broker’s topic',
      chapter: CHAPTER,
      lab: 'backups',
      seed: 11,
      script: [
        { at: 0, action: 'open-shop' },
        { at: 443, action: 'bad-update' },
        { at: 443, action: 'restore-dump' },
        { at: 452, action: 'cross-check' },
        { at: 460, action: 'replay' },
      ],
      step: 470,
      pointAt: [
        'Orders asks the broker for every event since 10:00, the restore point; the topic still keeps them, since its retention is twelve minutes.',
        'The note counts the orders recreated, invoice orders included, each with its address.',
        'The second cross-service check finds no orphan, and all three invariants hold.',
      ],
    },
  ],
  exercises: [
    { lab: 'backups', id: 'undo-bad-update', chapter: CHAPTER },
    {
      lab: 'backups',
      id: 'drill-finds-silent-failure',
      chapter: CHAPTER,
      note: 'A backup nobody restored is a hope: the point of this one.',
    },
    { lab: 'backups', id: 'repair-the-orphans', chapter: CHAPTER },
    {
      lab: 'backups',
      id: 'rpo-one-minute',
      chapter: CHAPTER,
      note: 'The one to do in pairs: checked on days the learners never saw, damaged at moments they do not know.',
    },
  ],
  discussion: [
    {
      question: 'The restore worked perfectly. Why is the system wrong afterwards?',
      answer:
        'Because it restored one service. Orders is back at 10:00; payments kept everything after 10:00, because nothing was wrong with it. Every card order placed in between now has a payment and no order. Within one database a restore is consistent by construction; across services nothing makes two independent backups agree on a moment.',
    },
    {
      question: 'Why not restore payments to 10:00 as well?',
      answer:
        'It would make the two agree by erasing records of money the provider really took, and every other service would then need restoring too. The damage was in orders; restoring healthy services to match it multiplies the loss. Teams restore the damaged service and repair the edges with a check and a decided repair.',
    },
    {
      question: 'Reconciliation or replay: which one would you run first?',
      answer:
        'Replay brings back whole orders, invoice orders included, but only as far back as the topic keeps events. Reconciliation works whatever the retention, but only for orders someone paid for and only with the fields payments knew (no address). Run the replay when the restore point is within retention; reconcile what is left, and list what neither could recover for a person to handle.',
    },
    {
      question: 'What does a one-minute RPO really cost?',
      answer:
        'With dumps alone, a full copy every minute: the vault fills with the same rows again and again. With log shipping, each change is copied once, and the dumps only shorten the replay. The measured table shows both. The cost moves to the restore instead: a rare dump means a long log to replay, which is RTO.',
    },
    {
      question: 'The dump job reported success every time. How would you have known?',
      answer:
        'Only by reading a dump back: a restore drill that loads it somewhere harmless and compares it with what should be there (row counts against the change log here; checksums or business totals in real life). Schedule drills, time them (that is your measured RTO), and alert on a drill that fails, not only on a job that does.',
    },
  ],
};
