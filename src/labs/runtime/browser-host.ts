/** A DatabaseHost for the browser: each service's database in its own worker, engines loaded on Start. */
import type { Database } from '../engine/types.ts';
import { databaseServices } from '../sim/database-services.ts';
import type { DatabaseHost } from './lab-session.ts';

const DEFAULT_LIMIT_MS = 10_000;

function canStop(db: Database): db is Database & { stop(): void } {
  return typeof (db as { stop?: unknown }).stop === 'function';
}

export const browserHost: DatabaseHost = {
  async open(lab, report, onRestored) {
    const { openBrowserDatabases } = await import('../engine/browser-engines.ts');
    return openBrowserDatabases(databaseServices(lab), {
      limitMs: lab.statementLimitMs ?? DEFAULT_LIMIT_MS,
      report,
      onRestore: (service, event) => {
        if (event.phase === 'restored') onRestored(service, event.reason);
      },
    });
  },
  stop(db) {
    if (canStop(db)) db.stop();
  },
};
