/** A DatabaseHost for Node: in-process engines, no workers (so no Stop). Used by tests and docs-as-tests. */
import { openNodeDatabase } from '../engine/node-engines.ts';
import { databaseServices } from '../sim/database-services.ts';
import type { DatabaseHost } from './lab-session.ts';

export const nodeHost: DatabaseHost = {
  async open(lab, report) {
    const entries = await Promise.all(databaseServices(lab).map(async (s) => [s.name, await openNodeDatabase(s.spec)] as const));
    report({ value: 1, text: `${entries.length} services ready` });
    return new Map(entries);
  },
};
