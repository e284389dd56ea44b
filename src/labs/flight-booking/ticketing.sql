-- The ticketing service's database: its own model of a "booking". Here it is the thing an e-ticket is issued
-- against: a record locator, the name as the passport spells it, and a flight coupon. The reservation's id is
-- kept only as a reference back, and is unique, so an event delivered twice issues one ticket.
CREATE TABLE tickets (
  record_locator  text PRIMARY KEY,
  reservation_ref text NOT NULL UNIQUE,
  name_on_ticket  text NOT NULL,
  coupon          text NOT NULL,
  issued_at       integer NOT NULL
);
