import type { GlossaryTerm } from './types.ts';

/** Terms of Part II, chapter "Who owns this table?". */
export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'table-owner',
    term: 'Table owner',
    definition:
      'The one service allowed to change a table’s rows. The working rule is that whoever writes a table owns it; services that only read it depend on the owner but own nothing.',
    seeAlso: ['single-ownership', 'write-log'],
  },
  {
    slug: 'single-ownership',
    term: 'Single ownership',
    definition:
      'A table that exactly one service writes. That service owns it, and every other service reads through it or from a copy it feeds.',
    seeAlso: ['table-owner', 'common-ownership', 'joint-ownership'],
  },
  {
    slug: 'common-ownership',
    term: 'Common ownership',
    definition:
      'A table that several services write although its data belongs to no business domain, typically reference data or an audit trail. Services that only read it do not count: reading is a dependency, not a claim. It is usually resolved by giving the table to one small service of its own, or by letting one service maintain it and hand out read-only copies.',
    seeAlso: ['reference-data', 'single-ownership', 'joint-ownership'],
  },
  {
    slug: 'joint-ownership',
    term: 'Joint ownership',
    definition:
      'A table of a business domain that more than one service writes. The usual case is two services within that domain, each changing part of the same rows, such as Ticket and Assignment on tickets; a writer from elsewhere (Billing correcting customer emails) poses the same problem. It is the hard case: one of them must give up its writes, or the table must be split, shared in a narrow data domain, or the services merged.',
    seeAlso: ['common-ownership', 'single-ownership'],
  },
  {
    slug: 'reference-data',
    term: 'Reference data',
    definition:
      'Small, slowly changing lookup data that many services need and no business domain owns, such as zip codes or country codes. It is the usual subject of common ownership.',
    seeAlso: ['common-ownership', 'column-replication'],
  },
  {
    slug: 'write-log',
    term: 'Write log (write trace)',
    definition:
      'A record, kept by the database, of which service read or changed which table and when. Counting the distinct writers per table in it shows each table’s ownership for the period recorded.',
    seeAlso: ['table-owner'],
  },
];
