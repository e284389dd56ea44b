import { useMemo, useState } from 'preact/hooks';
import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';
import {
  hubOf,
  layoutMap,
  linkSegment,
  linkState,
  linksOf,
  messagesInFlight,
  NODE_HEIGHT,
  serviceState,
  type MapLink,
  type MapNode,
  type PartState,
} from './service-map-layout.ts';
import { useWidth } from './use-width.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

type Selection = { readonly kind: 'service'; readonly name: string } | { readonly kind: 'link'; readonly key: string };

const ENGINE = { postgres: 'Postgres', sqlite: 'SQLite' } as const;
/** Message labels travel with their dots only while few are in flight; more would cover the picture. */
const LABELLED_MESSAGES = 4;

function stateWords(state: PartState, kind: 'service' | 'link' = 'service'): string {
  const words = [
    state.crashed ? 'crashed' : state.partitioned ? 'partitioned' : state.slow ? 'slow' : kind === 'service' ? 'running' : 'working',
  ];
  const others = state.on.filter((f) => f.network?.kind !== 'partition');
  if (others.length > 0) words.push(`fault on: ${others.map((f) => f.label).join(', ')}`);
  return words.join('; ');
}

/** "Orders (Postgres)" is drawn "Orders": the engine has its own line or icon, and the box is small. */
function shortLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)$/, '');
}

/** A few characters less than fit, so that a long label ends in an ellipsis rather than past the box. */
function fit(text: string, width: number, px: number): string {
  const max = Math.floor((width - 16) / (px * 0.55));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The system drawn: each service with its engine, the links between services that exchange messages, the
 * messages on their way, and crashes, slow parts and partitions drawn with a pattern or an icon as well as a
 * colour. Selecting a service or a link (click, Enter or Space) shows what the reader may do to it. A hidden
 * table says the same in words.
 */
export function ServiceMap({ session, view }: Props) {
  const { lab } = session;
  const [box, width, measured] = useWidth<HTMLDivElement>(600);
  const [selected, setSelected] = useState<Selection | null>(null);
  const hub = useMemo(() => hubOf(lab), [lab]);
  const layout = useMemo(() => layoutMap(lab.services, Math.max(240, width), hub), [lab, width, hub]);
  const links = useMemo(() => linksOf(lab, view.trace), [lab, view.trace]);
  const flying = messagesInFlight(layout, view.pending, view.trace, view.now);
  const id = `map-${lab.id}`;
  const disabled = view.busy && !view.playing;
  const anyFaults = lab.faults.some((f) => f.service !== undefined || f.network !== undefined);

  const select = (next: Selection) => setSelected(selected && JSON.stringify(selected) === JSON.stringify(next) ? null : next);
  const keys = (next: Selection) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(next);
    }
  };
  const labelOf = (name: string) => lab.services.find((s) => s.name === name)?.label ?? name;
  const nodeState = (n: MapNode) => serviceState(lab, n.name, view);

  return (
    <div class="map" ref={box} style={{ '--map-glide': `${view.playing ? Math.round(1000 / view.speed) : 0}ms` }}>
      {/* Not laid out until the box is measured (before the first paint): drawn at the fallback width and scaled
          down, its text would need fonts at sizes used nowhere else, each looked up at a cost (see font-warmup.ts). */}
      <svg
        class="map-svg"
        style={measured ? undefined : { display: 'none' }}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={`Service map of ${lab.services.length} services${anyFaults ? ': select a service or a link to set its faults' : ''}`}
      >
        <defs>
          <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="8" class="map-hatch-line" />
          </pattern>
        </defs>
        {links.map((link) => (
          <LinkShape
            key={link.key}
            link={link}
            state={linkState(lab, link, view.faultsOn)}
            segment={linkSegment(layout, link.a, link.b)}
            name={`${labelOf(link.a)} to ${labelOf(link.b)}`}
            selected={selected?.kind === 'link' && selected.key === link.key}
            onSelect={() => select({ kind: 'link', key: link.key })}
            onKey={keys({ kind: 'link', key: link.key })}
          />
        ))}
        {layout.nodes.map((n) => {
          const state = nodeState(n);
          const name = `${n.label}: ${stateWords(state)}; ${n.engine ? ENGINE[n.engine] : 'no database'}`;
          const isSelected = selected?.kind === 'service' && selected.name === n.name;
          return (
            <g
              key={n.name}
              class={`map-node${state.crashed ? ' map-down' : ''}${state.on.length > 0 ? ' map-faulty' : ''}${isSelected ? ' map-selected' : ''}`}
              transform={`translate(${n.x},${n.y})`}
              data-service={n.name}
              data-state={state.crashed ? 'crashed' : state.on.length > 0 ? 'faulty' : 'up'}
            >
              <rect class="map-box" width={n.w} height={n.h} rx="8" />
              {state.crashed && <rect class="map-hatch" width={n.w} height={n.h} rx="8" fill={`url(#${id}-hatch)`} />}
              <text x="10" y="20" class="map-label">
                {fit(shortLabel(n.label), n.w - (n.engine ? 18 : 0), 13)}
              </text>
              {n.h >= NODE_HEIGHT && (
                <text x="10" y="37" class="map-engine">
                  {n.engine ? ENGINE[n.engine] : 'no database'}
                </text>
              )}
              <text x="10" y={n.h >= NODE_HEIGHT ? 54 : 38} class="map-sub">
                {state.crashed ? '✕ crashed' : state.slow ? '⏱ slow' : state.on.length > 0 ? '⚡ fault on' : '● running'}
              </text>
              {n.engine && (
                <path class="map-db" d={`M${n.w - 22},10 v12 a7,3 0 0 0 14,0 v-12 a7,3 0 0 0 -14,0 a7,3 0 0 0 14,0`} aria-hidden="true" />
              )}
              {/*
                The control is a transparent cover with no text of its own, so that its name can say more than the
                (shortened) words drawn beneath it. Lower case `tabindex`: an SVG element takes attributes as written.
              */}
              <rect
                class="map-hit"
                x="-4"
                y="-4"
                width={n.w + 8}
                height={n.h + 8}
                rx="11"
                role="button"
                tabindex={0}
                aria-pressed={isSelected}
                aria-label={name}
                onClick={() => select({ kind: 'service', name: n.name })}
                onKeyDown={keys({ kind: 'service', name: n.name })}
              />
            </g>
          );
        })}
        {/* After the services, so that a message leaving one is drawn on top of it. */}
        {flying.map((m) => (
          <g key={m.key} class="map-msg" style={{ transform: `translate(${m.x}px, ${m.y}px)` }}>
            <circle r="6" />
            <title>{`${m.type} on its way from ${labelOf(m.from)} to ${labelOf(m.to)}`}</title>
            {/* After the services, so that a message leaving one is drawn on top of it. */}
            {flying.length <= LABELLED_MESSAGES && (
              <text x="9" y="-7" class="map-msg-label">
                {m.type}
              </text>
            )}
          </g>
        ))}
      </svg>
      {selected && (
        <Inspector
          session={session}
          view={view}
          selected={selected}
          links={links}
          labelOf={labelOf}
          disabled={disabled}
          onClose={() => setSelected(null)}
        />
      )}
      <MapText view={view} layout={layout.nodes} links={links} nodeState={nodeState} session={session} labelOf={labelOf} />
    </div>
  );
}

interface LinkProps {
  readonly link: MapLink;
  readonly state: PartState;
  readonly segment: { x1: number; y1: number; x2: number; y2: number } | undefined;
  readonly name: string;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly onKey: (e: KeyboardEvent) => void;
}

function LinkShape({ link, state, segment, name, selected, onSelect, onKey }: LinkProps) {
  if (!segment) return null;
  const { x1, y1, x2, y2 } = segment;
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const interactive = state.faults.length > 0;
  const kind = state.partitioned ? ' map-cut' : state.slow ? ' map-slow' : state.on.length > 0 ? ' map-faulty' : '';
  return (
    <g
      class={`map-link${kind}${selected ? ' map-selected' : ''}${interactive ? ' map-interactive' : ''}`}
      data-link={link.key}
      data-state={state.partitioned ? 'partitioned' : state.slow ? 'slow' : state.on.length > 0 ? 'faulty' : 'up'}
      {...(interactive
        ? {
            role: 'button',
            tabindex: 0,
            'aria-pressed': selected,
            'aria-label': `Link ${name}: ${stateWords(state, 'link')}`,
            onClick: onSelect,
            onKeyDown: onKey,
          }
        : {})}
    >
      {interactive && <line class="map-link-hit" x1={x1} y1={y1} x2={x2} y2={y2} />}
      <line class="map-link-line" x1={x1} y1={y1} x2={x2} y2={y2} />
      {state.partitioned && (
        <g transform={`translate(${mx},${my})`} class="map-link-mark">
          <circle r="10" />
          <path d="M-4,-4 L4,4 M4,-4 L-4,4" />
        </g>
      )}
      {!state.partitioned && state.slow && (
        <g transform={`translate(${mx},${my})`} class="map-link-mark">
          <circle r="10" />
          <text y="4" text-anchor="middle">
            ⏱
          </text>
        </g>
      )}
    </g>
  );
}

interface InspectorProps {
  readonly session: LabSession;
  readonly view: LabView;
  readonly selected: Selection;
  readonly links: readonly MapLink[];
  readonly labelOf: (name: string) => string;
  readonly disabled: boolean;
  readonly onClose: () => void;
}

/** What the reader may do to the selected service or link: its faults as switches, and a restart when it is down. */
function Inspector({ session, view, selected, links, labelOf, disabled, onClose }: InspectorProps) {
  const { lab } = session;
  const link = selected.kind === 'link' ? links.find((l) => l.key === selected.key) : undefined;
  const state =
    selected.kind === 'service' ? serviceState(lab, selected.name, view) : link ? linkState(lab, link, view.faultsOn) : undefined;
  if (!state) return null;
  const title = selected.kind === 'service' ? labelOf(selected.name) : link ? `${labelOf(link.a)} ↔ ${labelOf(link.b)}` : '';
  return (
    <div class="map-inspector" role="group" aria-label={`What you can do to ${title}`}>
      <p class="map-inspector-title">
        <strong>{title}</strong> <span class="lab-muted">· {stateWords(state, selected.kind)}</span>
      </p>
      <div class="map-inspector-actions">
        {state.faults.map((fault) => {
          const on = view.faultsOn.includes(fault.id);
          return (
            <button
              key={fault.id}
              type="button"
              class="lab-button map-toggle"
              aria-pressed={on}
              title={fault.description}
              disabled={disabled}
              onClick={() => void session.input({ kind: 'fault', faultId: fault.id, on: !on })}
            >
              <span class="map-toggle-mark" aria-hidden="true">
                {on ? '●' : '○'}
              </span>
              {fault.label}
            </button>
          );
        })}
        {selected.kind === 'service' && state.crashed && (
          <button
            type="button"
            class="lab-button lab-restart"
            disabled={disabled}
            onClick={() => void session.input({ kind: 'restart', service: selected.name })}
          >
            Restart this service ({labelOf(selected.name)})
          </button>
        )}
        {state.faults.length === 0 && !state.crashed && (
          <span class="lab-muted">The lab declares no fault {selected.kind === 'service' ? 'for this service' : 'on this link'}.</span>
        )}
        <button type="button" class="lab-button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

interface MapTextProps {
  readonly session: LabSession;
  readonly view: LabView;
  readonly layout: readonly MapNode[];
  readonly links: readonly MapLink[];
  readonly nodeState: (n: MapNode) => PartState;
  readonly labelOf: (name: string) => string;
}

/** The picture in words, for a screen reader: each service and its state, each link, what is on its way. */
function MapText({ session, view, layout, links, nodeState, labelOf }: MapTextProps) {
  return (
    <div class="sr-only">
      <table>
        <caption>Services and their state</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Database</th>
            <th scope="col">State</th>
            <th scope="col">On its way to it</th>
          </tr>
        </thead>
        <tbody>
          {layout.map((n) => {
            const inbound = view.pending.filter((p) => p.to === n.name);
            return (
              <tr key={n.name}>
                <th scope="row">{n.label}</th>
                <td>{n.engine ? ENGINE[n.engine] : 'none'}</td>
                <td>{stateWords(nodeState(n))}</td>
                <td>{inbound.length === 0 ? 'nothing' : inbound.map((p) => `${p.type} (at ${p.at} ms)`).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {links.length > 0 && (
        <ul aria-label="Links between services">
          {links.map((l) => (
            <li key={l.key}>
              {labelOf(l.a)} and {labelOf(l.b)}: {stateWords(linkState(session.lab, l, view.faultsOn), 'link')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
