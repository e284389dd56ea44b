/**
 * How many seeds a property test draws. `npm test` runs each property's own `base`; a longer run multiplies every
 * property at once: `PROPERTY_RUNS_SCALE=10 npx vitest run` (or one lab's folder). Only tests call this.
 */
export function propertyRuns(base: number): number {
  const scale = Number(process.env['PROPERTY_RUNS_SCALE'] ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
