import type { LabSession, LabView } from '../../labs/runtime/lab-session.ts';

interface Props {
  readonly session: LabSession;
  readonly view: LabView;
}

/** The lab's faults as switches. A fault changes what happens from the next event on. */
export function FaultPanel({ session, view }: Props) {
  return (
    <fieldset class="lab-faults">
      <legend class="sr-only">Faults</legend>
      {session.lab.faults.map((fault) => {
        const id = `fault-${session.lab.id}-${fault.id}`;
        return (
          <div key={fault.id} class="lab-fault">
            <input
              id={id}
              type="checkbox"
              checked={view.faultsOn.includes(fault.id)}
              disabled={view.busy && !view.playing}
              aria-describedby={`${id}-desc`}
              onChange={(e) => void session.input({ kind: 'fault', faultId: fault.id, on: e.currentTarget.checked })}
            />
            <label for={id}>
              {fault.label} <code class="lab-id">{fault.id}</code>
            </label>
            <p id={`${id}-desc`} class="lab-muted">
              {fault.description}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
