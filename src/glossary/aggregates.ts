/** Terms of the Part VI chapter on aggregate size: holds, overbooking and the translation between contexts. */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'hold',
    term: 'Hold (reservation that expires)',
    definition:
      'A claim on one unit of stock, such as a seat, written in one small transaction and valid until a stated time. It becomes a booking if the customer finishes in time and lapses otherwise, so nobody has to lock the whole inventory while a customer pays.',
    seeAlso: ['aggregate', 'overbooking'],
  },
  {
    slug: 'overbooking',
    term: 'Overbooking',
    definition:
      'Selling more units than exist, up to a chosen limit, because some buyers will not use theirs. The limit trades empty seats against the chance that more turn up than fit, and each customer left over is owed an apology.',
    seeAlso: ['apology', 'hold'],
  },
  {
    slug: 'anti-corruption-layer',
    term: 'Anti-corruption layer',
    definition:
      'The code at the edge of a bounded context that turns another context’s messages into its own model, so that the other’s words and fields never leak in. When one side changes, only this layer changes with it.',
    seeAlso: ['bounded-context'],
  },
];
