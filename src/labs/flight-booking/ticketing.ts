/**
 * Ticketing (Postgres): another bounded context. It receives BookingCreated, translates it into its own
 * ticket (translate.ts), stores it once however often the event arrives, and acknowledges it.
 */
import type { ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { FlightBooking } from './messages.ts';
import ticketingSql from './ticketing.sql?raw';
import { toTicket } from './translate.ts';

export const ticketing: ServiceSpec<FlightBooking, 'ticketing', object> = {
  label: 'Ticketing (Postgres)',
  role: 'Issues a ticket for every BookingCreated event, in its own model: record locator, passport name, coupon',
  database: { kind: 'postgres', setupSql: ticketingSql },
  tables: [
    {
      title: 'tickets (newest first)',
      sql: 'SELECT record_locator, name_on_ticket, coupon, reservation_ref, issued_at FROM tickets ORDER BY issued_at DESC, record_locator LIMIT 12',
    },
  ],
  initialState: () => ({}),
  on: {
    async 'booking-created'(ctx, m) {
      const t = toTicket(m.event);
      const result = await ctx.sql(
        `INSERT INTO tickets (record_locator, reservation_ref, name_on_ticket, coupon, issued_at)
VALUES (${sqlText(t.recordLocator)}, ${sqlText(t.reservationRef)}, ${sqlText(t.nameOnTicket)}, ${sqlText(t.coupon)}, ${sqlInt(ctx.now)})
ON CONFLICT (reservation_ref) DO NOTHING`,
      );
      if (!result.ok) return;
      if ((result.results[0]?.affectedRows ?? 0) > 0) {
        ctx.note(`${m.event.bookingId} “${m.event.passenger}” → ticket ${t.recordLocator} for ${t.nameOnTicket}`);
        ctx.fact({ kind: 'ticketed', bookingId: m.event.bookingId, waitedMs: ctx.now - m.event.bookedAt });
      }
      ctx.send('reservations', { type: 'ack', eventId: m.event.eventId });
    },
  },
};
