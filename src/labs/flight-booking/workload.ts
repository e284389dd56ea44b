/** The rush, drawn once from the seed before anything else, so that both models meet the same passengers. */
import { ABANDON_CHANCE, NO_SHOW_CHANCE, PASSENGERS, RUSH_MS } from './settings.ts';

export interface PlannedPassenger {
  /** 1, 2, … in order of arrival. */
  readonly number: number;
  /** Virtual ms after the rush began. */
  readonly arrivesAt: number;
  /** Starts, then leaves before paying. */
  readonly abandons: boolean;
  /** Books, then does not turn up at the gate. */
  readonly noShow: boolean;
}

export function drawPassengers(random: () => number): PlannedPassenger[] {
  const arrivals = Array.from({ length: PASSENGERS }, () => Math.floor(random() * RUSH_MS)).sort((a, b) => a - b);
  return arrivals.map((arrivesAt, i) => ({
    number: i + 1,
    arrivesAt,
    abandons: random() < ABANDON_CHANCE,
    noShow: random() < NO_SHOW_CHANCE,
  }));
}

export const passengerId = (n: number) => `p${String(n).padStart(2, '0')}`;

const GIVEN = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Leslie', 'Radia', 'Tony'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Lamport'];

/** The name the passenger typed in the reservations context: given name first, as people write it. */
export function passengerName(n: number): string {
  return `${GIVEN[(n - 1) % GIVEN.length] ?? 'Ada'} ${FAMILY[(n - 1) % FAMILY.length] ?? 'Lovelace'}`;
}

/** The departure time after the planners' `edit`-th change: each moves the flight five minutes later. */
export function departsAt(edit: number): string {
  const minutes = 9 * 60 + 5 * edit;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
