-- The Ticket service's own database starts with nothing in it: the move copies the ticket schema here.
SELECT 1;
