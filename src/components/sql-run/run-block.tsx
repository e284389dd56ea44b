/**
 * A chapter's SQL block run where it stands: on its lab's session (the same one the lab on the page shows),
 * starting the lab first when it has not started, with the result below the block as the console shows it.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getSession } from '../lab/sessions.ts';
import { locateError } from '../lab/console/error-location.ts';
import type { Outcome } from '../lab/console/outcome.ts';
import { OutputView } from '../lab/console/OutputView.tsx';
import '../lab/console/sql-console.css';

interface Props {
  readonly lab: string;
  readonly service: string;
  readonly sql: string;
}

/** Replaces the block's Run button with the runner and runs the block once. */
export function runBlock(host: HTMLElement, props: Props) {
  const hadFocus = host.contains(document.activeElement);
  host.replaceChildren();
  render(<SqlBlockRunner {...props} />, host);
  if (hadFocus) host.querySelector('button')?.focus();
}

function SqlBlockRunner({ lab, service, sql }: Props) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [runningOn, setRunningOn] = useState<string | undefined>(service);
  const [label, setLabel] = useState(service);

  async function run() {
    try {
      const session = await getSession(lab);
      const name = session.lab.services.find((s) => s.name === service)?.label ?? service;
      setLabel(name);
      const status = session.view.get().status;
      if (status === 'idle' || status === 'error') {
        setRunningOn(`${name}, once the lab has started`);
        await session.start();
        const started = session.view.get();
        if (started.status === 'error') throw new Error(started.error ?? 'the lab did not start');
      }
      setRunningOn(name);
      const result = await session.runSql(service, sql);
      setOutcome({ kind: 'result', result, location: result.ok ? undefined : locateError(sql, result.error.position) });
    } catch (error) {
      setOutcome({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setRunningOn(undefined);
    }
  }

  useEffect(() => {
    void run();
  }, []);

  return (
    <div class="sql-run__runner" data-status={runningOn === undefined ? 'idle' : 'running'}>
      <button
        type="button"
        class="sql-run__button"
        aria-disabled={runningOn === undefined ? 'false' : 'true'}
        onClick={() => {
          if (runningOn === undefined) void run();
        }}
      >
        Run again on {label}
      </button>
      <OutputView outcome={outcome} runningOn={runningOn} />
    </div>
  );
}
