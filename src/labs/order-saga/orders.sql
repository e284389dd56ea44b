-- Orders' own database (Postgres): the order as the customer sees it, in both modes.
-- A status only moves forward, so a late or repeated event cannot take an order back.
CREATE TABLE orders (
  id         text PRIMARY KEY,
  mode       text NOT NULL CHECK (mode IN ('orchestrated', 'choreographed')),
  sku        text NOT NULL,
  qty        integer NOT NULL CHECK (qty > 0),
  amount     integer NOT NULL CHECK (amount > 0),
  card       text NOT NULL,
  region     text NOT NULL,
  status     text NOT NULL CHECK (status IN ('placed', 'reserved', 'paid', 'compensating', 'completed', 'cancelled')),
  placed_at  integer NOT NULL,
  updated_at integer NOT NULL
);
