/**
 * The callers: shoppers reading product pages and an editor changing prices, as one client. The workload
 * draws products with a skew (a few hot, most cold) and a share of price changes; the race plays one
 * interleaving on a cold product. Every answer is timed here and recorded as a fact.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { CachePatterns } from './messages.ts';
import { FILL_PAUSE_MS, PRODUCTS, RACE_PRODUCT, SKEW, UPDATE_SHARE, WORKLOAD_GAP_MS } from './settings.ts';

interface ShopperState {
  readonly sent: Map<string, { readonly productId: number; readonly at: number; readonly writeId?: string }>;
  requests: number;
  writes: number;
}

type Ctx = LabContext<CachePatterns, 'shoppers', ShopperState>;

const WEIGHTS = PRODUCTS.map((p) => 1 / p.id ** SKEW);
const TOTAL_WEIGHT = WEIGHTS.reduce((a, b) => a + b, 0);

/** A product drawn with weight 1 / id^SKEW: product 1 is the hottest. */
export function drawProduct(r: number): number {
  let left = r * TOTAL_WEIGHT;
  for (const [i, w] of WEIGHTS.entries()) {
    if (left < w) return PRODUCTS[i]?.id ?? 1;
    left -= w;
  }
  return PRODUCTS.at(-1)?.id ?? 1;
}

function read(ctx: Ctx, productId: number, pauseFillMs = 0) {
  const requestId = `r-${++ctx.state.requests}`;
  ctx.state.sent.set(requestId, { productId, at: ctx.now });
  ctx.send('app', { type: 'get', requestId, productId, pauseFillMs });
}

/** A new price between 1 and 60 pounds, drawn by the kernel so a replay draws the same. */
const drawPrice = (ctx: Ctx) => 100 * (1 + Math.floor(ctx.random() * 60));

function write(ctx: Ctx, productId: number, priceCents: number) {
  const requestId = `r-${++ctx.state.requests}`;
  const writeId = `w-${++ctx.state.writes}`;
  ctx.state.sent.set(requestId, { productId, at: ctx.now, writeId });
  ctx.send('app', { type: 'update', requestId, writeId, productId, priceCents });
}

export const shoppers: ServiceSpec<CachePatterns, 'shoppers', ShopperState> = {
  label: 'Shoppers',
  role: 'Shoppers read product pages (a few products are hot); an editor now and then changes a price',
  initialState: () => ({ sent: new Map(), requests: 0, writes: 0 }),
  on: {
    workload(ctx, m) {
      // Every request is drawn before any is sent, so the same seed gives the same requests whatever the
      // cache does with them: the configurations are compared on one workload.
      let at = 0;
      for (let i = 0; i < m.size; i++) {
        const productId = drawProduct(ctx.random());
        const priceCents = ctx.random() < UPDATE_SHARE ? drawPrice(ctx) : null;
        ctx.setTimer(at, { type: 'request', productId, priceCents });
        at += WORKLOAD_GAP_MS.min + Math.floor(ctx.random() * (WORKLOAD_GAP_MS.max - WORKLOAD_GAP_MS.min));
      }
    },
    request(ctx, m) {
      if (m.priceCents === null) read(ctx, m.productId);
      else write(ctx, m.productId, m.priceCents);
    },
    race(ctx) {
      // Drawn first, before anything is sent, like the workload's requests.
      const priceCents = drawPrice(ctx);
      // Memory pressure evicts the cold product first, so the shopper's read misses whatever ran before. The
      // update reaches Postgres after the read has, and its invalidation reaches the cache before the paused fill.
      ctx.send('cache', { type: 'evict', productId: RACE_PRODUCT });
      ctx.setTimer(30, { type: 'race-read', pauseFillMs: FILL_PAUSE_MS });
      ctx.setTimer(90, { type: 'race-update', priceCents });
      for (const after of [400, 800, 1_200]) ctx.setTimer(after, { type: 'race-reread' });
    },
    'race-read'(ctx, m) {
      read(ctx, RACE_PRODUCT, m.pauseFillMs);
    },
    'race-update'(ctx, m) {
      write(ctx, RACE_PRODUCT, m.priceCents);
    },
    'race-reread'(ctx) {
      read(ctx, RACE_PRODUCT);
    },
    'get-done'(ctx, m) {
      const sent = ctx.state.sent.get(m.requestId);
      if (!sent) return;
      ctx.state.sent.delete(m.requestId);
      ctx.fact({
        kind: 'read',
        productId: sent.productId,
        source: m.source,
        staleMs: m.staleMs,
        latencyMs: ctx.now - sent.at,
        config: m.config,
      });
    },
    'update-done'(ctx, m) {
      const sent = ctx.state.sent.get(m.requestId);
      if (!sent) return;
      ctx.state.sent.delete(m.requestId);
      ctx.fact({
        kind: 'write',
        writeId: sent.writeId ?? m.requestId,
        productId: sent.productId,
        version: m.version,
        latencyMs: ctx.now - sent.at,
        config: m.config,
      });
    },
  },
};
