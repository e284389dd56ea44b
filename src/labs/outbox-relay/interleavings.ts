/**
 * Interleavings of transactions on the real ticket database, for a copier's extract statement: some commit
 * at once, some are held by PREPARE TRANSACTION while others commit, and the copier polls in between. After
 * every held transaction has committed and the copier has polled twice more, its copy must equal the table.
 * The property tests and the "safe extract" exercise play them; neither goes through the simulation, because
 * the point is Postgres's own visibility, not the lab's timing.
 */
import type { Database } from '../engine/types.ts';
import { rowsOf, sqlText } from '../kit/service-sql.ts';
import { SeededRandom } from '../sim/random.ts';
import { extractSql } from './capture-sql.ts';

export type Op =
  | { readonly kind: 'write'; readonly ticket: number }
  | { readonly kind: 'hold'; readonly ticket: number }
  | { readonly kind: 'release' }
  | { readonly kind: 'poll' };

export const TICKETS = 3;

/** A seeded interleaving of `length` steps over tickets H-1…H-3. */
export function drawInterleaving(seed: number, length = 14): Op[] {
  const random = new SeededRandom(seed);
  return Array.from({ length }, (): Op => {
    const draw = random.next();
    const ticket = 1 + random.int(TICKETS);
    if (draw < 0.4) return { kind: 'write', ticket };
    if (draw < 0.6) return { kind: 'hold', ticket };
    if (draw < 0.75) return { kind: 'release' };
    return { kind: 'poll' };
  });
}

const upsert = (id: string) =>
  `INSERT INTO tickets (id, status, version) VALUES (${sqlText(id)}, 'open', 1)
ON CONFLICT (id) DO UPDATE SET status = 'assigned', assignee = 'ana', version = tickets.version + 1`;

async function must(db: Database, sql: string) {
  const result = await db.query(sql);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}\n${sql}`);
}

export type Outcome =
  | { readonly kind: 'converged'; readonly polls: number }
  | { readonly kind: 'behind'; readonly tickets: readonly string[]; readonly ops: string }
  | { readonly kind: 'refused'; readonly error: string };

const describe = (ops: readonly Op[]) =>
  ops.map((op) => (op.kind === 'write' || op.kind === 'hold' ? `${op.kind} H-${op.ticket}` : op.kind)).join(', ');

/**
 * Plays `ops` on `db` (a ticket database in its first state) with `extract` as the copier's statement. The
 * copier remembers the `watermark` of the last row each poll returns; a held ticket is never written again
 * until it is released (that would wait on its lock for ever).
 */
export async function playInterleaving(db: Database, extract: string, ops: readonly Op[]): Promise<Outcome> {
  const held: string[] = [];
  const copy = new Map<string, number>();
  let watermark = '0';
  let polls = 0;
  const poll = async (): Promise<string | undefined> => {
    polls++;
    const result = await db.query(extractSql(extract, watermark));
    if (!result.ok) return result.error.message;
    const rows = rowsOf(result);
    const first = rows[0];
    if (first && !('id' in first && 'version' in first && 'watermark' in first))
      return 'the statement must return the columns id, version and watermark';
    for (const row of rows) {
      const id = String(row['id']);
      copy.set(id, Math.max(copy.get(id) ?? 0, Number(row['version'])));
    }
    watermark = String(rows.at(-1)?.['watermark'] ?? watermark);
    return undefined;
  };
  for (const op of ops) {
    if (op.kind === 'poll') {
      const error = await poll();
      if (error) return { kind: 'refused', error };
    } else if (op.kind === 'release') {
      const gid = held.shift();
      if (gid) await must(db, `COMMIT PREPARED ${sqlText(gid)}`);
    } else {
      const id = `H-${op.ticket}`;
      if (held.includes(`h-${id}`)) continue;
      if (op.kind === 'write') await must(db, upsert(id));
      else {
        await must(db, `BEGIN; ${upsert(id)}; PREPARE TRANSACTION ${sqlText(`h-${id}`)};`);
        held.push(`h-${id}`);
      }
    }
  }
  for (const gid of held.splice(0)) await must(db, `COMMIT PREPARED ${sqlText(gid)}`);
  for (let i = 0; i < 2; i++) {
    const error = await poll();
    if (error) return { kind: 'refused', error };
  }
  const truth = rowsOf(await db.query("SELECT id, version FROM tickets WHERE id LIKE 'H-%' ORDER BY id"));
  const behind = truth
    .filter((t) => (copy.get(String(t['id'])) ?? 0) < Number(t['version']))
    .map((t) => `${String(t['id'])} v${String(t['version'])}`);
  return behind.length === 0 ? { kind: 'converged', polls } : { kind: 'behind', tickets: behind, ops: describe(ops) };
}
