/** The lab's clocks, sizes and limits in one place, so the chapter, the faults and the tests quote the same figures. */

/** You, the customer whose "My orders" page the lab follows; the crowd's orders belong to other customers. */
export const YOU = 'you';

/** The projector asks for at most this many change events at a time. */
export const BATCH_LIMIT = 20;
/** After a batch that was not full, the projector waits this long before it asks again. */
export const BATCH_INTERVAL_MS = 200;
/** With the "rare batches" fault on. */
export const BATCH_INTERVAL_RARE_MS = 1_000;
/** Virtual time the projector spends on each event before it commits the batch. */
export const PER_EVENT_COST_MS = 8;
/** With the "slow projector" fault on. */
export const PER_EVENT_COST_SLOW_MS = 40;
/** A fetch with no answer in this time is sent again (the first answer may still turn up later). */
export const FETCH_TIMEOUT_MS = 250;
/** A batch that fails is fetched and tried again after this long, this many times in all; then its events go one by one, and the one that fails goes to dead_letters. */
export const RETRY_DELAY_MS = 400;
export const MAX_BATCH_ATTEMPTS = 3;
/** A crashed projector is restarted by its supervisor after this long (and crashes again while the fault is on). */
export const RESTART_DELAY_MS = 500;

/** The payment provider answers this long after the order is placed. */
export const PAYMENT_DELAY_MS = 300;

/** Read-your-writes: after a write, the customer's own session reads the write side for this long. */
export const RYW_WINDOW_MS = 2_000;
/** Version token: the read model holds a read this long at most, waiting for the projection to reach the token. */
export const TOKEN_WAIT_LIMIT_MS = 500;
/** Polling: how often the open "My orders" page asks again while one of your orders is not final. */
export const POLL_INTERVAL_MS = 250;

/** Rush hour: orders from other shoppers, spread over this window. */
export const RUSH_ORDERS = 60;
export const RUSH_WINDOW_MS = 500;
/** The workload: rush hour, and your own orders at these moments (virtual ms after it starts), the second with a card that will be declined. */
export const WORKLOAD_YOUR_ORDERS = [
  { at: 100, card: 'good' },
  { at: 450, card: 'declined' },
  { at: 900, card: 'good' },
] as const;

/** What the shop sells; an order takes one or two lines from here, chosen by its number. */
export const CATALOGUE = [
  { sku: 'kettle', priceCents: 3_900 },
  { sku: 'teapot', priceCents: 2_450 },
  { sku: 'mug', priceCents: 850 },
  { sku: 'tea-tin', priceCents: 1_200 },
] as const;
