import { describe, expect, it } from 'vitest';
import { domains, relationships } from '../labs/ticket-system/domains.ts';
import { layoutDomainMap } from './domain-map-layout.ts';

const layout = layoutDomainMap(domains, relationships);

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('the domain map layout', () => {
  it('places every domain once, inside the drawing, without overlaps', () => {
    expect(layout.domains.map((d) => d.domain.id)).toEqual(domains.map((d) => d.id));
    for (const [i, a] of layout.domains.entries()) {
      expect(a.box.x + a.box.width).toBeLessThanOrEqual(layout.width);
      expect(a.box.y + a.box.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.domains.slice(i + 1)) expect(overlaps(a.box, b.box), `${a.domain.id} / ${b.domain.id}`).toBe(false);
    }
  });

  it('draws one line per relationship, from the edge of one box to the edge of the other', () => {
    expect(layout.edges).toHaveLength(relationships.length);
    for (const edge of layout.edges) {
      const from = layout.domains.find((d) => d.domain.tables.includes(edge.relationship.from));
      const to = layout.domains.find((d) => d.domain.tables.includes(edge.relationship.to));
      expect(edge.crossDomain).toBe(from !== to);
      const near = (x: number, y: number, box: { x: number; y: number; width: number; height: number }) =>
        x >= box.x - 10 && x <= box.x + box.width + 10 && y >= box.y - 10 && y <= box.y + box.height + 10;
      if (from && to) {
        expect(near(edge.x1, edge.y1, from.box), edge.relationship.name).toBe(true);
        expect(near(edge.x2, edge.y2, to.box), edge.relationship.name).toBe(true);
      }
    }
  });

  it('keeps parallel lines between the same two boxes apart', () => {
    const between = layout.edges.filter((e) => [e.relationship.from, e.relationship.to].sort().join() === 'customers,tickets');
    expect(between.length).toBe(3);
    expect(new Set(between.map((e) => `${Math.round(e.x1)},${Math.round(e.y1)}`)).size).toBe(3);
  });

  it('refuses a relationship to a table no domain holds', () => {
    expect(() => layoutDomainMap(domains, [{ kind: 'foreign key', name: 'x', from: 'tickets', to: 'nowhere' }])).toThrow(/outside the map/);
  });
});
