/**
 * Turns a lab's trace into a sequence diagram: one lane per service, one row per event, an arrow from
 * the row where a message was sent to the row where it arrived (or was lost). Pure, so it is tested alone.
 */
import type { Message, TraceEntry } from '../../labs/sim/types.ts';

export const READER_LANE = 'reader';

export interface Arrow {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly fromRow: number;
  readonly toRow: number;
  readonly label: string;
  readonly lost?: string;
}

export interface Mark {
  readonly lane: string;
  readonly row: number;
  readonly kind: 'crash' | 'restart' | 'note' | 'input';
  readonly text: string;
  readonly step: number;
}

export interface TimelineLayout {
  readonly lanes: readonly string[];
  readonly rows: number;
  /** For each row, the step it belongs to: rewinding to that step shows the lab as it was after the row. */
  readonly steps: readonly number[];
  /** For each row, a short text for the diagram's event column (the full line is in `lines`). */
  readonly short: readonly string[];
  /** For each row, the lanes it involves (sender and receiver, or the one service), for the filter. */
  readonly involved: readonly (readonly string[])[];
  readonly arrows: readonly Arrow[];
  readonly marks: readonly Mark[];
  /** One line per row, in order: the diagram as text for screen readers and for copying. */
  readonly lines: readonly string[];
}

export function messageLabel(message: Message): string {
  const details = Object.entries(message)
    .filter(([key, value]) => key !== 'type' && (typeof value === 'string' || typeof value === 'number'))
    .map(([, value]) => String(value));
  const label = [message.type, ...details].join(' ');
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

function describeInput(entry: Extract<TraceEntry, { type: 'input' }>): string {
  const input = entry.input;
  switch (input.kind) {
    case 'action':
      return `action ${input.actionId}`;
    case 'fault':
      return `fault ${input.faultId} ${input.on ? 'on' : 'off'}`;
    case 'sql':
      return `SQL on ${input.service}`;
    case 'restart':
      return `restart ${input.service}`;
  }
}

export function layoutTimeline(services: readonly string[], trace: readonly TraceEntry[]): TimelineLayout {
  const lanes = [READER_LANE, ...services];
  const arrows: Arrow[] = [];
  const marks: Mark[] = [];
  const lines: string[] = [];
  const steps: number[] = [];
  const short: string[] = [];
  const involved: string[][] = [];
  const sentAt = new Map<number, { row: number; from: string }>();
  const stepRow = new Map<number, number>();
  let rows = 0;
  const newRow = (step: number, line: string, brief: string, ...lanesOfRow: string[]) => {
    const row = rows++;
    if (!stepRow.has(step)) stepRow.set(step, row);
    lines.push(line);
    short.push(brief);
    steps.push(step);
    involved.push(lanesOfRow);
    return row;
  };

  for (const entry of trace) {
    switch (entry.type) {
      case 'send': {
        const row =
          stepRow.get(entry.step) ??
          newRow(
            entry.step,
            `${entry.at} ms · ${entry.from} sends ${messageLabel(entry.message)}`,
            `${entry.from} → ${messageLabel(entry.message)}`,
            entry.from,
            entry.to,
          );
        if (!sentAt.has(entry.id)) sentAt.set(entry.id, { row, from: entry.from });
        break;
      }
      case 'deliver':
      case 'drop': {
        const label = messageLabel(entry.message);
        const lost = entry.type === 'drop' ? entry.reason : undefined;
        const line = lost
          ? `${entry.at} ms · ${label} from ${entry.from} to ${entry.to} lost: ${lost}`
          : `${entry.at} ms · ${entry.to} receives ${label} from ${entry.from}`;
        const brief = lost ? `✕ ${label} to ${entry.to} lost` : `${entry.to} ← ${label}`;
        const row = newRow(entry.step, line, brief, entry.from, entry.to);
        const sent = sentAt.get(entry.id);
        arrows.push({
          id: entry.id,
          from: entry.from,
          to: entry.to,
          fromRow: sent?.row ?? row,
          toRow: row,
          label,
          ...(lost ? { lost } : {}),
        });
        break;
      }
      case 'crash':
        marks.push({
          lane: entry.service,
          row: newRow(entry.step, `${entry.at} ms · ${entry.service} CRASHES: ${entry.reason}`, `${entry.service} crashes`, entry.service),
          kind: 'crash',
          text: 'crash',
          step: entry.step,
        });
        break;
      case 'restart':
        marks.push({
          lane: entry.service,
          row: newRow(entry.step, `${entry.at} ms · ${entry.service} restarts`, `${entry.service} restarts`, entry.service),
          kind: 'restart',
          text: 'restart',
          step: entry.step,
        });
        break;
      case 'note':
        marks.push({
          lane: entry.service,
          row: newRow(entry.step, `${entry.at} ms · ${entry.service}: ${entry.text}`, `${entry.service}: ${entry.text}`, entry.service),
          kind: 'note',
          text: entry.text,
          step: entry.step,
        });
        break;
      case 'input':
        if (entry.input.kind !== 'action') {
          marks.push({
            lane: READER_LANE,
            row: newRow(
              entry.step,
              `${entry.at} ms · you: ${describeInput(entry)}`,
              `you: ${describeInput(entry)}`,
              READER_LANE,
              ...(entry.input.kind === 'fault' ? [] : [entry.input.service]),
            ),
            kind: 'input',
            text: describeInput(entry),
            step: entry.step,
          });
        }
        break;
      case 'sql':
      case 'fact':
        break;
    }
  }
  return { lanes, rows, steps, short, involved, arrows, marks, lines };
}

/**
 * Only the rows that involve one of the `shown` services, with the lanes they need: the shown services and the
 * services they exchanged messages with, in the lab's order. An arrow whose send row is filtered out starts at
 * the next row that is kept.
 */
export function filterTimeline(layout: TimelineLayout, shown: ReadonlySet<string>): TimelineLayout {
  const kept: number[] = [];
  for (let row = 0; row < layout.rows; row++) if ((layout.involved[row] ?? []).some((lane) => shown.has(lane))) kept.push(row);
  const index = new Map(kept.map((row, i) => [row, i]));
  // For a row that is not kept, the first kept row after it.
  const next: number[] = [];
  for (let row = layout.rows - 1, upcoming = kept.length; row >= 0; row--) {
    const own = index.get(row);
    if (own !== undefined) upcoming = own;
    next[row] = upcoming;
  }
  const lanesUsed = new Set<string>(shown);
  for (const row of kept) for (const lane of layout.involved[row] ?? []) lanesUsed.add(lane);
  const arrows = layout.arrows.flatMap((a) => {
    const toRow = index.get(a.toRow);
    if (toRow === undefined) return [];
    return [{ ...a, fromRow: Math.min(toRow, index.get(a.fromRow) ?? next[a.fromRow] ?? toRow), toRow }];
  });
  const marks = layout.marks.flatMap((m) => {
    const row = index.get(m.row);
    return row === undefined ? [] : [{ ...m, row }];
  });
  return {
    lanes: layout.lanes.filter((lane) => lanesUsed.has(lane)),
    rows: kept.length,
    steps: kept.map((row) => layout.steps[row] ?? 0),
    short: kept.map((row) => layout.short[row] ?? ''),
    involved: kept.map((row) => layout.involved[row] ?? []),
    arrows,
    marks,
    lines: kept.map((row) => layout.lines[row] ?? ''),
  };
}

/** The rows to draw for a scroll position: those on screen and a few either side, as [first, end). */
export function visibleRows(scrollTop: number, height: number, rowHeight: number, rows: number, overscan = 8): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rows, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return [Math.min(first, end), end];
}

/** The arrows that cross rows [first, end), the only ones a window of the diagram draws. */
export function arrowsInWindow(arrows: readonly Arrow[], first: number, end: number): readonly Arrow[] {
  return arrows.filter((a) => Math.min(a.fromRow, a.toRow) < end && Math.max(a.fromRow, a.toRow) >= first);
}

/**
 * Column widths for a diagram `width` wide: the event texts on the left, then lanes that share what is left,
 * never narrower than a readable lane name (the diagram then scrolls sideways, its texts staying in view).
 */
export function timelineColumns(width: number, lanes: number): { readonly text: number; readonly lane: number } {
  const text = Math.round(Math.min(360, Math.max(150, width * 0.45)));
  const lane = Math.round(Math.min(170, Math.max(84, (width - text) / Math.max(1, lanes))));
  return { text, lane };
}
