-- The key-value store (SQLite): one table, a key and an opaque value. customer:<id> holds the customer with
-- the ids of its tickets and of its linked customers; ticket:<id> holds the ticket with its product's name
-- copied in. Nothing can be asked of it but "give me the values of these keys" or "of this key range".
CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE applied_position (position INTEGER NOT NULL);
INSERT INTO applied_position VALUES (0);
