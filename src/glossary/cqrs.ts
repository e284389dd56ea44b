/** Terms introduced by the chapter "CQRS: a read model, and watching it lag". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'cqrs',
    term: 'CQRS (command query responsibility segregation)',
    definition:
      'Splitting one service’s data into a write model that takes commands and one or more read models that answer queries, each in the shape and store that suits it. The read models are derived from the write model’s changes, so they trail it.',
    seeAlso: ['write-model', 'read-model', 'projection'],
  },
  {
    slug: 'write-model',
    term: 'Write model',
    definition:
      'The data a service changes when it accepts a command, kept normalised so that its rules can be enforced in one transaction. It is the source of truth that every read model is built from.',
    seeAlso: ['cqrs', 'read-model'],
  },
  {
    slug: 'read-model',
    term: 'Read model',
    definition:
      'A copy of data shaped for one way of reading it, such as one flat row per order for a customer’s order list. Code never writes to it directly: a projection fills it from change events, so it can be thrown away and rebuilt.',
    seeAlso: ['cqrs', 'projection', 'projection-lag'],
  },
  {
    slug: 'projection',
    term: 'Projection',
    definition:
      'The process that applies change events to a read model, and the read model it produces. A sound projection is idempotent and keeps only the newest version of each row, because events can arrive twice or out of order.',
    seeAlso: ['read-model', 'checkpoint'],
  },
  {
    slug: 'checkpoint',
    term: 'Checkpoint',
    definition:
      'The position in a stream of changes up to which a consumer has applied everything. Committed in the same transaction as the changes it covers, it lets the consumer resume after a crash without losing or repeating work.',
    seeAlso: ['projection'],
  },
  {
    slug: 'projection-lag',
    term: 'Projection lag',
    definition:
      'How far a read model trails its write model: in time, from a change’s commit to the projection’s commit of it, or in events still waiting. It grows whenever changes arrive faster than the projection can apply them.',
    seeAlso: ['read-model', 'inconsistency-window'],
  },
  {
    slug: 'version-token',
    term: 'Version token',
    definition:
      'A marker a write hands back to its caller, such as the log position of its change, which the caller sends with its next read. The read side answers only once it has applied changes up to that marker, or gives up after a limit.',
    seeAlso: ['read-your-writes', 'checkpoint'],
  },
  {
    slug: 'optimistic-ui',
    term: 'Optimistic UI',
    definition:
      'A user interface that shows the result it expects from an action at once, before the server confirms it, and corrects itself when the server’s answer differs. The user waits for nothing, and is sometimes shown something that was never true.',
    seeAlso: ['read-your-writes'],
  },
  {
    slug: 'poison-event',
    term: 'Poison event',
    definition:
      'An event that a consumer fails on every time it tries, so that retrying it blocks everything queued behind it. Consumers set such an event aside, in a dead-letter table or topic, after a bounded number of attempts.',
    seeAlso: ['dead-letter-topic', 'projection'],
  },
];
