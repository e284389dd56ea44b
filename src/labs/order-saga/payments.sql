-- Payments' own database (Postgres): a ledger of charges and refunds. An order's net payment is its
-- charges minus its refunds.
CREATE TABLE payments (
  id       integer PRIMARY KEY,
  order_id text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('charge', 'refund')),
  amount   integer NOT NULL CHECK (amount > 0),
  at       integer NOT NULL
);

-- Idempotency keys of the operations already applied, e.g. 'charge:orch-2'.
CREATE TABLE processed_keys (
  key text PRIMARY KEY,
  at  integer NOT NULL
);

-- Orders this service has refunded. A refund leaves its mark here even when nothing was charged yet: the
-- charge may still be on its way (the orchestrator gave up on it at its deadline), and a charge that lands
-- after the saga has been compensated would keep money for a cancelled order. The broker's order per topic
-- keeps a charge ahead of its refund in this lab; this row keeps a late one out where that order is lost.
CREATE TABLE refunded_orders (
  order_id text PRIMARY KEY,
  at       integer NOT NULL
);

-- The database refuses such a charge itself, whatever code sends it.
CREATE FUNCTION refuse_charge_after_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'charge' AND EXISTS (SELECT 1 FROM refunded_orders WHERE order_id = NEW.order_id) THEN
    RAISE EXCEPTION 'order % was refunded before this charge arrived', NEW.order_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER payments_refuse_charge_after_refund BEFORE INSERT ON payments
FOR EACH ROW EXECUTE FUNCTION refuse_charge_after_refund();
