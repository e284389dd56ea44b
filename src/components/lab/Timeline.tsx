import { useEffect, useRef } from 'preact/hooks';
import type { TraceEntry } from '../../labs/sim/types.ts';
import { layoutTimeline } from './timeline-layout.ts';

const LANE_WIDTH = 170;
/** Below this a lane's labels stop being readable; the diagram scrolls sideways instead of shrinking further. */
const MIN_LANE_WIDTH = 120;
const ROW_HEIGHT = 26;
const TOP = 34;

interface Props {
  readonly services: readonly { readonly name: string; readonly label: string }[];
  readonly trace: readonly TraceEntry[];
  readonly step: number;
}

/** The trace as a sequence diagram, one lane per service, with the same content as text below it. */
export function Timeline({ services, trace, step }: Props) {
  const layout = layoutTimeline(
    services.map((s) => s.name),
    trace,
  );
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [layout.rows]);

  const x = (lane: string) => layout.lanes.indexOf(lane) * LANE_WIDTH + LANE_WIDTH / 2;
  const y = (row: number) => TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2;
  const width = layout.lanes.length * LANE_WIDTH;
  const height = TOP + Math.max(layout.rows, 1) * ROW_HEIGHT + 8;
  const labelOf = (lane: string) => services.find((s) => s.name === lane)?.label ?? 'You';
  const currentRows = new Set(trace.filter((e) => e.step === step).map((e) => e.step));

  return (
    <div class="lab-timeline">
      {layout.rows === 0 ? (
        <p class="lab-muted">Nothing has happened yet. Pick an action, then press Step or Play.</p>
      ) : (
        <div class="lab-timeline-scroll" ref={scroller} tabIndex={0} aria-label="Timeline diagram, scrollable">
          <svg
            class="tl-svg"
            style={{ minWidth: `${layout.lanes.length * MIN_LANE_WIDTH}px` }}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label={`Sequence diagram with ${layout.rows} events; the same events are listed as text below.`}
          >
            <defs>
              <marker id="tl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class="tl-arrowhead" />
              </marker>
            </defs>
            {layout.lanes.map((lane) => (
              <g key={lane}>
                <text x={x(lane)} y={18} class="tl-lane-label" text-anchor="middle">
                  {labelOf(lane)}
                </text>
                <line x1={x(lane)} x2={x(lane)} y1={TOP - 6} y2={height} class="tl-lane" />
              </g>
            ))}
            {layout.arrows.map((a) => {
              const x1 = x(a.from);
              const x2 = x(a.to);
              const self = x1 === x2;
              const endX = a.lost ? x1 + (x2 - x1) * 0.6 : x2;
              const endY = a.lost ? y(a.fromRow) + (y(a.toRow) - y(a.fromRow)) * 0.6 : y(a.toRow);
              return (
                <g key={`${a.id}-${a.toRow}`} class={a.lost ? 'tl-msg tl-lost' : 'tl-msg'}>
                  {self ? (
                    <path d={`M${x1},${y(a.fromRow)} h24 V${y(a.toRow)} h-20`} fill="none" marker-end="url(#tl-arrow)" />
                  ) : (
                    <line x1={x1} y1={y(a.fromRow)} x2={endX} y2={endY} marker-end={a.lost ? undefined : 'url(#tl-arrow)'} />
                  )}
                  {a.lost && (
                    <text x={endX} y={endY + 4} text-anchor="middle" class="tl-cross">
                      ✕
                    </text>
                  )}
                  <text
                    x={self ? x1 + 28 : (x1 + endX) / 2}
                    y={(y(a.fromRow) + endY) / 2 - 4}
                    text-anchor={self ? 'start' : 'middle'}
                    class="tl-label"
                  >
                    {a.label}
                  </text>
                </g>
              );
            })}
            {layout.marks.map((m) => (
              <g key={`${m.kind}-${m.row}`} class={`tl-mark tl-${m.kind}${currentRows.has(m.step) ? ' tl-current' : ''}`}>
                <circle cx={x(m.lane)} cy={y(m.row)} r={m.kind === 'note' ? 3 : 6} />
                <text x={x(m.lane) + 10} y={y(m.row) + 4} class="tl-label">
                  {m.text.length > 40 ? `${m.text.slice(0, 39)}…` : m.text}
                </text>
              </g>
            ))}
          </svg>
        </div>
      )}
      <details class="lab-timeline-text">
        <summary>Timeline as text ({layout.lines.length} events)</summary>
        <ol>
          {layout.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
