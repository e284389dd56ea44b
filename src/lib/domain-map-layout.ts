/**
 * Geometry for the domain map: where each domain's box sits and where each relationship's line runs. Pure data
 * in, coordinates out, so the component only draws and the layout is unit-tested.
 */
import type { Domain, Relationship } from '../labs/ticket-system/domains.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedDomain {
  readonly domain: Domain;
  readonly box: Box;
  readonly tables: readonly { readonly name: string; readonly x: number; readonly y: number }[];
}

export interface PlacedEdge {
  readonly relationship: Relationship;
  readonly crossDomain: boolean;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** SVG path data: a straight line, or an arc over the row when a box sits between the two ends. */
  readonly path: string;
}

export interface DomainMapLayout {
  readonly width: number;
  readonly height: number;
  readonly domains: readonly PlacedDomain[];
  readonly edges: readonly PlacedEdge[];
}

const COLUMNS = 4;
const BOX_WIDTH = 150;
const HEADER = 44;
const LINE = 22;
const GAP_X = 26;
const GAP_Y = 64;
const MARGIN_X = 10;
/** Room above the first row for lines that arc over a box. */
const MARGIN_TOP = 44;
/** Lines between the same two boxes are spread this far apart. */
const PARALLEL = 9;

/** Where a segment from the box's centre towards (tx, ty) leaves the box. */
function exitPoint(box: Box, tx: number, ty: number): [number, number] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return [cx + dx * scale, cy + dy * scale];
}

/**
 * Lays the domains out on a grid in the given order, each box tall enough for its tables, and runs a line for
 * every relationship between the boxes of its two tables. Relationships inside one domain are kept but drawn
 * with zero length, so callers can still list them.
 */
export function layoutDomainMap(domains: readonly Domain[], relationships: readonly Relationship[]): DomainMapLayout {
  const rows = Math.ceil(domains.length / COLUMNS);
  const rowHeights = Array.from({ length: rows }, (_, r) =>
    Math.max(...domains.slice(r * COLUMNS, (r + 1) * COLUMNS).map((d) => HEADER + LINE * d.tables.length + 8)),
  );
  const placed = domains.map((domain, i) => {
    const row = Math.floor(i / COLUMNS);
    const col = i % COLUMNS;
    const y = MARGIN_TOP + rowHeights.slice(0, row).reduce((sum, h) => sum + h + GAP_Y, 0);
    const box = { x: MARGIN_X + col * (BOX_WIDTH + GAP_X), y, width: BOX_WIDTH, height: rowHeights[row] ?? HEADER };
    const tables = domain.tables.map((name, t) => ({ name, x: box.x + 12, y: box.y + HEADER + LINE * t + 10 }));
    return { domain, box, tables };
  });
  const boxOf = (table: string) => placed.find((p) => p.domain.tables.includes(table));
  const seen = new Map<string, number>();
  const pairCount = new Map<string, number>();
  const pairKey = (r: Relationship) => [boxOf(r.from)?.domain.id, boxOf(r.to)?.domain.id].sort().join('|');
  for (const r of relationships) pairCount.set(pairKey(r), (pairCount.get(pairKey(r)) ?? 0) + 1);
  const edges = relationships.map((relationship) => {
    const from = boxOf(relationship.from);
    const to = boxOf(relationship.to);
    if (!from || !to) throw new Error(`relationship ${relationship.name} names a table outside the map`);
    const key = pairKey(relationship);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const offset = (index - ((pairCount.get(key) ?? 1) - 1) / 2) * PARALLEL;
    const fx = from.box.x + from.box.width / 2;
    const fy = from.box.y + from.box.height / 2;
    const tx = to.box.x + to.box.width / 2;
    const ty = to.box.y + to.box.height / 2;
    const length = Math.hypot(tx - fx, ty - fy) || 1;
    // Perpendicular shift, so parallel lines between the same boxes stay apart.
    const ox = (-(ty - fy) / length) * offset;
    const oy = ((tx - fx) / length) * offset;
    const sameRow = from.box.y === to.box.y;
    if (sameRow && Math.abs(from.box.x - to.box.x) > BOX_WIDTH + GAP_X) {
      // Over the top, so the line does not vanish behind the box in between.
      const x1 = fx + offset;
      const x2 = tx + offset;
      const y = from.box.y;
      const lift = y - GAP_Y / 2 - Math.abs(offset);
      return { relationship, crossDomain: true, x1, y1: y, x2, y2: y, path: `M ${x1} ${y} C ${x1} ${lift} ${x2} ${lift} ${x2} ${y}` };
    }
    const [sx1, sy1] = exitPoint(from.box, tx + ox, ty + oy);
    const [sx2, sy2] = exitPoint(to.box, fx + ox, fy + oy);
    const [x1, y1, x2, y2] = [sx1 + ox, sy1 + oy, sx2 + ox, sy2 + oy];
    return { relationship, crossDomain: from !== to, x1, y1, x2, y2, path: `M ${x1} ${y1} L ${x2} ${y2}` };
  });
  const width = MARGIN_X * 2 + Math.min(domains.length, COLUMNS) * (BOX_WIDTH + GAP_X) - GAP_X;
  const height = MARGIN_TOP + MARGIN_X + rowHeights.reduce((sum, h) => sum + h, 0) + GAP_Y * (rows - 1);
  return { width, height, domains: placed, edges };
}
