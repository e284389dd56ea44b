import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../check/property-runs.ts';
import { hash32, shardFor, type Placement } from './placement.ts';
import { homeOf } from './workload.ts';

const customer = fc.string({ minLength: 1, maxLength: 12 }).map((name) => ({ tenant: 't', customer: name, home: homeOf(name) }));

describe('placement', () => {
  it('is stable: the same key always lands on the same shard', () => {
    expect(hash32('acme-c001')).toBe(hash32('acme-c001'));
    expect(hash32('shard-1#1')).not.toBe(hash32('shard-1#2'));
  });

  it('on the ring, adding a fourth shard moves keys only onto the new shard', () => {
    fc.assert(
      fc.property(customer, (c) => {
        const before = shardFor(c, { key: 'customer', hashing: 'ring', shardCount: 3 });
        const after = shardFor(c, { key: 'customer', hashing: 'ring', shardCount: 4 });
        return after === before || after === 'shard-4';
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('modulo moves most keys, the ring about a quarter', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => ({ tenant: 't', customer: `c${i}`, home: 'eu' }));
    const moved = (hashing: Placement['hashing']) =>
      keys.filter(
        (k) => shardFor(k, { key: 'customer', hashing, shardCount: 3 }) !== shardFor(k, { key: 'customer', hashing, shardCount: 4 }),
      ).length / keys.length;
    expect(moved('modulo')).toBeGreaterThan(0.65);
    expect(moved('ring')).toBeGreaterThan(0.15);
    expect(moved('ring')).toBeLessThan(0.35);
  });

  it('places a region range by its directory, and the fourth shard takes apac', () => {
    const apac = { tenant: 't', customer: 'c', home: 'apac' };
    expect(shardFor(apac, { key: 'region', hashing: 'modulo', shardCount: 3 })).toBe('shard-3');
    expect(shardFor(apac, { key: 'region', hashing: 'ring', shardCount: 4 })).toBe('shard-4');
  });
});
