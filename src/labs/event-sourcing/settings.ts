/** The lab's clocks, sizes and limits in one place, so the chapter, the services and the tests quote the same figures. */

/** A snapshot of an account's state is written with every event whose version is a multiple of this. */
export const SNAPSHOT_EVERY = 100;
/** Between loading an account and appending its new events, the risk check takes this long (virtual ms). */
export const RISK_CHECK_MS = 20;
/** With the "slow risk check" fault on. */
export const RISK_CHECK_SLOW_MS = 200;
/** A command whose append hits a version conflict is loaded and decided again, this many times in all. */
export const MAX_ATTEMPTS = 4;

/** The projector asks for at most this many events at a time. */
export const BATCH_LIMIT = 500;
/** A crashed projector is restarted by its supervisor after this long. */
export const RESTART_DELAY_MS = 500;

/** History: the day before the lab starts, 09:00 to 17:00 UTC; live events are stamped from the next morning. */
export const HISTORY_START = '2026-03-01 09:00:00+00';
export const HISTORY_HOURS = 8;
export const LIVE_START = '2026-03-02 09:00:00+00';
/** Until this moment of the history day, deposits were written by the old release, in the old shape. */
export const OLD_SHAPE_UNTIL = '2026-03-01 12:00:00+00';
/** Events in the day of history, over three accounts. */
export const HISTORY_EVENTS = 1_000;
export const HISTORY_ACCOUNTS = ['acc-alice', 'acc-bob', 'acc-carol'] as const;
/** The busy account's stream, for timing replays against length. */
export const BUSY_ACCOUNT = 'acc-shop';
export const BUSY_EVENTS = 10_000;
/** Replays are timed at these stream lengths (half a snapshot interval past one, as a stream is on average), each this many times after one untimed warm-up (the median is kept). */
export const REPLAY_LENGTHS = [10, 150, 1_050, 9_950] as const;
export const REPLAY_REPEATS = 5;

/** The rush: this many commands on two accounts within this window, from several tellers at once. */
export const RUSH_COMMANDS = 40;
export const RUSH_WINDOW_MS = 400;
export const RUSH_ACCOUNTS = ['acc-dave', 'acc-erin'] as const;
/** What each account in the rush, and Dave’s, opens with (cents). */
export const OPENING_CENTS = 10_000;
/** The moment the chapter's time-travel query asks about. */
export const TIME_TRAVEL_MOMENT = '2026-03-01 14:05:00+00';
