/**
 * A DatabaseHost for the browser: each service's database in its own worker. The engines' code and files load
 * when a lab is about to be seen (prewarm) or on Start, never for a reader who only reads.
 */
import type { Database } from '../engine/types.ts';
import { databaseServices } from '../sim/database-services.ts';
import type { DatabaseHost } from './lab-session.ts';

const DEFAULT_LIMIT_MS = 10_000;

function canStop(db: Database): db is Database & { stop(): void } {
  return typeof (db as { stop?: unknown }).stop === 'function';
}

const engines = () => import('../engine/browser-engines.ts');

export const browserHost: DatabaseHost = {
  async open(lab, report, onRestored) {
    const { openBrowserDatabases } = await engines();
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
  prewarm(lab) {
    void engines().then(({ prewarmBrowserDatabases }) => prewarmBrowserDatabases(databaseServices(lab)));
  },
};
