-- The booking service's database. Two flights: DS101 keeps its free seats in one counter row, DS202 has no
-- counter and is full when it has as many booking rows as seats.
CREATE TABLE flights (
  id         text PRIMARY KEY,
  capacity   integer NOT NULL,
  -- The counter: only DS101's bookings move it. The CHECK stops it going below zero, not a lost update.
  seats_left integer NOT NULL CHECK (seats_left >= 0),
  -- Bumped by every write of the counter, for the version-check method.
  version    integer NOT NULL DEFAULT 0
);

CREATE TABLE bookings (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  flight_id text NOT NULL REFERENCES flights (id),
  passenger text NOT NULL,
  -- Set only by the "unique seat number" method: the constraint that stops write skew on DS202.
  seat_no   integer CHECK (seat_no > 0),
  method    text NOT NULL,
  UNIQUE (flight_id, seat_no)
);
