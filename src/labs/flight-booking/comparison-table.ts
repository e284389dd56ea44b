/** The comparison as the chapter's table: one row per model and schedule, columns in the reader's words. */
import { conflictRate, modelLabel } from './figures.ts';
import { MODELS, type Model } from './messages.ts';

/** comparison.generated.json as a JSON import types it: its enums are plain strings there. */
export interface ComparisonFile {
  readonly seed: number;
  readonly workload: string;
  readonly rows: readonly {
    readonly model: string;
    readonly replan: boolean;
    readonly booked: number;
    readonly soldOut: number;
    readonly failed: number;
    readonly holdExpired: number;
    readonly conflicts: number;
    readonly saves: number;
    readonly editsFailed: number;
    readonly perSecond: number;
    readonly bumped: number;
    readonly apologies: number;
    readonly emptySeats: number;
    readonly ticketed: number;
  }[];
}

const isModel = (id: string): id is Model => (MODELS as readonly string[]).includes(id);

export function tableRows(comparison: ComparisonFile): Record<string, string | number>[] {
  return comparison.rows.map((r) => ({
    model: `${isModel(r.model) ? modelLabel(r.model) : r.model}${r.replan ? ', re-plan mid-rush' : ''}`,
    'booked / sold out': `${r.booked} / ${r.soldOut}`,
    'saves that matched 0 rows': `${r.conflicts} (${conflictRate({ conflicts: r.conflicts, saves: r.saves })} %)`,
    'bookings / s': r.perSecond,
    'customers told “failed”': r.failed + r.holdExpired,
    'bumped / apologies': `${r.bumped} / ${r.apologies}`,
    'empty seats flown': r.emptySeats,
    tickets: r.ticketed,
  }));
}
