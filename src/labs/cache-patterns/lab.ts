/**
 * The cache-patterns lab: a product catalogue in Postgres, a cache in front of it, and a product service
 * whose settings choose how the two are kept together (cache-aside, write-through, write-back), with TTL or
 * invalidation on write, and plain or versioned fills.
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LabDefinition } from '../sim/types.ts';
import { app, type InvalidationStep } from './app.ts';
import appSql from './app.sql?raw';
import { cache } from './cache.ts';
import cacheSql from './cache.sql?raw';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { invariants } from './invariants.ts';
import { measures } from './measures.ts';
import type { CachePatterns, Fill, Invalidation, Strategy } from './messages.ts';
import { products } from './products.ts';
import productsSql from './products.sql?raw';
import { shoppers } from './shoppers.ts';
import { DEFAULT_TTL_MS, PRODUCTS, RACE_PRODUCT, WORKLOAD_SIZE } from './settings.ts';

const productsSetup = `${productsSql}
INSERT INTO products (id, name, price_cents, version, write_id, updated_at) VALUES
${PRODUCTS.map((p) => `  (${sqlInt(p.id)}, ${sqlText(p.name)}, ${sqlInt(p.priceCents)}, 1, NULL, 0)`).join(',\n')};`;

const appSetup = `${appSql}
INSERT INTO settings (id, strategy, invalidation, fill, ttl_ms) VALUES (1, 'aside', 'ttl', 'plain', ${sqlInt(DEFAULT_TTL_MS)});`;

const STRATEGY_BUTTONS: Readonly<Record<Strategy, string>> = {
  none: 'Strategy: no cache',
  aside: 'Strategy: cache-aside',
  through: 'Strategy: write-through',
  back: 'Strategy: write-back',
};
const INVALIDATION_BUTTONS: Readonly<Record<Invalidation, string>> = {
  ttl: 'Invalidation: TTL only',
  event: 'Invalidation: delete on every write',
};
const FILL_BUTTONS: Readonly<Record<Fill, string>> = { plain: 'Fill: plain set', versioned: 'Fill: versioned set' };

export const strategyAction = (s: Strategy) => `strategy-${s}`;
export const invalidationAction = (i: Invalidation) => `invalidation-${i}`;
export const fillAction = (f: Fill) => `fill-${f}`;

const actions: readonly ActionSpec<CachePatterns>[] = [
  { id: 'race', label: `Play the race on product ${RACE_PRODUCT}`, service: 'shoppers', message: { type: 'race' } },
  {
    id: 'run-workload',
    label: `Run the workload (${WORKLOAD_SIZE} requests)`,
    service: 'shoppers',
    message: { type: 'workload', size: WORKLOAD_SIZE },
  },
  ...(Object.keys(STRATEGY_BUTTONS) as Strategy[]).map((strategy) => ({
    id: strategyAction(strategy),
    label: STRATEGY_BUTTONS[strategy],
    service: 'app' as const,
    message: { type: 'set-strategy' as const, strategy },
  })),
  ...(Object.keys(INVALIDATION_BUTTONS) as Invalidation[]).map((invalidation) => ({
    id: invalidationAction(invalidation),
    label: INVALIDATION_BUTTONS[invalidation],
    service: 'app' as const,
    message: { type: 'set-invalidation' as const, invalidation },
  })),
  ...(Object.keys(FILL_BUTTONS) as Fill[]).map((fill) => ({
    id: fillAction(fill),
    label: FILL_BUTTONS[fill],
    service: 'app' as const,
    message: { type: 'set-fill' as const, fill },
  })),
  { id: 'import-acks', label: 'Import the acknowledgement log into Postgres', service: 'app', message: { type: 'import-acks' } },
];

/** The deliberately broken variant, for the property tests; the lab a reader sees keeps the delete. */
export interface Variants {
  readonly invalidationStep: InvalidationStep;
}

export function cachePatternsLab(variants: Partial<Variants> = {}): LabDefinition {
  const { invalidationStep } = { invalidationStep: 'kept', ...variants } satisfies Variants;
  return defineLab<CachePatterns>({
    id: 'cache-patterns',
    title: 'A product catalogue with a cache in front',
    services: {
      shoppers,
      app: app(invalidationStep, { kind: 'sqlite', setupSql: appSetup }),
      cache: cache({ kind: 'sqlite', setupSql: cacheSql }),
      products: products({ kind: 'postgres', setupSql: productsSetup }),
    },
    faults,
    invariants,
    measures,
    actions,
    exercises,
  });
}

export default cachePatternsLab();
