import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TraceEntry } from '../../labs/sim/types.ts';
import { arrowsInWindow, filterTimeline, layoutTimeline, READER_LANE, timelineColumns, visibleRows } from './timeline-layout.ts';
import { useSize, useWidth } from './use-width.ts';

const ROW = 28;
const HEAD = 34;

interface Props {
  readonly labId: string;
  readonly services: readonly { readonly name: string; readonly label: string }[];
  readonly trace: readonly TraceEntry[];
  /** The step the lab is at; the rows of the latest step up to it that shows in the diagram are highlighted. */
  readonly step: number;
  /** Rewinds the lab to a step, when the reader picks an event. */
  readonly onSeek: (step: number) => void;
}

const MARK = { crash: '✕', restart: '↻', note: '•', input: '◆' } as const;

/**
 * The trace as a sequence diagram: each event a row whose text sits in its own column (so no arrow crosses a
 * label), one lane per service with its name kept in view, the current step highlighted. Picking an event
 * rewinds the lab to it. Only the rows on screen are drawn, so a run of thousands of events stays fast; the
 * whole run is also listed as text below.
 */
export function Timeline({ labId, services, trace, step, onSeek }: Props) {
  const names = useMemo(() => services.map((s) => s.name), [services]);
  const full = useMemo(() => layoutTimeline(names, trace), [names, trace]);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const layout = useMemo(() => (shown.size === 0 ? full : filterTimeline(full, shown)), [full, shown]);
  const [box, width] = useWidth<HTMLDivElement>(600);
  const [scroller, size] = useSize<HTMLDivElement>({ width: 600, height: 400 });
  const [scrollTop, setScrollTop] = useState(0);
  const focusRow = useRef<number | null>(null);
  const atEnd = useRef(true);

  const { text: textWidth, lane: laneWidth } = timelineColumns(width, layout.lanes.length);
  const [first, end] = visibleRows(scrollTop, size.height, ROW, layout.rows);
  const labelOf = (lane: string) => (lane === READER_LANE ? 'You' : (services.find((s) => s.name === lane)?.label ?? lane));
  const x = (lane: string) => layout.lanes.indexOf(lane) * laneWidth + laneWidth / 2;
  const y = (row: number) => (row - first) * ROW + ROW / 2;
  // A step may leave no row (a timer that only ran SQL): the latest step with rows is where the lab is.
  const lastStep = layout.steps.findLast((s) => s <= step);

  // New events appear at the bottom: follow them while the reader is at the bottom, and after a rewind.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atEnd.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [layout.rows, size.height, scroller]);

  // Arrow keys move between events; the row to focus may only exist once the window has scrolled to it.
  useEffect(() => {
    const row = focusRow.current;
    if (row === null) return;
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-row="${row}"]`);
    if (button) {
      button.focus();
      focusRow.current = null;
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const current = (e.target as HTMLElement).dataset['row'];
    if (current === undefined) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let row = Number(current) + (moves[e.key] ?? 0);
    if (e.key === 'Home') row = 0;
    else if (e.key === 'End') row = layout.rows - 1;
    else if (!(e.key in moves)) return;
    e.preventDefault();
    row = Math.max(0, Math.min(layout.rows - 1, row));
    const el = scroller.current;
    if (el && (row * ROW < el.scrollTop || (row + 1) * ROW + HEAD > el.scrollTop + el.clientHeight)) {
      el.scrollTop = Math.max(0, row * ROW - el.clientHeight / 2);
    }
    const button = el?.querySelector<HTMLButtonElement>(`[data-row="${row}"]`);
    if (button) button.focus();
    else {
      focusRow.current = row;
      setScrollTop(el?.scrollTop ?? 0);
    }
  };

  const toggle = (lane: string) => {
    const next = new Set(shown);
    if (next.has(lane)) next.delete(lane);
    else next.add(lane);
    setShown(next);
  };

  const total = textWidth + layout.lanes.length * laneWidth;
  const svgHeight = Math.max(0, end - first) * ROW;

  return (
    <div class="lab-timeline" ref={box}>
      <div class="tl-filter" role="group" aria-label="Show the events of">
        <span class="lab-muted" aria-hidden="true">
          Show:
        </span>
        <button type="button" class="tl-chip" aria-pressed={shown.size === 0} onClick={() => setShown(new Set())}>
          All services
        </button>
        {services.map((s) => (
          <button key={s.name} type="button" class="tl-chip" aria-pressed={shown.has(s.name)} onClick={() => toggle(s.name)}>
            {s.label}
          </button>
        ))}
      </div>
      {layout.rows === 0 && (
        <p class="lab-muted">
          {shown.size === 0 ? 'Nothing has happened yet. Pick an action, then press Step or Play.' : 'No event of these services yet.'}
        </p>
      )}
      {/* Always rendered, hidden while empty, so that its size is observed from the start. */}
      <div
        class="lab-timeline-scroll"
        ref={scroller}
        hidden={layout.rows === 0}
        tabIndex={0}
        role="region"
        aria-label={`Timeline, ${layout.rows} events: pick one to rewind the lab to it`}
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW;
          setScrollTop(el.scrollTop);
        }}
        onKeyDown={onKeyDown}
      >
        <div class="tl-content" style={{ width: `${total}px` }}>
          <div class="tl-head" style={{ height: `${HEAD}px` }}>
            <div class="tl-corner" style={{ width: `${textWidth}px` }}>
              Event (pick one to rewind)
            </div>
            {layout.lanes.map((lane) => (
              <div key={lane} class="tl-lane-name" style={{ width: `${laneWidth}px` }} title={labelOf(lane)}>
                {labelOf(lane)}
              </div>
            ))}
          </div>
          <div class="tl-body" style={{ height: `${layout.rows * ROW}px` }}>
            <ol class="tl-events" style={{ width: `${textWidth}px`, height: `${layout.rows * ROW}px` }}>
              {Array.from({ length: end - first }, (_, i) => {
                const row = first + i;
                const rowStep = layout.steps[row] ?? 0;
                const current = rowStep === lastStep;
                return (
                  <li key={row} style={{ top: `${row * ROW}px`, height: `${ROW}px` }}>
                    <button
                      type="button"
                      class={current ? 'tl-event tl-current' : 'tl-event'}
                      data-row={row}
                      data-step={rowStep}
                      aria-current={current ? 'step' : undefined}
                      title={`${layout.lines[row] ?? ''}. Pick to rewind to step ${rowStep}.`}
                      tabIndex={row === first ? 0 : -1}
                      onClick={() => onSeek(rowStep)}
                    >
                      <span class="tl-step">{rowStep}</span>
                      <span class="tl-text">{layout.short[row]}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
            <svg
              class="tl-svg"
              width={layout.lanes.length * laneWidth}
              height={svgHeight}
              style={{ left: `${textWidth}px`, top: `${first * ROW}px` }}
              role="img"
              aria-label={`Sequence diagram with ${layout.rows} events; each is listed beside it, and all of them as text below.`}
            >
              <defs>
                <marker
                  id={`tl-arrow-${labId}`}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" class="tl-arrowhead" />
                </marker>
              </defs>
              {Array.from({ length: end - first }, (_, i) =>
                layout.steps[first + i] === lastStep ? (
                  <rect key={i} class="tl-current-band" x="0" y={i * ROW} width={layout.lanes.length * laneWidth} height={ROW} />
                ) : null,
              )}
              {layout.lanes.map((lane) => (
                <line key={lane} x1={x(lane)} x2={x(lane)} y1="0" y2={svgHeight} class="tl-lane" />
              ))}
              {arrowsInWindow(layout.arrows, first, end).map((a) => {
                const x1 = x(a.from);
                const x2 = x(a.to);
                const endX = a.lost ? x1 + (x2 - x1) * 0.6 : x2;
                const endY = a.lost ? y(a.fromRow) + (y(a.toRow) - y(a.fromRow)) * 0.6 : y(a.toRow);
                return (
                  <g key={`${a.id}-${a.toRow}`} class={a.lost ? 'tl-msg tl-lost' : 'tl-msg'}>
                    {x1 === x2 ? (
                      <path d={`M${x1},${y(a.fromRow)} h18 V${y(a.toRow)} h-14`} fill="none" marker-end={`url(#tl-arrow-${labId})`} />
                    ) : (
                      <line x1={x1} y1={y(a.fromRow)} x2={endX} y2={endY} marker-end={a.lost ? undefined : `url(#tl-arrow-${labId})`} />
                    )}
                    {a.lost && (
                      <text x={endX} y={endY + 5} text-anchor="middle" class="tl-cross">
                        ✕
                      </text>
                    )}
                  </g>
                );
              })}
              {layout.marks
                .filter((m) => m.row >= first && m.row < end)
                .map((m) => (
                  <g key={`${m.kind}-${m.row}`} class={`tl-mark tl-${m.kind}`}>
                    <circle cx={x(m.lane)} cy={y(m.row)} r={m.kind === 'note' ? 4 : 8} />
                    {m.kind !== 'note' && (
                      <text x={x(m.lane)} y={y(m.row) + 4} text-anchor="middle">
                        {MARK[m.kind]}
                      </text>
                    )}
                  </g>
                ))}
            </svg>
          </div>
        </div>
      </div>
      <details class="lab-timeline-text">
        <summary>Timeline as text ({full.lines.length} events)</summary>
        <ol>
          {full.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
