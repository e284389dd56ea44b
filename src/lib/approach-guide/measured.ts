/**
 * Every step's figures, read and formatted once at build time. The island receives these strings as props, so
 * the comparison files stay out of the page's JavaScript.
 */
import { formatFigure } from './figures.ts';
import { STEPS, type StepId } from './steps.ts';

export interface MeasuredFigure {
  /** The number with its unit: "758 ms". */
  readonly value: string;
  readonly what: string;
  readonly lab: string;
  readonly row: string;
}

export type MeasuredFigures = Readonly<Record<StepId, readonly MeasuredFigure[]>>;

export function measuredFigures(): MeasuredFigures {
  const entries = Object.values(STEPS).map(
    (step) => [step.id, step.figures.map((f) => ({ value: formatFigure(f), what: f.what, lab: f.lab, row: f.row }))] as const,
  );
  return Object.fromEntries(entries) as Record<StepId, MeasuredFigure[]>;
}
