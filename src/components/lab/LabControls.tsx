import { useState } from 'preact/hooks';
import { SPEEDS, type LabSession, type LabView } from '../../labs/runtime/lab-session.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** Step, play, speed, reset, rewind and seed: the transport bar of a lab. */
export function LabControls({ session, view }: Props) {
  const [seed, setSeed] = useState(String(view.seed));
  const idle = view.busy && !view.playing;
  const held = view.transactionsOpen.map((name) => session.lab.services.find((s) => s.name === name)?.label ?? name);
  return (
    <div class="lab-controls" role="group" aria-label="Lab controls">
      <button
        type="button"
        class="lab-button"
        onClick={() => void session.step()}
        disabled={idle || view.playing || view.quiet || held.length > 0}
      >
        Step
      </button>
      {view.playing ? (
        <button type="button" class="lab-button" onClick={() => session.pause()}>
          Pause
        </button>
      ) : (
        <button type="button" class="lab-button" onClick={() => session.play()} disabled={idle || view.quiet || held.length > 0}>
          Play
        </button>
      )}
      <label class="lab-field">
        Speed
        <select value={view.speed} onChange={(e) => session.setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} step{s === 1 ? '' : 's'}/s
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="lab-button" onClick={() => void session.reset()} disabled={idle}>
        Reset
      </button>
      <label class="lab-field lab-scrub">
        Rewind to step
        <input
          type="range"
          min={0}
          max={view.horizon}
          value={view.steps}
          disabled={idle || view.horizon === 0}
          onChange={(e) => void session.seek(Number(e.currentTarget.value))}
          aria-valuetext={`step ${view.steps} of ${view.horizon}`}
        />
      </label>
      <span class="lab-clock" aria-live="polite">
        Step {view.steps} · {view.now} ms{view.quiet ? ' · quiet' : ` · ${view.pending.length} pending`}
        {view.waiting && ' · waiting on a fault: only retries are left, so play stopped. Heal the fault or restart the service.'}
        {held.length > 0 && ` · waiting for your transaction on ${held.join(', ')}: COMMIT or ROLLBACK it in the console.`}
      </span>
      <form
        class="lab-field lab-seed"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(seed);
          if (Number.isInteger(n) && n > 0) void session.reset(n);
        }}
      >
        <label>
          Seed
          <input type="number" min={1} inputMode="numeric" value={seed} onInput={(e) => setSeed(e.currentTarget.value)} />
        </label>
        <button type="submit" class="lab-button" disabled={idle}>
          Use seed
        </button>
      </form>
    </div>
  );
}
