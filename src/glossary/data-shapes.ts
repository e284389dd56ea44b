/** Terms of Part VII, chapter "Choosing a data management approach". */
import type { GlossaryTerm } from './types.ts';

export const terms: readonly GlossaryTerm[] = [
  {
    slug: 'polyglot-persistence',
    term: 'Polyglot persistence',
    definition:
      'Keeping one system’s data in several storage technologies, each picked for the access patterns it serves best: a relational database for transactions, a search engine for words, a graph database for connections. Each one adds a copy to keep current, and one more system to back up, upgrade and be woken up for.',
    seeAlso: ['denormalisation', 'change-data-capture'],
  },
  {
    slug: 'denormalisation',
    term: 'Denormalisation',
    definition:
      'Copying a fact into every place that reads it, such as a product’s name into each ticket inside a customer document, so that a read needs no join. Reads get cheaper; every change to the fact must now reach each copy, and a copy that is missed silently disagrees.',
    seeAlso: ['document-store', 'read-model'],
  },
  {
    slug: 'document-store',
    term: 'Document store',
    definition:
      'A database that stores each record as a self-contained document (JSON or similar), usually one per aggregate, with related data nested inside. One read fetches a whole document; a question across documents unpacks them all unless an index was built for it. MongoDB is the best known; Postgres offers the same shape with jsonb.',
    seeAlso: ['denormalisation', 'aggregate'],
  },
  {
    slug: 'key-value-store',
    term: 'Key-value store',
    definition:
      'A database that reads and writes opaque values by key and little else: a get, a put, a scan of a key range. Lookups by key are as cheap as storage gets; anything else (a join, a count, a walk through links) becomes code in the application and one round trip per step. Redis and DynamoDB are typical.',
    seeAlso: ['polyglot-persistence'],
  },
  {
    slug: 'recursive-query',
    term: 'Recursive query',
    definition:
      'A SQL query (WITH RECURSIVE) whose result feeds back into itself until no new rows appear, used to walk a graph stored as a table of edges: who is linked to whom within three hops. A graph database such as Neo4j walks edges by following stored pointers instead, which pays off on deep walks over large graphs.',
    seeAlso: ['polyglot-persistence'],
  },
  {
    slug: 'inverted-index',
    term: 'Inverted index',
    definition:
      'An index from each word (after stemming) to the records that contain it, which is what full-text search reads: Postgres builds one with GIN over a tsvector column, Elasticsearch and OpenSearch build one per field. It answers “which records contain these words” and ranks them without reading the others.',
    seeAlso: ['vector-embedding'],
  },
  {
    slug: 'vector-embedding',
    term: 'Vector embedding',
    definition:
      'A list of numbers a model computes from a text or an image, placed so that items that mean similar things lie close together. A search by nearest neighbours over embeddings finds “locked out” for “cannot log on” although no word is shared.',
    seeAlso: ['nearest-neighbour-search', 'inverted-index'],
  },
  {
    slug: 'nearest-neighbour-search',
    term: 'Nearest-neighbour search',
    definition:
      'Finding the k stored vectors closest to a given one. Exact search reads candidates in distance order through a tree index (a GiST index over cube) or scans them all; approximate indexes such as HNSW and IVFFlat (pgvector, Qdrant, Milvus) trade a little recall for speed on millions of vectors with hundreds of dimensions.',
    seeAlso: ['vector-embedding'],
  },
];
