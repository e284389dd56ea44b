-- The Customer service of patterns 2 and 3 (SQLite): each customer and their count of open tickets.
CREATE TABLE customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  open_tickets INTEGER NOT NULL DEFAULT 0
);
