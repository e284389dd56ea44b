/**
 * The boundary between the two contexts. Reservations says "booking" and means a promise to a passenger;
 * ticketing says "booking" and means the record a ticket is issued against. This is the one place that maps
 * the first onto the second, so that neither model leaks into the other.
 */
import type { BookingCreated } from './messages.ts';

/** A ticket in ticketing's own words. */
export interface Ticket {
  readonly recordLocator: string;
  /** The reservation's id, kept as a reference and nothing more. */
  readonly reservationRef: string;
  /** Family name first, upper case, as a passport's machine-readable line spells it: LOVELACE/ADA. */
  readonly nameOnTicket: string;
  readonly coupon: string;
}

const LOCATOR_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Six characters drawn from the reservation id by a fixed hash, so the same event always gets the same locator. */
export function recordLocator(reservationRef: string): string {
  let h = 2166136261;
  for (const ch of reservationRef) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += LOCATOR_LETTERS[h % LOCATOR_LETTERS.length] ?? 'X';
    h = Math.floor(h / LOCATOR_LETTERS.length) ^ Math.imul(h, 31 + i);
    h >>>= 0;
  }
  return out;
}

export function passportName(name: string): string {
  const parts = name.trim().split(/\s+/);
  const family = parts.pop() ?? '';
  return `${family}/${parts.join(' ')}`.toUpperCase();
}

export function toTicket(event: BookingCreated): Ticket {
  return {
    recordLocator: recordLocator(event.bookingId),
    reservationRef: event.bookingId,
    nameOnTicket: passportName(event.passenger),
    coupon: `${event.flight} ${event.departsAt} OSL-AMS Y`,
  };
}
