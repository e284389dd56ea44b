/**
 * A region that accepts writes to the shared ticket from its own users and sends its state to the other region
 * until acknowledged (over a partition it keeps trying). What it does with the other region's state is the
 * conflict policy: last-write-wins keeps the row with the later stamp; merge takes the union of the tag sets
 * and the larger count per region, a tiny CRDT.
 */
import type { ServiceDatabaseSpec } from '../engine/types.ts';
import { backoff, type LabContext, type ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { CONFLICT_MODES, type ConflictMode, type RegionState, type Sharding } from './messages.ts';
import { REGIONS, RETRY_FIRST_MS, RETRY_MAX_MS, SHARED_TICKET, US_CLOCK_BEHIND_MS, type RegionName } from './settings.ts';

/** `merges` is the real merge; `lww-in-disguise` is broken on purpose, for the tests: it says merge and keeps one row. */
export type Merger = 'merges' | 'lww-in-disguise';

interface RegionMemory {
  version: number;
  acked: number;
  attempt: number;
  armed: boolean;
}

type Ctx = LabContext<Sharding, RegionName, RegionMemory>;

const TICKET = SHARED_TICKET.id;
const peerOf = (region: RegionName): RegionName => (region === 'region-eu' ? 'region-us' : 'region-eu');
/** The region's own clock, the one last-write-wins stamps rows with: the US clock runs behind. */
const clockOf = (ctx: Ctx) => ctx.now - (ctx.name === 'region-us' ? US_CLOCK_BEHIND_MS : 0);

async function modeOf(ctx: Ctx): Promise<ConflictMode> {
  const [row] = rowsOf(await ctx.sql('SELECT conflicts FROM settings WHERE id = 1'));
  return CONFLICT_MODES.find((m) => m === row?.['conflicts']) ?? 'lww';
}

async function stateOf(ctx: Ctx): Promise<RegionState> {
  const [row] = rowsOf(await ctx.sql(`SELECT tags, reopened, written_at, written_in FROM tickets WHERE id = ${TICKET}`));
  const counts = rowsOf(await ctx.sql(`SELECT region, count FROM reopen_counts WHERE ticket = ${TICKET} ORDER BY region`));
  const set = rowsOf(await ctx.sql(`SELECT tag FROM tag_set WHERE ticket = ${TICKET} ORDER BY tag`));
  return {
    tags: set.map((r) => String(r['tag'])),
    rowTags: String(row?.['tags'] ?? ''),
    reopened: Number(row?.['reopened'] ?? 0),
    writtenAt: Number(row?.['written_at'] ?? 0),
    writtenIn: REGIONS.find((r) => r === row?.['written_in']) ?? 'region-eu',
    reopens: Object.fromEntries(counts.map((r) => [String(r['region']), Number(r['count'])])),
  };
}

const tagsText = (tags: Iterable<string>) => [...new Set(tags)].sort().join(',');
const splitTags = (text: string) => (text === '' ? [] : text.split(','));

async function recordState(ctx: Ctx, mode: ConflictMode) {
  const [row] = rowsOf(await ctx.sql(`SELECT tags, reopened FROM tickets WHERE id = ${TICKET}`));
  ctx.fact({ kind: 'region-state', region: ctx.name, mode, tags: String(row?.['tags'] ?? ''), reopened: Number(row?.['reopened'] ?? 0) });
}

function arm(ctx: Ctx) {
  if (ctx.state.armed) return;
  ctx.state.armed = true;
  ctx.setTimer(backoff(ctx, ctx.state.attempt, RETRY_FIRST_MS, RETRY_MAX_MS), { type: 'sync-due' }, { retry: ctx.state.attempt > 0 });
}

async function ship(ctx: Ctx) {
  ctx.send(peerOf(ctx.name), { type: 'replicate', version: ctx.state.version, state: await stateOf(ctx) });
  arm(ctx);
}

/** A local write: the change is logged as accepted, applied to the row and to the merge state, then shipped. */
async function write(ctx: Ctx, change: string, tag: string | undefined) {
  const mode = await modeOf(ctx);
  const stamp = `written_at = ${sqlInt(clockOf(ctx))}, written_in = ${sqlText(ctx.name)}`;
  const statements = [`INSERT INTO accepted (ticket, change, accepted_at) VALUES (${TICKET}, ${sqlText(change)}, ${sqlInt(ctx.now)})`];
  if (tag !== undefined) {
    statements.push(`INSERT INTO tag_set (ticket, tag) VALUES (${TICKET}, ${sqlText(tag)}) ON CONFLICT DO NOTHING`);
    // Read, modify, write the whole row: the other region does the same to its copy.
    const [row] = rowsOf(await ctx.sql(`SELECT tags FROM tickets WHERE id = ${TICKET}`));
    statements.push(
      `UPDATE tickets SET tags = ${sqlText(tagsText([...splitTags(String(row?.['tags'] ?? '')), tag]))}, ${stamp} WHERE id = ${TICKET}`,
    );
  } else {
    statements.push(`UPDATE reopen_counts SET count = count + 1 WHERE ticket = ${TICKET} AND region = ${sqlText(ctx.name)}`);
    statements.push(`UPDATE tickets SET reopened = reopened + 1, ${stamp} WHERE id = ${TICKET}`);
  }
  await ctx.sql(transaction(statements));
  ctx.fact({ kind: 'accepted', region: ctx.name, change });
  await recordState(ctx, mode);
  ctx.state.version += 1;
  await ship(ctx);
}

/** Last-write-wins: the whole row with the later (clock, region) stamp replaces the other. */
function lwwStatements(mine: RegionState, theirs: RegionState): string[] {
  const later = theirs.writtenAt > mine.writtenAt || (theirs.writtenAt === mine.writtenAt && theirs.writtenIn > mine.writtenIn);
  if (!later) return [];
  return [
    `UPDATE tickets SET tags = ${sqlText(theirs.rowTags)}, reopened = ${sqlInt(theirs.reopened)}, written_at = ${sqlInt(theirs.writtenAt)}, written_in = ${sqlText(theirs.writtenIn)} WHERE id = ${TICKET}`,
  ];
}

/** Merge: union of the tag sets, the larger count per region; the row shows the set and the sum. */
function mergeStatements(mine: RegionState, theirs: RegionState): string[] {
  const tags = new Set([...mine.tags, ...theirs.tags]);
  const counts = Object.fromEntries(REGIONS.map((r) => [r, Math.max(mine.reopens[r] ?? 0, theirs.reopens[r] ?? 0)]));
  return [
    ...[...tags].map((tag) => `INSERT INTO tag_set (ticket, tag) VALUES (${TICKET}, ${sqlText(tag)}) ON CONFLICT DO NOTHING`),
    ...REGIONS.map((r) => `UPDATE reopen_counts SET count = ${sqlInt(counts[r] ?? 0)} WHERE ticket = ${TICKET} AND region = ${sqlText(r)}`),
    `UPDATE tickets SET tags = ${sqlText(tagsText(tags))}, reopened = ${sqlInt(Object.values(counts).reduce((a, b) => a + b, 0))} WHERE id = ${TICKET}`,
  ];
}

export function region(name: RegionName, merger: Merger, database: ServiceDatabaseSpec): ServiceSpec<Sharding, RegionName, RegionMemory> {
  return {
    label: name === 'region-eu' ? 'Region EU (SQLite)' : 'Region US (SQLite)',
    role: 'Accepts writes to the shared ticket from its own users; exchanges its state with the other region',
    database,
    tables: [
      { title: 'tickets', sql: 'SELECT id, tags, reopened, written_at, written_in FROM tickets' },
      { title: 'accepted', sql: 'SELECT seq, change, accepted_at FROM accepted ORDER BY seq' },
      { title: 'settings', sql: 'SELECT conflicts FROM settings' },
    ],
    initialState: () => ({ version: 0, acked: 0, attempt: 0, armed: false }),
    on: {
      'add-tag': (ctx, m) => write(ctx, `tag ${m.tag}`, m.tag),
      reopen: (ctx) => write(ctx, 'reopen', undefined),
      async 'use-conflicts'(ctx, m) {
        await ctx.sql(`UPDATE settings SET conflicts = ${sqlText(m.mode)} WHERE id = 1`);
        ctx.note(`${name} resolves conflicts by ${m.mode === 'lww' ? 'last write wins' : 'merging'}`);
        // The two regions switch at different moments, so a state that crossed in between was judged by the
        // old rule on one side and the new one on the other. Each sends its whole state once more, as an
        // anti-entropy round would, and both settle under the new rule.
        ctx.state.version += 1;
        await ship(ctx);
      },
      async replicate(ctx, m) {
        const mode = await modeOf(ctx);
        const mine = await stateOf(ctx);
        const merge = mode === 'merge' && merger === 'merges';
        const statements = merge ? mergeStatements(mine, m.state) : lwwStatements(mine, m.state);
        if (statements.length > 0) await ctx.sql(transaction(statements));
        else if (!merge) ctx.note(`${name} keeps its own row: its stamp is later`);
        await recordState(ctx, mode);
        ctx.send(peerOf(name), { type: 'replicated', version: m.version });
      },
      replicated(ctx, m) {
        ctx.state.acked = Math.max(ctx.state.acked, m.version);
        if (ctx.state.acked >= ctx.state.version) ctx.state.attempt = 0;
      },
      async 'sync-due'(ctx) {
        ctx.state.armed = false;
        if (ctx.state.acked >= ctx.state.version) return;
        ctx.state.attempt += 1;
        await ship(ctx);
      },
    },
  };
}
