/**
 * Lays out a small "who writes what" drawing for one joint-ownership technique: services on the left,
 * tables on the right, a line per write grant and a dashed line per delegated request. Pure geometry from
 * data the caller reads from the lab, so the drawing cannot drift from what the lab runs.
 */
export interface DiagramInput {
  readonly services: readonly { readonly id: string; readonly label: string }[];
  readonly tables: readonly {
    readonly name: string;
    readonly key: string;
    readonly columns: readonly string[];
    readonly writers: readonly string[];
  }[];
  readonly delegation?: readonly [string, string];
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly services: readonly { readonly id: string; readonly label: string; readonly box: Box }[];
  readonly tables: readonly { readonly name: string; readonly lines: readonly string[]; readonly box: Box }[];
  readonly edges: readonly { readonly kind: 'writes' | 'asks'; readonly from: string; readonly to: string; readonly path: string }[];
}

const SERVICE_W = 150;
const SERVICE_H = 40;
const TABLE_W = 190;
const LINE_H = 18;
const GAP = 24;
const LEFT = 10;
const RIGHT = 260;
const WIDTH = RIGHT + TABLE_W + 10;

export function layoutOwnership(input: DiagramInput): DiagramLayout {
  let y = 10;
  const tables = input.tables.map((t) => {
    const lines = [`${t.name}`, `${t.key} (key)`, ...t.columns];
    const box = { x: RIGHT, y, width: TABLE_W, height: lines.length * LINE_H + 12 };
    y += box.height + GAP;
    return { name: t.name, lines, box };
  });
  const tablesHeight = y - GAP;
  const servicesHeight = input.services.length * (SERVICE_H + GAP) - GAP;
  let sy = 10 + Math.max(0, (tablesHeight - 10 - servicesHeight) / 2);
  const services = input.services.map((s) => {
    const box = { x: LEFT, y: sy, width: SERVICE_W, height: SERVICE_H };
    sy += SERVICE_H + GAP;
    return { id: s.id, label: s.label, box };
  });
  const centre = (b: Box) => ({ x: b.x, y: b.y + b.height / 2 });
  const edges: DiagramLayout['edges'][number][] = [];
  for (const t of input.tables) {
    const table = tables.find((x) => x.name === t.name);
    for (const writer of t.writers) {
      const service = services.find((s) => s.id === writer);
      if (!service || !table) continue;
      const from = { x: service.box.x + service.box.width, y: service.box.y + service.box.height / 2 };
      const to = centre(table.box);
      edges.push({
        kind: 'writes',
        from: writer,
        to: t.name,
        path: `M${from.x},${from.y} C${from.x + 50},${from.y} ${to.x - 50},${to.y} ${to.x},${to.y}`,
      });
    }
  }
  if (input.delegation) {
    const [asker, owner] = input.delegation;
    const a = services.find((s) => s.id === asker);
    const o = services.find((s) => s.id === owner);
    if (a && o) {
      const x = a.box.x + 20;
      const [top, bottom] = a.box.y < o.box.y ? [a, o] : [o, a];
      edges.push({ kind: 'asks', from: asker, to: owner, path: `M${x},${top.box.y + top.box.height} L${x},${bottom.box.y}` });
    }
  }
  return { width: WIDTH, height: Math.max(tablesHeight, sy - GAP) + 10, services, tables, edges };
}
