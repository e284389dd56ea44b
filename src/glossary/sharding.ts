/** Terms introduced by the chapter "Sharding and multi-leader writes". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'shard-key',
    term: 'Shard key (partition key)',
    definition:
      'The column or columns that decide which shard stores a row. A query that names the key reaches one shard; a query that does not must ask them all. The key is hard to change once data is spread by it.',
    seeAlso: ['hot-shard', 'scatter-gather', 'resharding'],
  },
  {
    slug: 'hot-shard',
    term: 'Hot shard (skew)',
    definition:
      'A shard that holds or serves far more than its share because the shard key groups too much together, such as one huge tenant or one busy region. Adding shards does not help it: the hot key still lands on one of them.',
    seeAlso: ['shard-key'],
  },
  {
    slug: 'scatter-gather',
    term: 'Scatter-gather query',
    definition:
      'A query sent to every shard because it does not name the shard key, with the router merging the answers. It waits for the slowest shard and fails when any shard is down.',
    seeAlso: ['shard-key'],
  },
  {
    slug: 'consistent-hashing',
    term: 'Consistent hashing',
    definition:
      'Placing keys on a ring of hash values where each shard owns many points, so that adding a shard takes over only the keys just before its points. Hash modulo the shard count, by contrast, reassigns most keys when the count changes.',
    seeAlso: ['resharding'],
  },
  {
    slug: 'resharding',
    term: 'Resharding',
    definition:
      'Changing how many shards there are, or which key ranges each owns, and moving rows to match. Each move is a copy to the new shard and then a delete on the old one, and both must finish before the row counts once again.',
    seeAlso: ['consistent-hashing', 'shard-key'],
  },
  {
    slug: 'multi-leader',
    term: 'Multi-leader replication',
    definition:
      'More than one copy of the data accepts writes, typically one per region, and each sends its changes to the others. Two copies can then change the same row at the same time, and a conflict policy decides what survives.',
    seeAlso: ['last-write-wins', 'crdt', 'cap-theorem'],
  },
  {
    slug: 'last-write-wins',
    term: 'Last write wins (LWW)',
    definition:
      'A conflict policy that keeps the version with the latest timestamp and throws the other away. It always converges, and it silently drops whatever the losing write changed; clocks that disagree decide which one that is.',
    seeAlso: ['multi-leader', 'crdt'],
  },
  {
    slug: 'crdt',
    term: 'CRDT (conflict-free replicated data type)',
    definition:
      'A data type whose copies can be changed independently and merged in any order to the same result, such as a set that only grows or a counter kept per replica and summed. Merging keeps both sides’ changes instead of choosing one.',
    seeAlso: ['multi-leader', 'last-write-wins'],
  },
];
