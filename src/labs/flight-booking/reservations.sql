-- The reservations service's database. It holds both ways of drawing the boundary; a run uses one of them.

-- One-flight model: the flight is one aggregate. Its schedule, its seat count and its bookings change only
-- through this row, and every change, a booking or a schedule edit, is saved WHERE version = the version read.
CREATE TABLE flights (
  id         text PRIMARY KEY,
  departs_at text NOT NULL,
  seats      integer NOT NULL,
  seats_sold integer NOT NULL DEFAULT 0,
  version    integer NOT NULL DEFAULT 0
);

-- Small model: the schedule is an aggregate of its own, with its own version; no booking touches it.
CREATE TABLE schedules (
  flight_id  text PRIMARY KEY,
  departs_at text NOT NULL,
  version    integer NOT NULL DEFAULT 0
);

-- Small model: one seat hold per sellable seat (the seats plus the overbooking limit). A hold is a
-- reservation, not an assignment: it lapses at held_until unless a booking takes it.
CREATE TABLE seat_holds (
  flight_id  text NOT NULL,
  slot       integer NOT NULL,
  status     text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'held', 'booked')),
  passenger  text,
  held_until integer,
  PRIMARY KEY (flight_id, slot)
);

-- A booking in the reservations context: a promise to a passenger. In the one-flight model it lives inside
-- the flight aggregate; in the small model it is an aggregate of its own that points at its hold.
CREATE TABLE bookings (
  id         text PRIMARY KEY,
  flight_id  text NOT NULL,
  passenger  text NOT NULL,
  name       text NOT NULL,
  slot       integer NOT NULL,
  model      text NOT NULL CHECK (model IN ('one-flight', 'small')),
  booked_at  integer NOT NULL
);

-- BookingCreated events, committed with the booking and sent to ticketing until it acknowledges them.
CREATE TABLE outbox (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id text NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  payload    jsonb NOT NULL,
  attempts   integer NOT NULL DEFAULT 1,
  -- Virtual ms of the last send; the relay sends again what has waited RELAY_MS without an acknowledgement.
  sent_at    integer NOT NULL,
  delivered  boolean NOT NULL DEFAULT false
);

-- At the gate: who flew, who did not turn up, who was bumped because more showed than there were seats.
CREATE TABLE boarding (
  booking_id text PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
  outcome    text NOT NULL CHECK (outcome IN ('boarded', 'no-show', 'bumped'))
);

-- The apology each bumped passenger gets: a seat on the next flight, or a voucher. One per booking.
CREATE TABLE apologies (
  booking_id text PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('rebook', 'voucher'))
);
