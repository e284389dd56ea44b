import type { SessionPlan } from '../types.ts';

const CHAPTER = '/analytics/data-mesh/';

export const session16: SessionPlan = {
  number: 16,
  title: 'Data mesh: data as a product',
  minutes: 60,
  chapters: [{ title: 'Data mesh: data as a product', path: CHAPTER }],
  goal: 'Learners see two domains publish versioned data products with a contract, an owner and a freshness objective; break a consumer with a producer’s rename and watch a contract test refuse the same change and publish it as v2; find an unmasked email with a policy check over the catalogs; measure a stalled product against its objective; and argue when a mesh is worth its organisational cost.',
  predict:
    'Support renames a column of the tickets data it publishes. Marketing’s query reads that column. Who notices first, and how: Support’s deploy, marketing’s dashboard, or nobody?',
  agenda: [
    {
      minutes: '0–7',
      phase: 'Frame',
      trainer:
        'The central data team as a queue: every report waits for it, it models domains it does not know. Draw the four ideas (domain ownership, products, platform, federated rules) and say which is organisational. Ask the predict question.',
      learners: 'Write down who notices the rename, and when.',
    },
    {
      minutes: '7–15',
      phase: 'Run',
      trainer:
        'Open the rename demo. Show `mesh.products` and `mesh.contract_columns` in Support’s database, then step 56 (the rename deployed, no test ran) and step 86 (marketing’s query fails with 42703 from Postgres). Show marketing’s `query_log`.',
      learners: 'Compare with their prediction: Support’s deploy succeeded, only the consumer failed.',
      demo: 's16-rename-breaks',
    },
    {
      minutes: '15–23',
      phase: 'Run',
      trainer:
        'Open the contract-test demo: the same rename with contract tests on. Read step 56’s notes aloud (refused, rolled back by Postgres, published as tickets_v2). Show both versions in `mesh.products`; marketing’s queries at steps 58 and 92 succeed.',
      learners: 'Say what marketing must do now, and when it has to do it.',
      demo: 's16-contract-v2',
    },
    {
      minutes: '23–31',
      phase: 'Inject a fault',
      trainer:
        'Open the policy and freshness demo. Step 16: Billing publishes payers_v1 from its accounts table; step 30: the platform’s check finds its email column. Then the stall: the platform’s catalog table shows invoices_v1 over its 1,000 ms objective while every query still succeeds.',
      learners: 'Name what would have caught each problem without the platform’s checks (nothing, for the stale product).',
      demo: 's16-policy-stale',
    },
    {
      minutes: '31–38',
      phase: 'Practise',
      trainer:
        'In their own lab: Probe as marketing, then the grant-leak fault and probe again. Run the chapter’s SQL that sets role marketing.',
      learners: 'Find which own table marketing can read once the grant leaks, and which invariant says so.',
    },
    {
      minutes: '38–50',
      phase: 'Discuss',
      trainer: 'The questions below, with the chapter’s two Measured tables on screen.',
      learners: 'Decide for their own company: mesh, central warehouse with contracts, or parts of both.',
    },
    {
      minutes: '50–60',
      phase: 'Practise',
      trainer: 'Pairs do `find-unmasked`; `publish-from-template` and `evolve-without-breaking` as homework.',
      learners: 'Write the policy query and press Check.',
    },
  ],
  demos: [
    {
      id: 's16-rename-breaks',
      title: 'A rename deployed with no contract test: marketing breaks, Support does not notice',
      chapter: CHAPTER,
      lab: 'data-mesh',
      seed: 16,
      script: [
        { at: 0, action: 'run' },
        { at: 55, action: 'support-rename' },
      ],
      step: 90,
      pointAt: [
        'Step 56: Support’s pipeline renames customer_id to account_id on the served tickets_v1; no test runs and the publishing job goes on.',
        'Step 86: marketing’s tickets-per-customer fails with 42703 column "customer_id" does not exist, from Postgres, as role marketing.',
        'The invariant served-versions-keep-their-contracts is broken; the Measured panel counts the failed query.',
      ],
    },
    {
      id: 's16-contract-v2',
      title: 'The same rename with contract tests on: refused, and published as tickets_v2',
      chapter: CHAPTER,
      lab: 'data-mesh',
      seed: 16,
      script: [
        { at: 0, action: 'contract-tests-on' },
        { at: 0, action: 'run' },
        { at: 55, action: 'support-rename' },
      ],
      step: 95,
      pointAt: [
        'Step 56, first note: the contract test found tickets_v1.customer_id (integer → missing) and Postgres rolled the change back.',
        'Second note: the new shape is published as tickets_v2 beside tickets_v1; `mesh.products` lists both.',
        'Steps 58 and 92: marketing’s queries on tickets_v1 succeed; no query has failed.',
      ],
    },
    {
      id: 's16-policy-stale',
      title: 'An unmasked email found in the catalog, and a product past its freshness objective',
      chapter: CHAPTER,
      lab: 'data-mesh',
      seed: 16,
      script: [
        { at: 0, fault: 'unmasked-email' },
        { at: 0, action: 'run' },
        { at: 80, fault: 'billing-stalled' },
      ],
      step: 151,
      pointAt: [
        'Step 16: Billing registers payers_v1, copied from billing.accounts, with email as plain text.',
        'Step 30: the platform’s policy check, reading information_schema in every product schema, reports payers_v1.email; personal-data-masked is broken.',
        'After the stall, the platform’s catalog table shows invoices_v1 over its 1,000 ms objective, while customers_v1 (2,000 ms) is not; no query failed.',
      ],
    },
  ],
  exercises: [
    {
      lab: 'data-mesh',
      id: 'find-unmasked',
      chapter: CHAPTER,
      note: 'The one to do in pairs: checked on catalogs nobody has seen, with a personal pattern added.',
    },
    { lab: 'data-mesh', id: 'publish-from-template', chapter: CHAPTER },
    { lab: 'data-mesh', id: 'evolve-without-breaking', chapter: CHAPTER },
  ],
  discussion: [
    {
      question: 'Support’s deploy succeeded and its own tests passed. Whose bug is the broken dashboard?',
      answer:
        'Support’s, once it publishes a product: the product is an interface with consumers, and the contract says what it promised. Without a contract the question has no answer, which is why the breakage turns up at the consumer. The contract test moves the failure into the producer’s pipeline, where the person who made the change sees it.',
    },
    {
      question: 'With contract tests on, nothing broke. What did it cost?',
      answer:
        'Two versions to publish and keep fresh instead of one, until marketing moves to v2 and Support retires v1; a catalog of who reads which version, so Support knows when it may; and the discipline to treat a rename as a new version. Adding a column costs nothing: it keeps the contract.',
    },
    {
      question: 'The policy check found the raw email. Why not have a central team review every new product instead?',
      answer:
        'That is the queue the mesh set out to remove. The check reads information_schema in every domain on a schedule, needs nobody’s cooperation and finds a product nobody registered. A review catches what a reviewer notices, when one is free. The check is only as good as its rule, though: a column named contact holding emails escapes a name-based rule, which is why catalogs also classify data by content.',
    },
    {
      question: 'The stalled product never caused a failed query. How would anyone have noticed?',
      answer:
        'Only by measuring it against a promise. Staleness is not an error: the table is there, readable and wrong. The freshness objective turns “1,573 ms since the last publish” into a breach for invoices_v1 (1,000 ms) and not for customers_v1 (2,000 ms); someone must be paged for it.',
    },
    {
      question: 'When is a data mesh the wrong answer?',
      answer:
        'When the problem is technical (slow queries, a missing index), when one data team keeps up, or when domain teams have no one who can own a data product. Then products are published once and never looked after. Many companies take the separable parts (contracts in the producer’s pipeline, versioned products, a catalog with owners, automated policy checks) without reorganising.',
    },
  ],
};
