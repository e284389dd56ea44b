-- The analytics store (SQLite): one wide row per ticket, already joined with what a report groups by.
-- No foreign keys and no customer or expert tables: the copy job resolves those when it copies a ticket.
CREATE TABLE ticket_facts (
  ticket_id     INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL,
  plan          TEXT NOT NULL,
  region        TEXT NOT NULL,
  city          TEXT NOT NULL,
  priority      TEXT NOT NULL,
  status        TEXT NOT NULL,
  expert_skill  TEXT,
  opened_month  TEXT NOT NULL,
  change_seq    INTEGER NOT NULL,
  changed_at_ms INTEGER NOT NULL,
  copied_at_ms  INTEGER NOT NULL
);
CREATE INDEX ticket_facts_change_seq ON ticket_facts (change_seq);

-- The copy job's bookkeeping, in the same store so it survives a crash of the analytics service.
-- copied_seq: the newest change copied. checked_seq: every change up to here has been looked at.
CREATE TABLE etl_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  copied_seq   INTEGER NOT NULL,
  copied_id    INTEGER NOT NULL,
  checked_seq  INTEGER NOT NULL,
  last_pass_ms INTEGER,
  passes       INTEGER NOT NULL
);
INSERT INTO etl_state VALUES (1, 0, 0, 0, NULL, 0);

-- The initial load: the same history the monolith generates, built here with the same rules (lab.test.ts
-- checks that both sides agree). It stands for the one-off backfill that starts every analytics store.
CREATE TABLE load_customers (id INTEGER PRIMARY KEY, plan TEXT, region TEXT, city TEXT);
INSERT INTO load_customers VALUES
  (1, 'premium', 'BE', 'Berlin'), (2, 'basic', 'HH', 'Hamburg'), (3, 'premium', 'NW', 'Cologne'),
  (4, 'basic', 'HE', 'Frankfurt'), (5, 'basic', 'BY', 'Munich'), (6, 'premium', 'SN', 'Dresden');
WITH RECURSIVE g(n) AS (SELECT 7 UNION ALL SELECT n + 1 FROM g WHERE n < 300)
INSERT INTO load_customers
SELECT n, CASE WHEN n % 4 = 0 THEN 'premium' ELSE 'basic' END,
  CASE n % 6 WHEN 0 THEN 'BE' WHEN 1 THEN 'HH' WHEN 2 THEN 'NW' WHEN 3 THEN 'HE' WHEN 4 THEN 'BY' ELSE 'SN' END,
  CASE n % 6 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Hamburg' WHEN 2 THEN 'Cologne' WHEN 3 THEN 'Frankfurt' WHEN 4 THEN 'Munich' ELSE 'Dresden' END
FROM g;

WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
INSERT INTO ticket_facts
SELECT 1000 + n, c.id, c.plan, c.region, c.city,
  CASE WHEN n % 10 < 3 THEN 'low' WHEN n % 10 < 8 THEN 'normal' ELSE 'high' END,
  'closed',
  CASE 1 + (n * 3) % 4 WHEN 1 THEN 'printers' WHEN 2 THEN 'networks' WHEN 3 THEN 'laptops' ELSE 'networks' END,
  strftime('%Y-%m', '2024-11-01 00:00:00', '+' || (n * 30) || ' minutes'),
  0, 0, 0
FROM g JOIN load_customers c ON c.id = 1 + (n * 37) % 300;

-- The seed's eight tickets, as the monolith holds them when the lab starts.
INSERT INTO ticket_facts VALUES
  (101, 1, 'premium', 'BE', 'Berlin', 'normal', 'assigned', 'printers', '2026-01', 0, 0, 0),
  (102, 1, 'premium', 'BE', 'Berlin', 'high', 'open', NULL, '2026-01', 0, 0, 0),
  (103, 2, 'basic', 'HH', 'Hamburg', 'normal', 'assigned', 'laptops', '2026-01', 0, 0, 0),
  (104, 3, 'premium', 'NW', 'Cologne', 'low', 'open', NULL, '2026-01', 0, 0, 0),
  (105, 4, 'basic', 'HE', 'Frankfurt', 'normal', 'closed', 'laptops', '2026-01', 0, 0, 0),
  (106, 5, 'basic', 'BY', 'Munich', 'high', 'assigned', 'networks', '2026-01', 0, 0, 0),
  (107, 6, 'premium', 'SN', 'Dresden', 'low', 'closed', 'printers', '2026-01', 0, 0, 0),
  (108, 3, 'premium', 'NW', 'Cologne', 'high', 'assigned', 'laptops', '2026-01', 0, 0, 0);
DROP TABLE load_customers;
