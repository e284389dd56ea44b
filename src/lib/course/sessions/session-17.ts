import type { SessionPlan } from '../types.ts';

const CHAPTER = '/analytics/choosing/';

export const session17: SessionPlan = {
  number: 17,
  title: 'Choosing a data management approach',
  minutes: 70,
  chapters: [{ title: 'Choosing a data management approach', path: CHAPTER }],
  goal: 'Learners run six access patterns against one data set kept in six shapes (tables, a graph walked by a recursive query, documents, key-value entries, a full-text index, vectors), read from the plans what each shape reads and how many round trips it needs, count what a single product rename costs every copy, watch a rename that forgets the documents break an invariant without any error, and end by weighing what each extra database costs to run against what it buys.',
  predict:
    'The product manager renames one product. In how many places must the new name be written if the desk keeps its data as relational tables only? As documents, one per customer? As key-value entries, one per ticket? And in a search index over the ticket text?',
  agenda: [
    {
      minutes: '0–5',
      phase: 'Frame',
      trainer:
        'The six requests from the chapter’s situation, on the board, and the vendor answer for each (Postgres, MongoDB, Redis, Neo4j, Elasticsearch, a vector database). Ask the predict question.',
      learners: 'Write down, per shape, how many rows, documents or values a rename touches.',
    },
    {
      minutes: '5–17',
      phase: 'Run',
      trainer:
        'Open the patterns demo at its last step. Walk down the Measured table: a ticket by id is one read everywhere; a customer with tickets is one document, two key-value round trips, or three index scans; a count per product reads everything in every shape; the word search for the caller’s phrase finds nothing while the vectors find five login tickets.',
      learners: 'For each pattern, name the shape that serves it best and what the runner-up costs more (rows read or round trips).',
      demo: 's17-patterns',
    },
    {
      minutes: '17–25',
      phase: 'Run',
      trainer:
        'Open the rename demo. One row in `products`; the timeline notes say how many documents and key-value entries the same rename rewrote; the search index and the vectors were untouched. Compare with the predictions.',
      learners: 'Explain why the key-value store rewrote more values than the derived store rewrote documents.',
      demo: 's17-rename-cost',
    },
    {
      minutes: '25–33',
      phase: 'Inject a fault',
      trainer:
        'Open the forgetful-rename demo at its last step. Every statement succeeded, yet `documents-equal-join` is broken and the documents’ answers for customer 3 and for the count per product differ from the tables.',
      learners: 'Say which test would have caught this before production, and what in the lab plays that test.',
      demo: 's17-rename-forgets',
    },
    {
      minutes: '33–50',
      phase: 'Practise',
      trainer:
        'Pairs do `walk-the-graph` (checked on graphs they have not seen), then `rank-the-words`. Show `plan_summary` on their walk with and without `enable_seqscan = off`.',
      learners: 'Write the recursive query and the ranked full-text query; press Check.',
    },
    {
      minutes: '50–62',
      phase: 'Discuss',
      trainer:
        'The questions below, with the chapter’s section on what N databases cost on screen: backups, upgrades, skills, paging, personal data in every copy.',
      learners: 'For one service of their own, list its access patterns and choose the fewest databases that serve them.',
    },
    {
      minutes: '62–70',
      phase: 'Discuss',
      trainer:
        'The whole site in one table: walk down the seven parts and ask, per row, which trade-off the room has met in production. Then open the decision guide (/analytics/decision-guide/) on the projector and let one group answer its ten questions for their own system; the room compares the path with what they run today. `rename-in-documents` as homework.',
      learners:
        'Answer the guide’s questions for their own system, note where its path differs from what they run, and pick the one trade-off from the course they will raise in their next design review.',
    },
  ],
  demos: [
    {
      id: 's17-patterns',
      title: 'Six access patterns on six shapes, measured from the plans',
      chapter: CHAPTER,
      lab: 'data-shapes',
      seed: 17,
      script: [{ at: 0, action: 'run-patterns' }],
      step: 4,
      pointAt: [
        'Step 2: the relational store answers five patterns; its notes name the indexes each plan used, the graph walk included.',
        'Step 3: the derived store answers from documents, the full-text index and the vectors; the word search for “staff cannot log on via SSO” returns nothing.',
        'Step 4: the key-value store needs two round trips for a customer with tickets, three for the hops, and a page per 250 tickets for the count.',
      ],
    },
    {
      id: 's17-rename-cost',
      title: 'One rename, counted in every copy',
      chapter: CHAPTER,
      lab: 'data-shapes',
      seed: 17,
      script: [{ at: 0, action: 'rename-product' }],
      step: 4,
      pointAt: [
        'Step 2: the relational store updates one row of products and appends the change to change_log in the same transaction.',
        'Step 3: the derived store rewrites every document that holds a ticket of that product; search and vectors hold no product names.',
        'Step 4: the key-value store rewrites every ticket value of the product, since each carries the name.',
      ],
    },
    {
      id: 's17-rename-forgets',
      title: 'A rename that forgets the documents: no error, wrong answers',
      chapter: CHAPTER,
      lab: 'data-shapes',
      seed: 17,
      script: [
        { at: 0, fault: 'rename-forgets-documents' },
        { at: 0, action: 'rename-product' },
        { at: 4, action: 'run-patterns' },
      ],
      step: 8,
      pointAt: [
        'Step 3: the derived store notes that the rename was applied to no document; its applied position still moves on.',
        'The invariant documents-equal-join is broken and names the customers whose documents still carry the old name.',
        'Step 8: in the Measured panel, the documents’ answers for customer 3 and for the count per product differ from the relational ones.',
      ],
    },
  ],
  exercises: [
    {
      lab: 'data-shapes',
      id: 'walk-the-graph',
      chapter: CHAPTER,
      note: 'The one to do in pairs: checked on three hidden graphs with cycles and a chain one hop too long.',
    },
    { lab: 'data-shapes', id: 'rank-the-words', chapter: CHAPTER },
    { lab: 'data-shapes', id: 'rename-in-documents', chapter: CHAPTER, note: 'Homework: checked on a hidden run with two renames.' },
  ],
  discussion: [
    {
      question: 'The documents served “customer 3 with their tickets” reading the fewest rows. Why not keep everything as documents?',
      answer:
        'Because the other patterns and every write pay for it. The count per product had to unpack every document, and one product rename rewrote many documents where the tables changed one row. Documents fit an aggregate read whole far more often than its shared facts change; a read model built from the tables (Part IV) gives the same read without making the documents the truth.',
    },
    {
      question: 'The key-value store answered a ticket by id reading one value. What did it cost for the other patterns?',
      answer:
        'Round trips and application code: a get per hop for the graph walk, a page per 250 keys for the count, a second get for the customer’s tickets. Every question that is not “this key” becomes a loop in the service. That is why key-value stores usually sit in front of a database as a cache rather than replace it.',
    },
    {
      question: 'The forgetful rename raised no error. How would a real team notice?',
      answer:
        'Only by comparing: a reconciliation job or a test that rebuilds the copy from the source and diffs it, as the lab’s invariant does, or a customer who reports the old name. Copies fail silently; every denormalised field needs an owner, a code path that updates it, and a check that it matches.',
    },
    {
      question: 'Postgres served all six shapes here. When is a second database worth it?',
      answer:
        'When one measured access pattern outgrows what the general engine does well: search relevance tuning and analyzers, deep graph walks over billions of edges, approximate vector search over hundreds of millions of embeddings, very high key lookup rates. Then the new store also brings its own backups, upgrades, skills, on-call and copies of personal data, and the sync that keeps it current.',
    },
    {
      question: 'The chapter’s vectors use cube, not pgvector. What would change with pgvector?',
      answer:
        'Embeddings of hundreds to thousands of dimensions instead of six, cosine and inner-product distance, and approximate indexes (HNSW, IVFFlat) that trade a little recall for speed at scale. The access pattern, nearest neighbours ordered by distance, stays the same.',
    },
  ],
};
