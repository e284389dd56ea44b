/**
 * The one place that owns lab sessions on a page: the lab shell, its exercises and any stand-alone
 * console of the same lab share one session, and so one set of databases.
 */
import { loadLab } from '../../labs/registry.ts';
import { browserHost } from '../../labs/runtime/browser-host.ts';
import { DEFAULT_SEED, LabSession } from '../../labs/runtime/lab-session.ts';

const sessions = new Map<string, Promise<LabSession>>();

/** A seed from the address (`?seed=7`), so a trainer can give everyone the same run. */
function seedFromAddress(): number {
  const raw = new URLSearchParams(globalThis.location?.search ?? '').get('seed');
  const seed = raw === null ? NaN : Number(raw);
  return Number.isInteger(seed) && seed > 0 ? seed : DEFAULT_SEED;
}

export function getSession(labId: string): Promise<LabSession> {
  let session = sessions.get(labId);
  if (!session) {
    session = loadLab(labId).then((lab) => new LabSession(lab, browserHost, seedFromAddress()));
    sessions.set(labId, session);
  }
  return session;
}
