/**
 * The vault: the backup store off the services' boxes (SQLite) and the jobs that fill it. Every minute the
 * dump job checks its interval and, when due, asks orders and payments for a dump and stores it line by line;
 * every 15 s the log shipper copies new change-log entries of orders, when shipping is on. It hands a restore
 * what it asks for, and runs restore drills.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { rowsOf, sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import type { Backup, Backups, ChangeEntry, DumpTaken, RestoreMode } from './messages.ts';
import { clock, DAY_MS, MINUTE, SHIP_TICK_MS } from './settings.ts';
import vaultSql from './vault.sql?raw';

interface VaultState {
  startedAt: number | null;
  /** Set when the shop closes early: the jobs stop setting their timers. */
  stopped: boolean;
}

type Ctx = LabContext<Backups, 'vault', VaultState>;

async function config(ctx: Ctx, key: 'dump_every_min' | 'ship_every_s'): Promise<number> {
  const [row] = rowsOf(await ctx.sql(`SELECT value FROM config WHERE key = ${sqlText(key)}`));
  return Number(row?.['value'] ?? 0);
}

const elapsed = (ctx: Ctx) => ctx.now - (ctx.state.startedAt ?? ctx.now);

async function dumpTick(ctx: Ctx) {
  const minute = Math.round(elapsed(ctx) / MINUTE);
  if (minute % (await config(ctx, 'dump_every_min')) === 0) {
    const [row] = rowsOf(await ctx.sql('SELECT coalesce(max(id), 0) AS id FROM dumps'));
    const first = Number(row?.['id'] ?? 0) + 1;
    ctx.send('orders', { type: 'take-dump', dumpId: first });
    ctx.send('payments', { type: 'take-dump', dumpId: first + 1 });
    // Reserve both ids at once, so the two answers cannot collide whichever comes first.
    await ctx.sql(
      `INSERT INTO dumps (id, service, taken_at, upto_seq, source_rows, bytes, status) VALUES (${sqlInt(first)}, 'orders', ${sqlInt(ctx.now)}, 0, 0, 0, 'running'), (${sqlInt(first + 1)}, 'payments', ${sqlInt(ctx.now)}, 0, 0, 0, 'running')`,
    );
  }
  if (!ctx.state.stopped && elapsed(ctx) + MINUTE < DAY_MS) ctx.setTimer(MINUTE, { type: 'dump-tick' });
}

async function shipTick(ctx: Ctx) {
  const every = (await config(ctx, 'ship_every_s')) * 1_000;
  if (every > 0 && Math.round(elapsed(ctx) / SHIP_TICK_MS) % Math.round(every / SHIP_TICK_MS) === 0) {
    if (ctx.isFaultOn('shipping-paused')) ctx.note('log shipping is paused: nothing leaves the orders box');
    else {
      const [row] = rowsOf(await ctx.sql('SELECT coalesce(max(seq), 0) AS seq FROM shipped_log'));
      ctx.send('orders', { type: 'ship-log', after: Number(row?.['seq'] ?? 0) });
    }
  }
  if (!ctx.state.stopped && elapsed(ctx) < DAY_MS) ctx.setTimer(SHIP_TICK_MS, { type: 'ship-tick' });
}

async function stored(ctx: Ctx, m: DumpTaken) {
  // The silent failure: the upload is cut off, yet the job reports success and nobody reads the dump back.
  const lines = m.service === 'orders' && ctx.isFaultOn('dump-fails-silently') ? [] : m.lines;
  const bytes = lines.reduce((n, l) => n + l.length, 0);
  await ctx.sql(
    transaction([
      `UPDATE dumps SET upto_seq = ${sqlInt(m.uptoSeq)}, source_rows = ${sqlInt(m.lines.length)}, bytes = ${sqlInt(bytes)}, status = 'ok' WHERE id = ${sqlInt(m.dumpId)}`,
      ...lines.map((l, n) => `INSERT INTO dump_lines (dump_id, n, line) VALUES (${sqlInt(m.dumpId)}, ${sqlInt(n)}, ${sqlText(l)})`),
    ]),
  );
  ctx.fact({ kind: 'dumped', service: m.service, dumpId: m.dumpId, rows: m.lines.length, stored: lines.length, bytes });
}

async function shipped(ctx: Ctx, entries: readonly ChangeEntry[]) {
  if (entries.length === 0) return;
  const value = (e: ChangeEntry) =>
    `(${sqlInt(e.seq)}, ${sqlInt(e.at)}, ${sqlText(e.op)}, ${sqlText(e.order_id)}, ${e.row_data === null ? 'NULL' : sqlText(e.row_data)}, ${sqlInt(ctx.now)})`;
  await ctx.sql(`INSERT OR IGNORE INTO shipped_log (seq, at, op, order_id, row_data, shipped_at) VALUES ${entries.map(value).join(', ')}`);
  const bytes = entries.reduce((n, e) => n + (e.row_data?.length ?? 0) + 40, 0);
  ctx.fact({ kind: 'shipped', entries: entries.length, bytes, uptoSeq: entries.at(-1)?.seq ?? 0 });
}

/** The newest orders dump taken before the damage, and (for point-in-time recovery) the log after it up to the damage. */
async function fetchBackup(ctx: Ctx, mode: RestoreMode, beforeSeq: number | null) {
  const limit = beforeSeq === null ? '' : ` AND upto_seq <= ${sqlInt(beforeSeq)}`;
  const [dump] = rowsOf(
    await ctx.sql(`SELECT id, taken_at, upto_seq FROM dumps WHERE service = 'orders' AND status = 'ok'${limit} ORDER BY id DESC LIMIT 1`),
  );
  const dumpId = dump ? Number(dump['id']) : null;
  const uptoSeq = dump ? Number(dump['upto_seq']) : 0;
  const lines =
    dumpId === null
      ? []
      : rowsOf(await ctx.sql(`SELECT line FROM dump_lines WHERE dump_id = ${sqlInt(dumpId)} ORDER BY n`)).map((r) => String(r['line']));
  const upTo = beforeSeq === null ? '' : ` AND seq <= ${sqlInt(beforeSeq)}`;
  const log =
    mode === 'dump'
      ? []
      : rowsOf(
          await ctx.sql(`SELECT seq, at, op, order_id, row_data FROM shipped_log WHERE seq > ${sqlInt(uptoSeq)}${upTo} ORDER BY seq`),
        ).map((r): ChangeEntry => ({
          seq: Number(r['seq']),
          at: Number(r['at']),
          op: String(r['op']),
          order_id: String(r['order_id']),
          row_data: r['row_data'] === null ? null : String(r['row_data']),
        }));
  const backup: Backup = { dumpId, takenAt: dump ? Number(dump['taken_at']) : 0, uptoSeq, lines, log };
  ctx.send('orders', {
    type: 'backup',
    holds: `dump ${dumpId ?? '(none)'} from ${clock(backup.takenAt)}, ${lines.length} rows${mode === 'pitr' ? `, ${log.length} log entries` : ''}`,
    mode,
    backup,
  });
}

async function runDrill(ctx: Ctx) {
  const [dump] = rowsOf(
    await ctx.sql("SELECT id, upto_seq FROM dumps WHERE service = 'orders' AND status = 'ok' ORDER BY id DESC LIMIT 1"),
  );
  if (!dump) return ctx.note('no orders dump to drill yet');
  const dumpId = Number(dump['id']);
  const lines = rowsOf(await ctx.sql(`SELECT line FROM dump_lines WHERE dump_id = ${sqlInt(dumpId)} ORDER BY n`)).map((r) =>
    String(r['line']),
  );
  ctx.send('orders', { type: 'drill', holds: `dump ${dumpId}: ${lines.length} rows`, dumpId, uptoSeq: Number(dump['upto_seq']), lines });
}

export const vault: ServiceSpec<Backups, 'vault', VaultState> = {
  label: 'Vault (SQLite backup store)',
  role: 'Runs the dump job and the log shipper; keeps dumps and shipped log off the services’ boxes; runs restore drills',
  database: { kind: 'sqlite', setupSql: vaultSql },
  tables: [
    { title: 'config', sql: 'SELECT key, value FROM config ORDER BY key' },
    {
      title: 'dumps (newest first)',
      sql: 'SELECT id, service, taken_at, source_rows, (SELECT count(*) FROM dump_lines l WHERE l.dump_id = d.id) AS stored_rows, bytes, status FROM dumps d ORDER BY id DESC LIMIT 6',
    },
    {
      title: 'shipped_log',
      sql: 'SELECT count(*) AS entries, max(seq) AS last_seq, max(shipped_at) AS last_shipped_at FROM shipped_log',
    },
    { title: 'drills', sql: 'SELECT id, at, dump_id, expected, restored, result FROM drills ORDER BY id DESC LIMIT 4' },
  ],
  initialState: () => ({ startedAt: null, stopped: false }),
  on: {
    'start-schedule'(ctx) {
      ctx.state.startedAt = ctx.now;
      ctx.setTimer(0, { type: 'dump-tick' });
      ctx.setTimer(SHIP_TICK_MS, { type: 'ship-tick' });
    },
    'stop-schedule'(ctx) {
      ctx.state.stopped = true;
    },
    'dump-tick': dumpTick,
    'ship-tick': shipTick,
    'dump-taken': stored,
    async 'dump-failed'(ctx, m) {
      await ctx.sql(`UPDATE dumps SET status = 'failed' WHERE id = ${sqlInt(m.dumpId)}`);
      ctx.note(`the ${m.service} dump failed, loudly: ${m.error}`);
    },
    'log-shipped': (ctx, m) => shipped(ctx, m.entries),
    async 'set-dump-interval'(ctx, m) {
      await ctx.sql(`UPDATE config SET value = ${sqlInt(m.minutes)} WHERE key = 'dump_every_min'`);
    },
    async 'set-shipping'(ctx, m) {
      await ctx.sql(`UPDATE config SET value = ${sqlInt(m.everySeconds)} WHERE key = 'ship_every_s'`);
    },
    'fetch-backup': (ctx, m) => fetchBackup(ctx, m.mode, m.beforeSeq),
    'run-drill': runDrill,
    async 'drill-result'(ctx, m) {
      const result = m.restored === m.expected ? 'ok' : 'FAILED';
      await ctx.sql(
        `INSERT INTO drills (at, dump_id, expected, restored, result) VALUES (${sqlInt(ctx.now)}, ${sqlInt(m.dumpId)}, ${sqlInt(m.expected)}, ${sqlInt(m.restored)}, ${sqlText(result)})`,
      );
      ctx.fact({ kind: 'drilled', dumpId: m.dumpId, restored: m.restored, expected: m.expected });
      ctx.note(`restore drill of dump ${m.dumpId}: ${m.restored} rows restored, ${m.expected} expected: ${result}`);
    },
  },
};
