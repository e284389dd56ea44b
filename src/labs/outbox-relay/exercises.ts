/** The chapter's exercises, checked against the lab's real databases (the safe extract on interleavings the reader never saw). */
import { requireDb, select } from '../check/select.ts';
import type { ExerciseDefinition } from '../check/types.ts';
import { rowsOf } from '../kit/service-sql.ts';
import { drawInterleaving, playInterleaving } from './interleavings.ts';
import { decodeWal, type WalRecord } from './wal-decoder.ts';

const skipARow: ExerciseDefinition = {
  id: 'skip-a-change',
  title: 'Make the sequence copier miss a committed change for ever',
  async check(ctx) {
    const [offset] = await select(requireDb(ctx.databases, 'relay'), "SELECT position FROM offsets WHERE capture = 'seq-copier'");
    const watermark = Number(offset?.['position'] ?? 0);
    const copies = new Map(
      (await select(requireDb(ctx.databases, 'downstream'), "SELECT ticket_id, version FROM copies WHERE pipeline = 'seq-copier'")).map(
        (r) => [String(r['ticket_id']), Number(r['version'])],
      ),
    );
    const tickets = await select(requireDb(ctx.databases, 'tickets'), 'SELECT id, version, seq FROM tickets ORDER BY seq');
    const behind = tickets.filter((t) => (copies.get(String(t['id'])) ?? 0) < Number(t['version']));
    const skipped = behind.find((t) => Number(t['seq']) <= watermark);
    if (skipped)
      return {
        passed: true,
        message: `${String(skipped['id'])} is at v${String(skipped['version'])} with sequence number ${String(skipped['seq'])}, but the copier’s watermark is already ${watermark}: it will never read that row again, and its copy stays at v${copies.get(String(skipped['id'])) ?? 0}.`,
      };
    if (behind.length > 0)
      return {
        passed: false,
        message: `${behind.length} ticket${behind.length === 1 ? ' is' : 's are'} not copied yet, but above the watermark (${watermark}): the next poll will copy ${behind.length === 1 ? 'it' : 'them'}.`,
      };
    return { passed: false, message: `Every committed ticket is copied at its latest version (watermark ${watermark}).` };
  },
};

/** Interleavings the reader never sees: their seeds are fixed here, their steps drawn from them. */
const HIDDEN_SEEDS = [0x0b0c1, 0x0b0c2, 0x0b0c3, 0x0b0c4, 0x0b0c5, 0x0b0c6];

const safeExtract: ExerciseDefinition = {
  id: 'safe-extract',
  title: 'Write the safe extract',
  answer: {
    kind: 'sql',
    service: 'tickets',
    placeholder: 'SELECT id, status, assignee, version, … AS watermark FROM tickets WHERE … :watermark …',
  },
  async check(ctx) {
    const sql = ctx.answer?.trim().replace(/;\s*$/, '') ?? '';
    if (!/^select\b/i.test(sql)) return { passed: false, message: 'Type one SELECT on tickets that uses :watermark.' };
    if (!sql.includes(':watermark')) return { passed: false, message: 'Use :watermark where the copier’s remembered position goes.' };
    if (!ctx.replay)
      return { passed: false, message: 'This check plays interleavings on a copy of the lab, and this page cannot do that.' };
    let polls = 0;
    for (const seed of HIDDEN_SEEDS) {
      const outcome = await ctx.replay(seed, [], (run) =>
        playInterleaving(requireDb(run.databases, 'tickets'), sql, drawInterleaving(seed)),
      );
      if (outcome.kind === 'refused') return { passed: false, message: `Postgres refused your statement: ${outcome.error}` };
      if (outcome.kind === 'behind')
        return {
          passed: false,
          message: `On an interleaving you have not seen (${outcome.ops}), your copier never copied ${outcome.tickets.join(', ')}.`,
        };
      polls += outcome.polls;
    }
    return {
      passed: true,
      message: `On ${HIDDEN_SEEDS.length} interleavings you never saw, with transactions held while later ones committed, ${polls} polls of your statement left every copy at its ticket’s latest version.`,
    };
  },
};

const readYourWal: ExerciseDefinition = {
  id: 'read-your-wal',
  title: 'Find your own transaction in the write-ahead log',
  async check(ctx) {
    const result = await requireDb(ctx.databases, 'tickets').query(
      `SELECT start_lsn - '0/0'::pg_lsn AS pos, start_lsn::text AS lsn, xid::text AS xid, resource_manager AS rm, record_type AS type, description
FROM pg_get_wal_records_info((SELECT redo_lsn FROM pg_control_checkpoint()), pg_current_wal_insert_lsn())
WHERE resource_manager IN ('LogicalMessage', 'Transaction')`,
    );
    // Nothing written since the last checkpoint is an error from pg_walinspect, and no records to us.
    const rows = rowsOf(result);
    const records = rows.map((r): WalRecord & { lsn: string } => ({
      pos: Number(r['pos']),
      lsn: String(r['lsn']),
      xid: String(r['xid']),
      rm: String(r['rm']),
      type: String(r['type']),
      description: String(r['description']),
    }));
    const mine = records.find(
      (r) => r.rm === 'LogicalMessage' && r.description.startsWith('transactional') && !r.description.includes('prefix "outbox"'),
    );
    if (!mine)
      return {
        passed: false,
        message: 'No transactional logical message with a prefix of your own is in the log yet. Emit one inside BEGIN … COMMIT.',
      };
    const prefix = /prefix "([^"]*)"/.exec(mine.description)?.[1] ?? '';
    const { commits } = decodeWal(records, { restart: 0, confirmed: 0 }, Number.MAX_SAFE_INTEGER, prefix);
    const commit = commits.find((c) => c.xid === mine.xid);
    const commitRecord = records.find((r) => r.pos === commit?.commitPos);
    if (!commit || !commitRecord)
      return {
        passed: false,
        message: `Your message with prefix "${prefix}" is in the log at ${mine.lsn} (transaction ${mine.xid}), but that transaction has not committed: a relay would not pass it on.`,
      };
    return {
      passed: true,
      message: `Transaction ${mine.xid} wrote “${commit.payloads.join('”, “')}” (prefix "${prefix}") at ${mine.lsn} and its COMMIT at ${commitRecord.lsn}: what a log-based relay decodes, in commit order.`,
    };
  },
};

export const exercises: readonly ExerciseDefinition[] = [skipARow, safeExtract, readYourWal];
