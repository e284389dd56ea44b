/** Terms introduced by the chapter "Personal data: who may see it, and how many copies exist". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'column-privilege',
    term: 'Column privilege',
    definition:
      'A grant of SELECT (or INSERT, UPDATE) on named columns of a table rather than on the whole table, as in `GRANT SELECT (id, region) ON customers TO reporting`. A query that names any other column is refused by the database with SQLSTATE 42501.',
    seeAlso: ['row-level-security', 'data-masking'],
  },
  {
    slug: 'row-level-security',
    term: 'Row-level security (RLS)',
    definition:
      'Policies attached to a table that filter which rows a role can see or change. Once it is enabled, a role with no matching policy sees no rows at all; `FORCE ROW LEVEL SECURITY` subjects the table’s owner to the policies too.',
    seeAlso: ['column-privilege'],
  },
  {
    slug: 'data-masking',
    term: 'Data masking',
    definition:
      'Showing a reduced form of a sensitive value (the first letter and the domain of an email, the last two digits of a phone number) to readers who need its shape but not the value. Commonly a view that some roles may read while the table itself stays closed to them.',
    seeAlso: ['column-privilege', 'pseudonymisation'],
  },
  {
    slug: 'right-to-erasure',
    term: 'Right to erasure',
    definition:
      'A person’s right under GDPR Article 17 to have their personal data erased without undue delay, in every system that holds it, with some exceptions (legal retention, for instance). The obligation lands on whoever holds the copies, including ones they forgot they had.',
    seeAlso: ['crypto-shredding', 'data-catalog'],
  },
  {
    slug: 'pseudonymisation',
    term: 'Pseudonymisation',
    definition:
      'Replacing identifying values with tokens or ciphertext so that data can be used without identifying anyone, while whoever holds the key or the token table still can. Pseudonymised data is still personal data under GDPR; anonymised data is not.',
    seeAlso: ['crypto-shredding', 'data-masking'],
  },
  {
    slug: 'data-catalog',
    term: 'Data catalog',
    definition:
      'An inventory of where data lives: which services and tables hold which kinds of data, who owns them, where they came from. For personal data it is the list an erasure is sent to, so a copy missing from it is a copy no erasure reaches.',
    seeAlso: ['right-to-erasure'],
  },
];
