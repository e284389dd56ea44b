/**
 * The service map as geometry: where each service is drawn, which services are linked, what state each part is
 * in, and where the messages in flight are. Positions depend only on the lab's services and the width, never on
 * the run, so nothing jumps while the lab plays. Pure, so it is tested alone.
 *
 * Services sit on an ellipse: a straight link between two points of a convex ring never passes through a third
 * service. A hub (a service linked to three or more others by the lab's network faults, like a broker) sits in
 * the middle, where its links are short spokes.
 */
import type { FaultDefinition, LabDefinition, ServiceDefinition, TraceEntry } from '../../labs/sim/types.ts';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 64;
/** From this many services on, each is drawn in two lines instead of three, and a little narrower. */
export const COMPACT_FROM = 6;
const COMPACT_WIDTH = 146;
const COMPACT_HEIGHT = 48;
const GAP = 14;
const PAD = 8;

export interface MapNode {
  readonly name: string;
  readonly label: string;
  readonly engine: 'postgres' | 'sqlite' | undefined;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface MapLink {
  /** The two services, in the order the lab declares them; a link carries messages both ways. */
  readonly a: string;
  readonly b: string;
  readonly key: string;
}

/** What the map needs of a lab: its services' names and its faults. */
export interface MapLab {
  readonly services: readonly Pick<ServiceDefinition, 'name'>[];
  readonly faults: readonly FaultDefinition[];
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly MapNode[];
}

export function linkKey(a: string, b: string): string {
  return [a, b].sort().join('~');
}

/**
 * The links to draw: every pair of services that has exchanged a message in this run, and every pair a network
 * fault of the lab is declared between (so a partition can be drawn, and set, before any message crosses it).
 */
export function linksOf(lab: MapLab, trace: readonly TraceEntry[]): readonly MapLink[] {
  const order = new Map(lab.services.map((s, i) => [s.name, i]));
  const links = new Map<string, MapLink>();
  const add = (from: string, to: string) => {
    const i = order.get(from);
    const j = order.get(to);
    if (i === undefined || j === undefined || i === j) return;
    const key = linkKey(from, to);
    if (!links.has(key)) links.set(key, i < j ? { a: from, b: to, key } : { a: to, b: from, key });
  };
  for (const fault of lab.faults) if (fault.network) add(...fault.network.between);
  for (const entry of trace) if (entry.type === 'send') add(entry.from, entry.to);
  return [...links.values()];
}

/** A service linked by the lab's network faults to three or more others, drawn in the middle. */
export function hubOf(lab: MapLab): string | undefined {
  const partners = new Map<string, Set<string>>();
  for (const fault of lab.faults) {
    if (!fault.network) continue;
    const [a, b] = fault.network.between;
    partners.set(a, (partners.get(a) ?? new Set()).add(b));
    partners.set(b, (partners.get(b) ?? new Set()).add(a));
  }
  let hub: string | undefined;
  let most = 2;
  for (const service of lab.services) {
    const count = partners.get(service.name)?.size ?? 0;
    if (count > most) {
      hub = service.name;
      most = count;
    }
  }
  return hub;
}

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }, w: number, h: number): boolean {
  return Math.abs(a.x - b.x) < w + GAP && Math.abs(a.y - b.y) < h + GAP;
}

/**
 * Centres on an ellipse filling `width` × `height`, the first at the top, then on round to the left. `turn`
 * (a share of one step) turns the ring so that no two services share a height: in a box too narrow for two
 * services side by side, a taller box then always separates them.
 */
function ring(count: number, width: number, height: number, w: number, h: number, turn: number): { x: number; y: number }[] {
  if (count <= 2) {
    // Two services read best side by side.
    const y = height / 2;
    return count === 1
      ? [{ x: width / 2, y }]
      : [
          { x: PAD + w / 2, y },
          { x: width - PAD - w / 2, y },
        ];
  }
  const rx = (width - w) / 2 - PAD;
  const ry = (height - h) / 2 - PAD;
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 - (2 * Math.PI * (i + turn)) / count;
    return { x: width / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle) };
  });
}

/**
 * Places the services in a box `width` wide, as tall as it must be for no two services to overlap. The hub, if
 * any, goes in the middle. A box too narrow for the symmetric ring (a phone) gets a turned ring without a middle.
 */
export function layoutMap(
  services: readonly Pick<ServiceDefinition, 'name' | 'label' | 'database'>[],
  width: number,
  hub?: string,
): MapLayout {
  const compact = services.length >= COMPACT_FROM;
  const w = Math.min(compact ? COMPACT_WIDTH : NODE_WIDTH, Math.floor((width - 3 * PAD) / 2));
  const h = compact ? COMPACT_HEIGHT : NODE_HEIGHT;
  // A middle needs a ring around it: with fewer than three others, the hub is drawn like any service.
  const attempts = [
    ...(hub !== undefined && services.length > 3 ? [{ middle: hub, turn: 0 }] : []),
    { middle: undefined, turn: 0 },
    { middle: undefined, turn: 0.25 },
  ];
  for (const [index, { middle, turn }] of attempts.entries()) {
    const around = services.filter((s) => s.name !== middle);
    const centre = services.find((s) => s.name === middle);
    // Room between the rows for the links to be seen, and for the messages on them.
    const lowest = around.length <= 2 && !centre ? h + 2 * PAD : 2 * h + 2 * PAD + 48;
    // Past this height the symmetric ring is not going to fit; the turned ring, the last attempt, always will.
    const tallest = index === attempts.length - 1 ? 6000 : Math.max(lowest, (around.length + (centre ? 3 : 1)) * (h + GAP));
    for (let height = lowest; height <= tallest; height += 10) {
      const centres = ring(around.length, width, height, w, h, turn);
      const all = centre ? [...centres, { x: width / 2, y: height / 2 }] : centres;
      if (!all.every((p, i) => all.every((q, j) => j <= i || !overlaps(p, q, w, h)))) continue;
      const placed = [...around, ...(centre ? [centre] : [])];
      const order = new Map(services.map((s, i) => [s.name, i]));
      // A ring of three leaves the bottom of its ellipse empty: the box is trimmed to the services it holds.
      const top = Math.min(...all.map((c) => c.y)) - h / 2 - PAD;
      const bottom = Math.max(...all.map((c) => c.y)) + h / 2 + PAD;
      const nodes = placed.map((s, i) => {
        const c = all[i] ?? { x: 0, y: 0 };
        return {
          name: s.name,
          label: s.label,
          engine: s.database?.kind,
          x: Math.round(c.x - w / 2),
          y: Math.round(c.y - h / 2 - top),
          w,
          h,
        };
      });
      // The lab's own order, so that keyboard focus moves through the services as the lab lists them.
      nodes.sort((p, q) => (order.get(p.name) ?? 0) - (order.get(q.name) ?? 0));
      return { width, height: Math.ceil(bottom - top), nodes };
    }
  }
  throw new Error(`no room for ${services.length} services in ${width} px`);
}

/** Where the segment from the centre of `from` towards the centre of `to` leaves the box of `from`. */
function edgePoint(from: MapNode, to: MapNode): { x: number; y: number } {
  const cx = from.x + from.w / 2;
  const cy = from.y + from.h / 2;
  const dx = to.x + to.w / 2 - cx;
  const dy = to.y + to.h / 2 - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx === 0 ? Infinity : from.w / 2 / Math.abs(dx), dy === 0 ? Infinity : from.h / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/** The visible segment of a link, from the border of one service to the border of the other. */
export function linkSegment(layout: MapLayout, from: string, to: string): { x1: number; y1: number; x2: number; y2: number } | undefined {
  const a = layout.nodes.find((n) => n.name === from);
  const b = layout.nodes.find((n) => n.name === to);
  if (!a || !b) return undefined;
  const p = edgePoint(a, b);
  const q = edgePoint(b, a);
  return { x1: p.x, y1: p.y, x2: q.x, y2: q.y };
}

export interface PartState {
  /** The lab's faults that act on this part (a service, or a link), whether on or off: what the reader may set. */
  readonly faults: readonly FaultDefinition[];
  /** Of those, the ones that are on. */
  readonly on: readonly FaultDefinition[];
  readonly crashed: boolean;
  readonly partitioned: boolean;
  /** A fault on that makes it slow: a delay on a link, a slow service. */
  readonly slow: boolean;
}

const isSlow = (f: FaultDefinition) => f.network?.kind === 'delay' || /\bslow\b/.test(f.id);

/** A service's state, and the faults the lab declares for it (those of its own, not of its links). */
export function serviceState(
  lab: Pick<LabDefinition, 'faults'>,
  name: string,
  view: { readonly crashed: readonly string[]; readonly faultsOn: readonly string[] },
): PartState {
  const faults = lab.faults.filter((f) => f.service === name && !f.network);
  const on = faults.filter((f) => view.faultsOn.includes(f.id));
  return { faults, on, crashed: view.crashed.includes(name), partitioned: false, slow: on.some(isSlow) };
}

/** A link's state, and the network faults the lab declares between its two services. */
export function linkState(lab: Pick<LabDefinition, 'faults'>, link: MapLink, faultsOn: readonly string[]): PartState {
  const faults = lab.faults.filter((f) => f.network && linkKey(...f.network.between) === link.key);
  const on = faults.filter((f) => faultsOn.includes(f.id));
  return {
    faults,
    on,
    crashed: false,
    partitioned: on.some((f) => f.network?.kind === 'partition'),
    slow: on.some(isSlow),
  };
}

export interface InFlight {
  /** Stable while the message travels, so that a drawn dot can glide from one position to the next. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
}

/**
 * The messages between services that are on their way, each placed along its link by how much of its travel
 * time has passed at `now` (virtual time). Messages from the reader and timers travel no link and are left out.
 */
export function messagesInFlight(
  layout: MapLayout,
  pending: readonly { readonly at: number; readonly from: string; readonly to: string; readonly type: string }[],
  trace: readonly TraceEntry[],
  now: number,
): readonly InFlight[] {
  const sends = trace.filter((e): e is Extract<TraceEntry, { type: 'send' }> => e.type === 'send');
  const used = new Set<number>();
  const found: InFlight[] = [];
  for (const p of pending) {
    if (p.from === 'reader' || p.from === 'timer') continue;
    // The latest matching send is the one still travelling; earlier ones with the same shape have arrived.
    let index = -1;
    for (let i = sends.length - 1; i >= 0; i--) {
      const s = sends[i];
      if (s && !used.has(i) && s.from === p.from && s.to === p.to && s.message.type === p.type && s.deliverAt === p.at) {
        index = i;
        break;
      }
    }
    const send = sends[index];
    const segment = linkSegment(layout, p.from, p.to);
    if (!send || !segment) continue;
    used.add(index);
    const travel = send.deliverAt - send.at;
    const done = travel <= 0 ? 1 : Math.min(1, Math.max(0, (now - send.at) / travel));
    found.push({
      key: `${send.id}-${index}`,
      from: p.from,
      to: p.to,
      type: p.type,
      x: segment.x1 + (segment.x2 - segment.x1) * done,
      y: segment.y1 + (segment.y2 - segment.y1) * done,
    });
  }
  return found;
}
