/**
 * What tickets say, and the lab's stand-in for an embedding model. A real model maps a text to hundreds of
 * dimensions learnt from a corpus; here each word that matters maps to one of six topics by a hand-written
 * dictionary, so "cannot sign in" and "locked out" land near each other without sharing a word, which is
 * the property a vector search is bought for. Deterministic, and small enough to read.
 */
export const CATEGORIES = ['login', 'billing', 'sync', 'mobile', 'export', 'performance'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Subject and first sentence of the body, per category: several ways of saying the same thing. */
export const PHRASES: Readonly<Record<Category, readonly (readonly [string, string])[]>> = {
  login: [
    ['Cannot sign in after password reset', 'The new password is refused on the sign-in page.'],
    ['Locked out after two-factor code', 'The authenticator code is rejected and the account gets locked.'],
    ['Password reset email never arrives', 'Nobody on the team receives the reset link.'],
    ['Sign-in page keeps reloading', 'Entering credentials just brings the login form back.'],
    ['Single sign-on stopped working', 'Staff are sent back to the identity provider in a loop.'],
  ],
  billing: [
    ['Charged twice for one invoice', 'The card statement shows the same amount two times.'],
    ['Refund not received', 'The cancelled plan was never refunded to the card.'],
    ['Invoice has the wrong VAT number', 'Finance cannot book the bill with this tax number.'],
    ['Card declined at renewal', 'The payment for the yearly plan failed although the card is valid.'],
    ['Need a copy of last month’s bill', 'The invoice PDF is missing from the billing page.'],
  ],
  sync: [
    ['Offline edits lost after reconnecting', 'Changes made on the laptop without network disappeared.'],
    ['Sync stuck at 90 percent', 'The synchronisation never finishes on two machines.'],
    ['Duplicate contacts after sync', 'Every contact now appears twice on the server.'],
    ['Calendar does not sync with phone', 'Appointments made on the phone never reach the desktop.'],
    ['Server rejects local changes', 'The sync client reports a conflict on every upload.'],
  ],
  mobile: [
    ['App crashes when opening attachments', 'The phone app closes as soon as a photo is tapped.'],
    ['Phone app freezes on start', 'The Android app shows a white screen and hangs.'],
    ['Push notifications missing', 'No alert reaches the phone when a ticket is assigned.'],
    ['Tablet layout cut off', 'Buttons are hidden off screen on the iPad.'],
    ['App drains the battery', 'The mobile app keeps running in the background all day.'],
  ],
  export: [
    ['CSV export misses columns', 'The spreadsheet download has no due date column.'],
    ['Report download times out', 'The monthly report never finishes exporting.'],
    ['PDF export shows blank pages', 'Printing the report gives empty pages.'],
    ['Scheduled report never emailed', 'The weekly summary did not reach the mailbox.'],
    ['Export garbles accented names', 'Names with accents come out broken in the file.'],
  ],
  performance: [
    ['Dashboard takes a minute to load', 'Opening the overview is very slow every morning.'],
    ['Search is slow since Monday', 'Looking up a ticket takes many seconds.'],
    ['Pages time out at peak hours', 'Around noon most screens hang and then fail.'],
    ['Saving a ticket hangs', 'The spinner turns for a long time before the save completes.'],
    ['Everything lags on large accounts', 'Customers with many tickets see delays on every page.'],
  ],
};

/** Words that carry a topic, with how strongly. Unknown words carry none. */
const TOPIC_WORDS: Readonly<Record<Category, readonly string[]>> = {
  login: [
    'sign',
    'sign-in',
    'password',
    'locked',
    'two-factor',
    'authenticator',
    'credentials',
    'login',
    'log',
    'logon',
    'identity',
    'reset',
    'sso',
    'single',
  ],
  billing: ['charged', 'invoice', 'refund', 'refunded', 'vat', 'tax', 'card', 'payment', 'bill', 'billing', 'amount', 'plan', 'finance'],
  sync: ['sync', 'synchronisation', 'offline', 'reconnecting', 'duplicate', 'conflict', 'upload', 'server', 'laptop', 'calendar'],
  mobile: ['app', 'phone', 'android', 'ipad', 'tablet', 'mobile', 'notifications', 'battery', 'tapped', 'screen'],
  export: ['csv', 'export', 'exporting', 'download', 'pdf', 'report', 'spreadsheet', 'file', 'printing', 'emailed', 'summary'],
  performance: ['slow', 'lags', 'load', 'time', 'timeout', 'hangs', 'hang', 'delays', 'spinner', 'peak', 'seconds', 'minute'],
};

const WORD_TOPIC = new Map(CATEGORIES.flatMap((c, dim) => TOPIC_WORDS[c].map((w) => [w, dim] as const)));

/** The embedding of a text: one dimension per topic, unit length, rounded so that SQL and TypeScript agree. */
export function embed(text: string): number[] {
  const v = CATEGORIES.map(() => 0);
  for (const word of text.toLowerCase().split(/[^a-z0-9-]+/)) {
    const dim = WORD_TOPIC.get(word);
    if (dim !== undefined) v[dim] = (v[dim] ?? 0) + 1;
  }
  const length = Math.hypot(...v) || 1;
  return v.map((x) => Math.round((x / length) * 1000) / 1000);
}

/** The topic an embedding leans to most: what a similarity answer is held against. */
export function topicOf(vector: readonly number[]): Category {
  let best = 0;
  vector.forEach((x, i) => {
    if (x > (vector[best] ?? 0)) best = i;
  });
  return CATEGORIES[best] ?? 'login';
}
