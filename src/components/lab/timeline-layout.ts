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
  const sentAt = new Map<number, { row: number; from: string }>();
  const stepRow = new Map<number, number>();
  let rows = 0;
  const newRow = (step: number, line: string) => {
    const row = rows++;
    if (!stepRow.has(step)) stepRow.set(step, row);
    lines.push(line);
    return row;
  };

  for (const entry of trace) {
    switch (entry.type) {
      case 'send': {
        const row = stepRow.get(entry.step) ?? newRow(entry.step, `${entry.at} ms · ${entry.from} sends ${messageLabel(entry.message)}`);
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
        const row = newRow(entry.step, line);
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
          row: newRow(entry.step, `${entry.at} ms · ${entry.service} CRASHES: ${entry.reason}`),
          kind: 'crash',
          text: 'crash',
          step: entry.step,
        });
        break;
      case 'restart':
        marks.push({
          lane: entry.service,
          row: newRow(entry.step, `${entry.at} ms · ${entry.service} restarts`),
          kind: 'restart',
          text: 'restart',
          step: entry.step,
        });
        break;
      case 'note':
        marks.push({
          lane: entry.service,
          row: newRow(entry.step, `${entry.at} ms · ${entry.service}: ${entry.text}`),
          kind: 'note',
          text: entry.text,
          step: entry.step,
        });
        break;
      case 'input':
        if (entry.input.kind !== 'action') {
          marks.push({
            lane: READER_LANE,
            row: newRow(entry.step, `${entry.at} ms · you: ${describeInput(entry)}`),
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
  return { lanes, rows, arrows, marks, lines };
}
