/** Terms introduced by the chapter "Event sourcing". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'event-sourcing',
    term: 'Event sourcing',
    definition:
      'Keeping the facts that changed a piece of data, in order, as the record itself, rather than only its latest state. The current state is computed from those facts, and any other shape of the data can be rebuilt from them.',
    seeAlso: ['event-store', 'fold', 'projection'],
  },
  {
    slug: 'event-store',
    term: 'Event store',
    definition:
      'A database, or a table in one, that holds events and only ever appends to them. It keeps a global order (for consumers that read everything) and a per-stream order (for loading one entity), and refuses a second event at a version that is already taken.',
    seeAlso: ['event-stream', 'expected-version'],
  },
  {
    slug: 'event-stream',
    term: 'Event stream',
    definition:
      'The events of one entity, such as one bank account, numbered 1, 2, 3 … by version. Loading the entity means reading its stream; changing it means appending to the end.',
    seeAlso: ['event-store', 'stream-snapshot'],
  },
  {
    slug: 'expected-version',
    term: 'Expected version',
    definition:
      'The version of a stream that a command was decided on, sent with the append. The store accepts the new events only if the stream is still at that version; otherwise the command is loaded and decided again. It is optimistic concurrency, enforced by a unique key on (stream, version).',
    seeAlso: ['event-stream', 'lost-update'],
  },
  {
    slug: 'fold',
    term: 'Fold (left fold)',
    definition:
      'Computing one value from a sequence by applying a function to an accumulator and each element in turn, from the first to the last. In event sourcing the accumulator is the entity’s state, the function applies one event, and the order is the stream’s version order.',
    seeAlso: ['event-sourcing', 'stream-snapshot'],
  },
  {
    slug: 'stream-snapshot',
    term: 'Snapshot (of a stream)',
    definition:
      'The state folded from a stream up to some version, stored so that a later load starts from it and reads only the events after it. A snapshot is a cache: it can be thrown away and computed again from the events.',
    seeAlso: ['fold', 'event-stream'],
  },
  {
    slug: 'upcaster',
    term: 'Upcaster',
    definition:
      'A function that turns an event written in an older shape into the current one as it is read. Stored events are never rewritten, so every shape an event ever had must stay readable, and upcasters accumulate for as long as the log is kept.',
    seeAlso: ['event-store'],
  },
  {
    slug: 'projection-replay',
    term: 'Replay (of a projection)',
    definition:
      'Building a read model from the first event of the log, as a new consumer does or as a fixed projection does into a new table beside the old one. Readers switch to the new table once it has caught up.',
    seeAlso: ['projection', 'checkpoint'],
  },
  {
    slug: 'crypto-shredding',
    term: 'Crypto-shredding',
    definition:
      'Erasing personal data from a log that cannot be edited by storing it encrypted with a key per person, and deleting the key when the data must go. The events stay; what they held about that person can no longer be read.',
    seeAlso: ['event-store'],
  },
];
