import { useState } from 'preact/hooks';
import { isBackslashCommand } from '../../labs/runtime/describe.ts';
import type { LabSession } from '../../labs/runtime/lab-session.ts';
import { SqlConsole } from './console/SqlConsole.tsx';

interface Props {
  readonly session: LabSession;
  /** From the session's view: services where the reader holds a transaction open. */
  readonly transactionsOpen: readonly string[];
  readonly initialService?: string;
  readonly initialSql?: string;
  /** A stand-alone console is the whole point of its page section, so it opens at once. */
  readonly initiallyOpen?: boolean;
}

/**
 * The console mounts when the reader opens it; Monaco itself is fetched by the console on mount.
 * (The console's own component is imported statically: when it was a second dynamic import, the build
 * dropped the stylesheet of the Monaco chunk beneath it.)
 */
export function ConsolePanel({ session, transactionsOpen, initialService, initialSql, initiallyOpen = false }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  if (!open) {
    return (
      <div class="lab-console lab-console-closed">
        <button type="button" class="lab-button" onClick={() => setOpen(true)}>
          Open SQL console
        </button>
        <span class="lab-muted"> Query any service’s own database while the lab runs.</span>
      </div>
    );
  }
  return (
    <div class="lab-console">
      <SqlConsole
        services={session.lab.services.map((s) => ({ name: s.name, label: s.label }))}
        {...(initialService ? { initialService } : {})}
        {...(initialSql ? { initialSql } : {})}
        run={(service, sql) => (isBackslashCommand(sql) ? session.describe(service, sql) : session.runSql(service, sql))}
        stop={(service) => session.stop(service)}
        catalog={(service) => session.catalog(service)}
        historyKey={`lab:${session.lab.id}`}
        transactionsOpen={transactionsOpen}
      />
    </div>
  );
}
