/** Terms introduced by the chapter "Consistency you can feel". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'strong-consistency',
    term: 'Strong consistency (linearizability)',
    definition:
      'A promise that every read returns the newest committed write, as if the data had one copy and every operation took effect at a single instant. Replicas can keep it only by waiting for each other or by sending reads to the leader.',
    seeAlso: ['sequential-consistency', 'cap-theorem'],
  },
  {
    slug: 'sequential-consistency',
    term: 'Sequential consistency',
    definition:
      'A promise that all readers see writes in one and the same order, without promising how recent that view is. A replica that replays one leader’s log in order gives it to whoever reads only from that replica.',
    seeAlso: ['strong-consistency', 'causal-consistency'],
  },
  {
    slug: 'causal-consistency',
    term: 'Causal consistency',
    definition:
      'A promise that whatever a write depended on is visible before the write itself: nobody sees a reply without the comment it answers. Writes with no causal link may still appear in different orders to different readers.',
    seeAlso: ['session-guarantees', 'position-token'],
  },
  {
    slug: 'session-guarantees',
    term: 'Session guarantees',
    definition:
      'Promises made to one client’s sequence of reads and writes rather than to everyone: read your writes, monotonic reads, writes follow reads, and monotonic writes. Together they amount to causal consistency for that session.',
    seeAlso: ['read-your-writes', 'monotonic-reads', 'writes-follow-reads'],
  },
  {
    slug: 'read-your-writes',
    term: 'Read your writes',
    definition:
      'A session guarantee: once a write is acknowledged, every later read in the same session includes it. It says nothing about when other users see that write. One way to keep it is to serve that session from the write side, or the leader, for a short while; another is a version token.',
    seeAlso: ['session-guarantees', 'position-token'],
  },
  {
    slug: 'monotonic-reads',
    term: 'Monotonic reads',
    definition:
      'A session guarantee: a read never returns an older state than a read before it in the same session, so nothing a user has seen disappears again. Reading from one replica at a time keeps it.',
    seeAlso: ['session-guarantees', 'sticky-session'],
  },
  {
    slug: 'writes-follow-reads',
    term: 'Writes follow reads',
    definition:
      'A session guarantee: a write is ordered after the writes its session had read, so a reply lands after the comment it answers everywhere. With a single leader taking all writes it holds by construction.',
    seeAlso: ['session-guarantees', 'causal-consistency'],
  },
  {
    slug: 'bounded-staleness',
    term: 'Bounded staleness',
    definition:
      'A promise that a read may lag behind the newest write, but never by more than a set time or number of versions. A replica further behind must refuse to answer or pass the read elsewhere.',
    seeAlso: ['replication-lag', 'cap-theorem'],
  },
  {
    slug: 'replication-lag',
    term: 'Replication lag',
    definition:
      'How far a follower is behind its leader, measured as time since the oldest change it has not yet applied, or as a distance between log positions. It grows with load, slow disks and network trouble, and without limit during a partition.',
    seeAlso: ['log-sequence-number', 'bounded-staleness'],
  },
  {
    slug: 'log-sequence-number',
    term: 'Log sequence number (LSN)',
    definition:
      'A position in a database’s change log. A leader’s LSN grows with each commit; a follower reports the LSN it has replayed up to, so comparing the two says exactly which changes the follower already holds.',
    seeAlso: ['replication-lag', 'position-token'],
  },
  {
    slug: 'sticky-session',
    term: 'Sticky session',
    definition:
      'Routing every request of one user or connection to the same replica. It keeps reads monotonic for that user, but not fresh: the chosen replica may be behind the user’s own writes.',
    seeAlso: ['monotonic-reads'],
  },
  {
    slug: 'position-token',
    term: 'Position token',
    definition:
      'The highest log position a session has written or read, carried with its requests (in a cookie, a header or a driver’s session). A replica serves the request only once it has replayed that position, which gives read your writes, monotonic reads and causal order without reading from the leader.',
    seeAlso: ['log-sequence-number', 'causal-consistency'],
  },
  {
    slug: 'cap-theorem',
    term: 'CAP theorem',
    definition:
      'The observation that while a network partition separates replicas, a system must choose for each request between consistency (refuse or wait) and availability (answer with what this side has). Without a partition the choice is between consistency and latency instead.',
    seeAlso: ['strong-consistency', 'bounded-staleness'],
  },
];
