-- The derived store (Postgres with the cube extension): three shapes built from the relational store's
-- changes. customer_docs holds one JSON document per customer with its tickets inside, product and agent
-- names copied in (denormalised). ticket_search holds each ticket's words in a tsvector with an inverted
-- (GIN) index. ticket_vectors holds each ticket's embedding as a cube with a GiST index for nearest-neighbour
-- search. applied_position says which change of the relational store's log was applied last.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE TABLE customer_docs (id integer PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX customer_docs_doc_idx ON customer_docs USING gin (doc jsonb_path_ops);
CREATE TABLE ticket_search (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL,
  category text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  words tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', subject), 'A') || setweight(to_tsvector('english', body), 'B')
  ) STORED
);
CREATE INDEX ticket_search_words_idx ON ticket_search USING gin (words);
CREATE TABLE ticket_vectors (id integer PRIMARY KEY, category text NOT NULL, embedding cube NOT NULL);
CREATE INDEX ticket_vectors_embedding_idx ON ticket_vectors USING gist (embedding);
-- Where a reader's rename statement finds its input (exercise "rename-in-documents").
CREATE TABLE product_renames (product_id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE applied_position (position bigint NOT NULL);
INSERT INTO applied_position VALUES (0);
