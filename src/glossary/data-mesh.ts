/** Terms of Part VII, chapter "Data mesh: data as a product". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'data-mesh',
    term: 'Data mesh',
    definition:
      'A way of organising analytical data around the teams that own the business domains: each team publishes its data as products for others to use, a platform team gives them the tooling, and a few rules agreed across teams are checked automatically. It is first a change of who is responsible for what, and only then a technical layout.',
    seeAlso: ['data-product', 'federated-governance', 'self-serve-data-platform'],
  },
  {
    slug: 'data-product',
    term: 'Data product',
    definition:
      'A data set a domain team publishes on purpose for others to consume, with what any product has: a named owner, a documented interface (its contract), a version, a promise about how fresh it is, and a place in the catalog where consumers find it. Its consumers depend on the product, never on the tables behind it.',
    seeAlso: ['data-contract', 'freshness-objective', 'data-catalog'],
  },
  {
    slug: 'data-contract',
    term: 'Data contract',
    definition:
      'What a data product promises its consumers, written down so a machine can check it: at least its columns and their types, often also constraints, meaning and freshness. A contract test run before a change is deployed refuses a change that would break the promise; adding a column usually keeps it, renaming, dropping or retyping one breaks it.',
    seeAlso: ['data-product', 'product-version'],
  },
  {
    slug: 'product-version',
    term: 'Product version (of a data product)',
    definition:
      'A data product’s interface under a version number (tickets_v1, tickets_v2). A breaking change is published as a new version beside the old one, which stays served until its consumers have moved and its owner retires it, so that producer and consumers change at their own pace.',
    seeAlso: ['data-contract'],
  },
  {
    slug: 'freshness-objective',
    term: 'Freshness objective (freshness SLO)',
    definition:
      'A data product’s promise about staleness, such as “never more than 1 s since the last publish”, measured by the platform for every product. A product whose publishing job has stopped stays readable and looks fine; only its measured freshness against the objective says it is not.',
    seeAlso: ['data-freshness', 'data-product'],
  },
  {
    slug: 'federated-governance',
    term: 'Federated governance',
    definition:
      'Rules every domain must follow (personal data masked, products versioned, names conventional), agreed by representatives of the domains and the platform rather than imposed by a central team, and enforced by checks the platform runs over every domain’s catalog, not by reviews.',
    seeAlso: ['data-mesh', 'data-masking'],
  },
  {
    slug: 'self-serve-data-platform',
    term: 'Self-serve data platform',
    definition:
      'The tooling a platform team builds so that a domain team can publish, version, secure and monitor a data product without asking anyone: templates, the catalog, access roles, contract tests and freshness monitoring. It owns no domain’s data.',
    seeAlso: ['data-mesh', 'data-product'],
  },
];
