/**
 * Geometry for a sequence diagram: one lifeline per participant, one row per step, top to bottom. Every label
 * has a row of its own above its arrow, so no arrow runs through a label, and no two labels share a row.
 * Pure data in, coordinates out: the component only draws, and the layout is unit-tested.
 *
 * The lifelines are spaced so that every label fits between the ends of its arrow, when that fits the width
 * given; otherwise they are squeezed into that width, and a label may run past its arrow's ends. The same
 * script is laid out for a phone's width and for a laptop's column.
 */

export interface SequenceParticipant {
  readonly id: string;
  readonly label: string;
}

export type SequenceStep =
  /** A message from one lifeline to another; `reply` draws it dashed. */
  | { readonly kind: 'message'; readonly from: string; readonly to: string; readonly label: string; readonly reply?: boolean }
  /** Something a participant does on its own, such as `PREPARE TRANSACTION`; several at once share a row. */
  | { readonly kind: 'action'; readonly at: readonly string[]; readonly label: string }
  /** A moment that concerns everyone, such as the commit point: a band across every lifeline. */
  | { readonly kind: 'note'; readonly label: string }
  | { readonly kind: 'crash'; readonly at: string; readonly label: string };

export interface SequenceScript {
  readonly participants: readonly SequenceParticipant[];
  readonly steps: readonly SequenceStep[];
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedLabel {
  readonly text: string;
  /** The text broken into lines that fit the drawing; most labels have one. */
  readonly lines: readonly string[];
  /** Where the text starts, and the first line's baseline. */
  readonly x: number;
  readonly y: number;
  /** The room the text takes, with its padding: nothing else is drawn there. */
  readonly box: Box;
}

export interface PlacedParticipant {
  readonly id: string;
  readonly x: number;
  /** Where its lifeline ends: at the bottom, or at the cross where it crashed. */
  readonly end: number;
  readonly header: PlacedLabel;
}

export type PlacedStep =
  | {
      readonly kind: 'message';
      readonly index: number;
      readonly x1: number;
      readonly x2: number;
      readonly y: number;
      readonly reply: boolean;
      readonly label: PlacedLabel;
    }
  | { readonly kind: 'action'; readonly index: number; readonly labels: readonly PlacedLabel[] }
  | { readonly kind: 'note'; readonly index: number; readonly y: number; readonly label: PlacedLabel }
  | {
      readonly kind: 'crash';
      readonly index: number;
      readonly at: string;
      readonly x: number;
      readonly y: number;
      readonly label: PlacedLabel;
    };

export interface SequenceLayout {
  readonly width: number;
  /** Whether the lifelines are as far apart as the labels ask, rather than squeezed into the width given. */
  readonly roomy: boolean;
  readonly height: number;
  readonly lifelineTop: number;
  readonly lifelineBottom: number;
  readonly participants: readonly PlacedParticipant[];
  /** In the script's order; one step may take several rows when actions side by side would touch. */
  readonly steps: readonly PlacedStep[];
}

/** The font is monospace at this size, so a label's width follows from its length. */
export const FONT_SIZE = 13;
const CHAR_WIDTH = FONT_SIZE * 0.62;
const PAD_X = 6;
const LINE = FONT_SIZE + 6;
const MARGIN = 6;
/** A 390 px phone's content column, and a 1280 px laptop's. */
export const PHONE_WIDTH = 340;
export const COLUMN_WIDTH = 630;
const MIN_SPACING = 96;
const GAP = 14;
const CRASH_SIZE = 7;

export function textWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH) + 2 * PAD_X;
}

/** Breaks `text` at spaces into lines no wider than `max`; a single word longer than that keeps its own line. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`) <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The height of a label of `lines` lines. */
export function labelHeight(lines: number): number {
  return LINE * lines;
}

/** A label as near `centre` as the drawing's edges allow, wrapped when it is wider than `max`. */
function centred(text: string, centre: number, top: number, width: number, max = width - 2 * MARGIN): PlacedLabel {
  const lines = textWidth(text) <= max ? [text] : wrap(text, max);
  const w = Math.max(...lines.map(textWidth));
  const left = Math.min(Math.max(MARGIN, centre - w / 2), width - MARGIN - w);
  return { text, lines, x: left + PAD_X, y: top + LINE - 5, box: { x: left, y: top, width: w, height: labelHeight(lines.length) } };
}

/** A label that starts at `left`. */
function startingAt(text: string, left: number, top: number, width: number): PlacedLabel {
  const placed = centred(text, 0, top, width, width - MARGIN - left);
  return { ...placed, x: left + PAD_X, box: { ...placed.box, x: left } };
}

function overlapsX(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}

/** Checks the script before any drawing: every step names participants that exist, and a message has two ends. */
export function checkScript(script: SequenceScript): void {
  const ids = new Set(script.participants.map((p) => p.id));
  if (ids.size !== script.participants.length) throw new Error('two participants share an id');
  for (const step of script.steps) {
    const named =
      step.kind === 'message' ? [step.from, step.to] : step.kind === 'action' ? step.at : step.kind === 'crash' ? [step.at] : [];
    for (const id of named) if (!ids.has(id)) throw new Error(`step "${step.label}" names ${id}, who is not a participant`);
    if (step.kind === 'message' && step.from === step.to) throw new Error(`message "${step.label}" goes nowhere: draw it as an action`);
  }
}

/** How far apart the lifelines must be for every label to fit between its arrow's ends. */
function wideSpacing(script: SequenceScript, index: Map<string, number>): number {
  let spacing = MIN_SPACING;
  for (const p of script.participants) spacing = Math.max(spacing, textWidth(p.label) + GAP);
  for (const step of script.steps) {
    if (step.kind === 'message') {
      const span = Math.abs((index.get(step.to) ?? 0) - (index.get(step.from) ?? 0));
      spacing = Math.max(spacing, (textWidth(step.label) + 2 * GAP) / span);
    } else if (step.kind === 'action') {
      spacing = Math.max(spacing, textWidth(step.label) + GAP);
    }
  }
  return Math.ceil(spacing);
}

/** Lays `script` out in at most `maxWidth`, roomy if it can be. */
export function layoutSequence(script: SequenceScript, maxWidth: number): SequenceLayout {
  checkScript(script);
  const n = script.participants.length;
  const index = new Map(script.participants.map((p, i) => [p.id, i]));
  const widest = Math.max(
    ...script.steps.map((s) =>
      s.kind === 'note' ? textWidth(s.label) + 2 * MARGIN : s.kind === 'crash' ? textWidth(s.label) + 2 * CRASH_SIZE : 0,
    ),
  );
  let spacing = wideSpacing(script, index);
  let width = Math.max(spacing * n, widest + 2 * MARGIN);
  let edge = (width - spacing * (n - 1)) / 2;
  const roomy = width <= maxWidth;
  if (!roomy) {
    width = maxWidth;
    edge = Math.min(maxWidth / (2 * n), Math.max(...script.participants.map((p) => textWidth(p.label) / 2)) + MARGIN);
    spacing = n > 1 ? (width - 2 * edge) / (n - 1) : 0;
  }
  const xOf = (id: string) => edge + spacing * (index.get(id) ?? 0);

  // Headers side by side; one that would touch its left-hand neighbour drops to the first row where it fits.
  const headerMax = roomy ? width : Math.max(2 * spacing - 8, width / 3);
  const headerRows: PlacedLabel[][] = [];
  const rowOf = script.participants.map((p) => {
    const probe = centred(p.label, xOf(p.id), 0, width, headerMax);
    let row = headerRows.findIndex((r) =>
      r.every((h) => !overlapsX(h.box, { ...probe.box, x: probe.box.x - 4, width: probe.box.width + 8 })),
    );
    if (row < 0) row = headerRows.push([]) - 1;
    headerRows[row]?.push(probe);
    return row;
  });
  const rowTops = [MARGIN];
  for (const r of headerRows) rowTops.push((rowTops.at(-1) ?? MARGIN) + Math.max(...r.map((h) => h.box.height)) + 4);
  const headers = script.participants.map((p, i) => ({
    id: p.id,
    x: xOf(p.id),
    header: centred(p.label, xOf(p.id), rowTops[rowOf[i] ?? 0] ?? MARGIN, width, headerMax),
  }));
  const lifelineTop = Math.max(...headers.map((p) => p.header.box.y + p.header.box.height)) + 4;

  let y = lifelineTop + 10;
  const steps: PlacedStep[] = [];
  for (const [i, step] of script.steps.entries()) {
    switch (step.kind) {
      case 'message': {
        const x1 = xOf(step.from);
        const x2 = xOf(step.to);
        const placed = centred(step.label, (x1 + x2) / 2, y, width);
        steps.push({ kind: 'message', index: i, x1, x2, y: y + placed.box.height + 6, reply: step.reply ?? false, label: placed });
        y += placed.box.height + 16;
        break;
      }
      case 'action': {
        // Actions side by side share a row only while their boxes keep apart.
        let row: PlacedLabel[] = [];
        const close = () => {
          steps.push({ kind: 'action', index: i, labels: row });
          y += Math.max(...row.map((l) => l.box.height)) + 8;
          row = [];
        };
        for (const at of step.at) {
          const placed = centred(step.label, xOf(at), y, width);
          if (row.some((other) => overlapsX(other.box, { ...placed.box, x: placed.box.x - 4, width: placed.box.width + 8 }))) {
            close();
            row.push(centred(step.label, xOf(at), y, width));
          } else {
            row.push(placed);
          }
        }
        close();
        break;
      }
      case 'note': {
        const placed = startingAt(step.label, MARGIN, y + 6, width);
        steps.push({ kind: 'note', index: i, y: y + 4, label: placed });
        y += placed.box.height + 14;
        break;
      }
      case 'crash': {
        const x = xOf(step.at);
        const w = textWidth(step.label);
        // Beside the cross, on whichever side has room; otherwise below it, as near as the edges allow.
        const right = x + CRASH_SIZE + 4;
        const left = x - CRASH_SIZE - 4 - w;
        const placed =
          right + w <= width - MARGIN
            ? startingAt(step.label, right, y, width)
            : left >= MARGIN
              ? startingAt(step.label, left, y, width)
              : centred(step.label, x, y + 2 * CRASH_SIZE + 4, width);
        steps.push({ kind: 'crash', index: i, at: step.at, x, y: y + LINE / 2, label: placed });
        y = Math.max(y + LINE, placed.box.y + placed.box.height) + 8;
        break;
      }
    }
  }
  const lifelineBottom = y + 4;
  const participants = headers.map((p) => {
    const crash = steps.find((s) => s.kind === 'crash' && s.at === p.id);
    return { ...p, end: crash?.kind === 'crash' ? crash.y : lifelineBottom };
  });
  return { width: Math.ceil(width), roomy, height: Math.ceil(lifelineBottom + MARGIN), lifelineTop, lifelineBottom, participants, steps };
}

/** Every label the layout placed: headers, then steps in order. */
export function labelsOf(layout: SequenceLayout): PlacedLabel[] {
  return [...layout.participants.map((p) => p.header), ...layout.steps.flatMap((s) => (s.kind === 'action' ? s.labels : [s.label]))];
}

/** One sentence per step, for the list that says in words what the picture shows. */
export function describeSteps(script: SequenceScript): string[] {
  const name = (id: string) => script.participants.find((p) => p.id === id)?.label ?? id;
  const list = (ids: readonly string[]) =>
    ids.length > 1 ? `${ids.slice(0, -1).map(name).join(', ')} and ${name(ids.at(-1) ?? '')}` : name(ids[0] ?? '');
  return script.steps.map((step) => {
    switch (step.kind) {
      case 'message':
        return `${name(step.from)} to ${name(step.to)}: ${step.label}`;
      case 'action':
        return `${list(step.at)}, ${step.at.length > 1 ? 'each on its own' : 'on its own'}: ${step.label}`;
      case 'note':
        return step.label;
      case 'crash':
        return `${name(step.at)} crashes: ${step.label}`;
    }
  });
}
