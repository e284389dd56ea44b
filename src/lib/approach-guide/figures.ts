/**
 * Figures the labs measured, looked up where they are stored: each lab's comparison.generated.json, which the
 * lab's own test rewrites from real runs. The guide never types a result in; it names a row and a field, and
 * this module reads the number. A renamed row or field fails approach-guide.test.ts instead of showing a stale
 * figure.
 */
import analyticsFeeds from '../../labs/analytics-feeds/comparison.generated.json';
import apiComposition from '../../labs/api-composition/comparison.generated.json';
import backups from '../../labs/backups/comparison.generated.json';
import cachePatterns from '../../labs/cache-patterns/comparison.generated.json';
import cqrsLag from '../../labs/cqrs-lag/comparison.generated.json';
import dataMesh from '../../labs/data-mesh/comparison.generated.json';
import dataShapes from '../../labs/data-shapes/comparison.generated.json';
import eventualConsistency from '../../labs/eventual-consistency/comparison.generated.json';
import isolation from '../../labs/isolation/comparison.generated.json';
import outboxRelay from '../../labs/outbox-relay/comparison.generated.json';
import personalData from '../../labs/personal-data/comparison.generated.json';
import readPaths from '../../labs/read-paths/comparison.generated.json';
import readReplicas from '../../labs/read-replicas/comparison.generated.json';
import sharding from '../../labs/sharding/comparison.generated.json';
import warehouseLayers from '../../labs/warehouse-layers/comparison.generated.json';

/** The comparison file of every lab the guide quotes, by lab id. */
export const COMPARISONS = {
  'analytics-feeds': analyticsFeeds,
  'api-composition': apiComposition,
  backups,
  'cache-patterns': cachePatterns,
  'cqrs-lag': cqrsLag,
  'data-mesh': dataMesh,
  'data-shapes': dataShapes,
  'eventual-consistency': eventualConsistency,
  isolation,
  'outbox-relay': outboxRelay,
  'personal-data': personalData,
  'read-paths': readPaths,
  'read-replicas': readReplicas,
  sharding,
  'warehouse-layers': warehouseLayers,
} as const satisfies Record<string, unknown>;

export type LabId = keyof typeof COMPARISONS;

/**
 * One step into a comparison file: an object key, an array index, or the array element whose fields equal all
 * of `where` (rows are found by their label, never by position, so a reordered table still finds its row).
 */
export type PathStep = string | number | { readonly where: Readonly<Record<string, string | number | boolean | null>> };

export type Unit = 'ms' | 'count' | 'percent';

export interface FigureRef {
  readonly lab: LabId;
  readonly path: readonly PathStep[];
  /** What the number is, in words that read before it: "Projection lag at p99 during rush hour". */
  readonly what: string;
  readonly unit: Unit;
  /** The row of the lab's table it comes from, as the chapter names it. */
  readonly row: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(step: PathStep): string {
  if (typeof step !== 'object') return String(step);
  return `[${Object.entries(step.where)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')}]`;
}

/** The value at `path` in the lab's comparison file; throws with the path walked so far if it is missing. */
export function lookUp(lab: LabId, path: readonly PathStep[]): unknown {
  let here: unknown = COMPARISONS[lab];
  const walked: string[] = [];
  for (const step of path) {
    walked.push(describe(step));
    if (typeof step === 'object') {
      const matches = (el: unknown) => isRecord(el) && Object.entries(step.where).every(([k, v]) => el[k] === v);
      const found = Array.isArray(here) ? (here as unknown[]).filter(matches) : [];
      // Two matching rows would make the figure depend on their order: name the row more closely instead.
      if (found.length > 1) throw new Error(`${lab}: ${walked.join('.')} matches ${found.length} rows`);
      here = found[0];
    } else if (typeof step === 'number') {
      here = Array.isArray(here) ? (here as unknown[])[step] : undefined;
    } else {
      here = isRecord(here) ? here[step] : undefined;
    }
    if (here === undefined) throw new Error(`${lab}: nothing at ${walked.join('.')}`);
  }
  return here;
}

/** The measured number a figure reference points at. */
export function figureValue(ref: FigureRef): number {
  const value = lookUp(ref.lab, ref.path);
  if (typeof value !== 'number') throw new Error(`${ref.lab}: ${ref.path.map(describe).join('.')} is not a number`);
  return value;
}

/** "758 ms", "60", "85 %": the number as a reader sees it, with thousands separated. */
export function formatFigure(ref: FigureRef): string {
  const n = figureValue(ref).toLocaleString('en');
  switch (ref.unit) {
    case 'ms':
      return `${n} ms`;
    case 'percent':
      return `${n} %`;
    case 'count':
      return n;
  }
}
