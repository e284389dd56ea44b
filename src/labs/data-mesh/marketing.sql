-- The consumer: marketing's analytics (SQLite). It reads the domains' products, never their tables, and
-- keeps what it built from them and a log of every query it ran.
CREATE TABLE query_log (at INTEGER NOT NULL, domain TEXT NOT NULL, query TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL);
-- One row per customer: tickets from Support's product, spend and the masked email from Billing's.
CREATE TABLE audience (customer_id INTEGER PRIMARY KEY, tickets INTEGER, spent_cents INTEGER, email TEXT, plan TEXT, updated_at INTEGER NOT NULL);
