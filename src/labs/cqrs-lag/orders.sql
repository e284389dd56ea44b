-- The write model (Postgres): normalised, shaped for taking orders and payments, not for showing them.
CREATE TABLE orders (
  id          text PRIMARY KEY,
  customer_id text NOT NULL,
  status      text NOT NULL CHECK (status IN ('placed', 'confirmed', 'declined')),
  placed_at   integer NOT NULL,
  -- Goes up by one with every change; the change event carries it, and the read model keeps the newest.
  version     integer NOT NULL
);

CREATE TABLE order_lines (
  order_id    text NOT NULL REFERENCES orders (id),
  line_no     integer NOT NULL,
  sku         text NOT NULL,
  qty         integer NOT NULL CHECK (qty > 0),
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
  order_id     text PRIMARY KEY REFERENCES orders (id),
  card         text NOT NULL,
  amount_cents integer NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'authorized', 'declined')),
  decided_at   integer
);

-- Change events, committed in the same local transaction as the change they describe. position orders
-- them: the projector's checkpoint and the version token are both positions in this table.
CREATE TABLE outbox (
  position     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id     text NOT NULL,
  version      integer NOT NULL,
  type         text NOT NULL,
  payload      jsonb NOT NULL,
  committed_at integer NOT NULL
);
