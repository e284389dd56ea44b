/** The lab's clocks and limits, in virtual milliseconds, in one place so the fault texts can quote them. */

/** The broker delivers a record again when its consumer has not answered within this time. */
export const ACK_TIMEOUT_MS = 400;
/** The pause before the broker delivers again a record its consumer refused. */
export const RETRY_DELAY_MS = 200;
/** Deliveries in a row without an answer before the broker waits for the consumer to come back. */
export const MAX_UNANSWERED = 5;
/** Deliveries a consumer tries before it parks a record in the dead-letter topic. */
export const MAX_ATTEMPTS = 3;
/** How long the orchestrator waits for a step before it gives up on it and compensates. */
export const STEP_DEADLINE_MS = 1000;
/** How long the slow card network takes to answer. */
export const SLOW_PAYMENTS_MS = 1500;
/** The extra, random delay on every message between the broker and Orders while events arrive out of order. */
export const REORDER_JITTER_MS = 300;
/** How often a service and the broker try again to reach each other while a partition keeps them apart. */
export const RECONNECT_MS = 500;
/** Orders in one batch. */
export const BATCH_SIZE = 20;
