/**
 * The support desk and its analyst. The desk opens and closes tickets over a few lab days; with the
 * late-events fault on, a field agent closes some tickets offline and the closure reaches the ticket
 * service only when the laptop syncs. The analyst reads the three reports and asks the ticket service
 * for the truth at the same moment, and records how fresh and how wrong each report was.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { DayCount, FeedsLab, Report } from './messages.ts';
import { difference } from './queries.ts';
import {
  CUSTOMERS,
  DAY_MS,
  EDITED_CUSTOMER,
  FORM_OPENS_AFTER_MIDNIGHT_MS,
  LATE_SYNC_MS,
  READ_AT_MS,
  TICKETS_PER_DAY,
  TIME_TO_CLOSE_MS,
  WORKLOAD_DAYS,
  dayOf,
} from './settings.ts';

const PRIORITIES = ['low', 'normal', 'normal', 'high'] as const;

interface DeskState {
  nextTicket: number;
  nextRead: number;
  /** Reports read and waiting for the truth of the same moment. */
  pending: { readId: number; at: number; reports: readonly Report[] }[];
}

type Ctx = LabContext<FeedsLab, 'desk', DeskState>;

function pick<T>(ctx: Ctx, items: readonly T[]): T {
  return items[Math.floor(ctx.random() * items.length)] as T;
}

/** Plans the whole workload up front from the seed: the same seed gives the same tickets at the same moments. */
function runDays(ctx: Ctx) {
  const start = Math.ceil(ctx.now / DAY_MS) * DAY_MS;
  // One night more than days of tickets: the last closures and late syncs land on the day after.
  ctx.send('analytics', { type: 'schedule-nights', from: start, days: WORKLOAD_DAYS + 1 });
  for (let day = 0; day < WORKLOAD_DAYS; day++) {
    const midnight = start + day * DAY_MS;
    const count = TICKETS_PER_DAY - 2 + Math.floor(ctx.random() * 5);
    for (let i = 0; i < count; i++) {
      const at = midnight + 10 + Math.floor(ctx.random() * (DAY_MS - 20));
      const closeAfter = TIME_TO_CLOSE_MS + Math.floor(ctx.random() * TIME_TO_CLOSE_MS);
      ctx.setTimer(at - ctx.now, { type: 'open-next', customerId: pick(ctx, CUSTOMERS), priority: pick(ctx, PRIORITIES), closeAfter });
    }
    for (const readAt of READ_AT_MS) ctx.setTimer(midnight + readAt - ctx.now, { type: 'read-now' });
    if (day > 0) ctx.setTimer(midnight + FORM_OPENS_AFTER_MIDNIGHT_MS - ctx.now, { type: 'edit-profile' });
  }
  const end = start + WORKLOAD_DAYS * DAY_MS;
  ctx.setTimer(end + FORM_OPENS_AFTER_MIDNIGHT_MS - ctx.now, { type: 'edit-profile' });
  // A day later, once every closure has synced and the last night has run: each feed's last word.
  ctx.setTimer(end + DAY_MS + READ_AT_MS[0] - ctx.now, { type: 'read-now' });
}

function recordRead(ctx: Ctx, read: DeskState['pending'][number], truth: readonly DayCount[], truthNewestAt: number | null) {
  const today = dayOf(read.at);
  const closedDays = new Set(truth.map((t) => t.day).filter((d) => d < today)).size;
  const parts: string[] = [];
  for (const report of read.reports) {
    const { tickets } = difference(report.days, truth, (day) => day < today);
    // How far the report's newest fact lags the newest fact the ticket service held at that moment.
    const freshnessMs = report.newestAt === null || truthNewestAt === null ? null : Math.max(0, truthNewestAt - report.newestAt);
    ctx.fact({
      kind: 'read',
      readId: read.readId,
      at: read.at,
      feed: report.feed,
      ...(report.logic ? { logic: report.logic } : {}),
      freshnessMs,
      error: tickets,
      closedDays,
    });
    parts.push(
      `${report.feed}${report.logic ? ` ${report.logic}` : ''} ${freshnessMs === null ? 'empty' : `${freshnessMs} ms behind`}, off by ${tickets}`,
    );
  }
  ctx.note(`read ${read.readId} (day ${today + 1}): ${parts.join('; ')}`);
}

export const desk: ServiceSpec<FeedsLab, 'desk', DeskState> = {
  label: 'Support desk + analyst',
  role: 'Opens and closes tickets over four lab days; the analyst reads each report and the operational truth at the same moment',
  initialState: () => ({ nextTicket: 1001, nextRead: 1, pending: [] }),
  on: {
    'run-days': runDays,
    'open-next'(ctx, m) {
      const ticketId = ctx.state.nextTicket++;
      ctx.send('tickets', { type: 'open-ticket', ticketId, customerId: m.customerId, priority: m.priority });
      ctx.setTimer(m.closeAfter, { type: 'agent-closes', ticketId, happenedAt: ctx.now + m.closeAfter, held: false });
    },
    'agent-closes'(ctx, m) {
      // With the fault on, one closure in three waits on an offline laptop and is recorded later.
      if (!m.held && ctx.isFaultOn('late-events') && ctx.random() < 1 / 3) {
        ctx.note(`ticket ${m.ticketId} closed offline; the laptop syncs in ${LATE_SYNC_MS} ms`);
        ctx.setTimer(LATE_SYNC_MS, { ...m, held: true });
        return;
      }
      ctx.send('tickets', { type: 'close-ticket', ticketId: m.ticketId, happenedAt: m.happenedAt });
    },
    'read-now'(ctx) {
      ctx.send('analytics', { type: 'read-reports', readId: ctx.state.nextRead++ });
    },
    reports(ctx, m) {
      ctx.state.pending.push({ readId: m.readId, at: m.at, reports: m.reports });
      ctx.send('tickets', { type: 'truth', readId: m.readId, asOf: m.at });
    },
    'truth-is'(ctx, m) {
      const read = ctx.state.pending.find((r) => r.readId === m.readId);
      if (!read) return;
      ctx.state.pending = ctx.state.pending.filter((r) => r !== read);
      recordRead(ctx, read, m.days, m.newestAt);
    },
    'edit-profile'(ctx) {
      ctx.send('customers', { type: 'open-form', customerId: EDITED_CUSTOMER });
    },
  },
};
