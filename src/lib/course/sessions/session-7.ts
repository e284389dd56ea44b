import type { SessionPlan } from '../types.ts';

const CHAPTER = '/reading/consistency-you-can-feel/';

export const session7: SessionPlan = {
  number: 7,
  title: 'Consistency you can feel',
  minutes: 45,
  chapters: [{ title: 'Consistency you can feel', path: CHAPTER }],
  goal: 'Learners connect replica lag to anomalies a user feels (own comment missing, a comment that vanishes, a reply without its parent), compare routing policies by their measured anomalies and load, and choose what to do in a partition.',
  predict: 'Alice posts a comment and reloads. Which follower will she be sent to, and will her comment be there?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer: 'A comment thread on a leader and two followers; follower 2 replays later than follower 1. Ask the predict question.',
      learners: 'Write down the follower and the answer.',
    },
    {
      minutes: '5–15',
      phase: 'Run',
      trainer: 'Open the own-comment demo and follow Alice’s read to follower 2.',
      learners: 'Compare with their prediction; then do guided runs 1 to 3 of the chapter together.',
      demo: 's7-own-comment-missing',
    },
    {
      minutes: '15–25',
      phase: 'Practise',
      trainer:
        'Groups each take a routing policy, run the workload, and compare their Measured panels: anomalies felt against reads the leader served.',
      learners: 'Run the workload under their policy and report the two numbers.',
    },
    {
      minutes: '25–33',
      phase: 'Inject a fault',
      trainer:
        'Open the partition demo. The room chooses: refuse reads from follower 2, or serve them stale. Then run both and compare the counts.',
      learners: 'Vote, then check the vote against the measured refusals and stale reads.',
      demo: 's7-partition',
    },
    {
      minutes: '33–40',
      phase: 'Discuss',
      trainer: 'The questions below.',
      learners: 'Answer with what the Measured panel showed.',
    },
    {
      minutes: '40–45',
      phase: 'Close',
      trainer: 'Set `see-your-own-comment` and `who-went-back` as graded exercises.',
      learners: 'Start the exercises.',
    },
  ],
  demos: [
    {
      id: 's7-own-comment-missing',
      title: 'Alice reloads and her own comment is missing',
      chapter: CHAPTER,
      lab: 'read-replicas',
      seed: 42,
      script: [
        { at: 0, action: 'alice-posts' },
        { at: 0, action: 'carol-reloads' },
      ],
      step: 21,
      pointAt: [
        'Steps 5 to 12: the leader commits Alice’s comment at position 2 and answers her write.',
        'Step 21: Alice’s read went to follower 2, which had received position 2 but not replayed it yet: “own comment missing”.',
        'The anomalies measure counts it. Step on to the end: the lag measure shows follower 2 replaying about 600 ms after the leader, follower 1 about 160 ms.',
      ],
    },
    {
      id: 's7-partition',
      title: 'Follower 2 cut off from the leader',
      chapter: CHAPTER,
      lab: 'read-replicas',
      seed: 42,
      script: [
        { at: 0, fault: 'partition-follower-2' },
        { at: 0, action: 'alice-posts' },
      ],
      step: 30,
      pointAt: [
        'Every shipment to follower 2 is dropped by the partition; the leader keeps shipping again, after 500 ms, 1 s, then every 2 s.',
        '`followers-converge` is pending: follower 2 is at position 1 of 2, and will stay there until the partition heals. Alice’s own read after posting already went there and missed her comment.',
        'This is the moment to choose: switch the routing to “refuse past 1 s of lag” or leave it on “any follower”, have Carol reload, and compare.',
      ],
    },
  ],
  exercises: [
    { lab: 'read-replicas', id: 'see-your-own-comment', chapter: CHAPTER, note: 'Checked on hidden runs: a good graded exercise.' },
    { lab: 'read-replicas', id: 'who-went-back', chapter: CHAPTER, note: 'A good graded exercise.' },
    { lab: 'read-replicas', id: 'refuse-during-partition', chapter: CHAPTER },
    { lab: 'read-replicas', id: 'sticky-misses-own-write', chapter: CHAPTER },
  ],
  discussion: [
    {
      question: 'Alice’s comment was committed on the leader. Why was it missing when she reloaded?',
      answer:
        'Her read went to a follower that had not replayed her position yet. Every follower runs behind the leader by its replay delay; “any follower” routing ignores what the session itself has written.',
    },
    {
      question: 'Sending every read to the leader removes all the anomalies. Why not do that?',
      answer:
        'Then the followers serve nothing: the leader carries all the reads as well as the writes, which is the load the followers were added to take. The Measured panel puts the anomalies and the leader’s share of reads side by side per policy.',
    },
    {
      question: 'A sticky session sends Alice to the same follower every time. Can she still miss her own comment?',
      answer:
        'Yes: sticking to one follower stops her going back in time between reads, but that follower can still be behind her own write. The `sticky-misses-own-write` exercise asks for exactly that run. Waiting for her position (the token policy) is what guarantees her own writes.',
    },
    {
      question: 'During the partition, is refusing a read better than serving a stale one?',
      answer:
        'It depends on the page. A refused read is an error the user sees now; a stale read is a wrong answer they may not notice. The bounded policy refuses past 1 s of lag, which protects correctness at the cost of availability; the room’s vote is the real answer, argued per page.',
    },
  ],
};
