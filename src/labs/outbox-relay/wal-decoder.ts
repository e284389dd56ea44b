/**
 * Decoding the write-ahead log as a log-based relay does, from the records `pg_get_wal_records_info` lists.
 * A transactional `pg_logical_emit_message` is written to the log when it is called, inside its transaction;
 * it counts only once that transaction's COMMIT (or COMMIT PREPARED) record follows, and never if an ABORT
 * does. So the decoder keeps each open transaction's messages aside and hands them over at its commit: in
 * commit order, whatever order the transactions began in.
 *
 * Two positions make it restartable, as a replication slot's `restart_lsn` and `confirmed_flush_lsn` do:
 * `restart`, where the next read must begin so that no open transaction's messages are missed, and
 * `confirmed`, the last commit already handed over, so a commit read again is not handed over twice.
 */

export interface WalRecord {
  readonly pos: number;
  readonly xid: string;
  readonly rm: string;
  readonly type: string;
  readonly description: string;
}

export interface WalPositions {
  readonly restart: number;
  readonly confirmed: number;
}

export interface DecodedCommit {
  readonly commitPos: number;
  readonly xid: string;
  readonly payloads: readonly string[];
}

const MESSAGE = /^transactional, prefix "([^"]*)"; payload \(\d+ bytes\): ?([0-9A-F ]*)$/;
/** COMMIT PREPARED and ABORT PREPARED are written by another transaction: the prepared one's xid leads the description. */
const PREPARED_XID = /^(\d+):/;

function decodeHex(hex: string): string {
  const pairs = hex.trim() === '' ? [] : hex.trim().split(/\s+/);
  return new TextDecoder().decode(Uint8Array.from(pairs, (p) => parseInt(p, 16)));
}

/** The payload of a transactional logical message with `prefix`, or undefined for any other record. */
export function messagePayload(record: WalRecord, prefix: string): string | undefined {
  if (record.rm !== 'LogicalMessage') return undefined;
  const match = MESSAGE.exec(record.description);
  if (match?.[1] !== prefix) return undefined;
  return decodeHex(match[2] ?? '');
}

function endedXid(record: WalRecord): { xid: string; committed: boolean } | undefined {
  if (record.rm !== 'Transaction') return undefined;
  switch (record.type) {
    case 'COMMIT':
    case 'ABORT':
      return { xid: record.xid, committed: record.type === 'COMMIT' };
    case 'COMMIT_PREPARED':
    case 'ABORT_PREPARED': {
      // Read from the description when it is there; the relay's query has already put it in `xid`.
      const xid = PREPARED_XID.exec(record.description)?.[1] ?? record.xid;
      return { xid, committed: record.type === 'COMMIT_PREPARED' };
    }
    default:
      return undefined;
  }
}

/**
 * Decodes the records read from `from.restart` up to `head` (exclusive): the commits not handed over yet,
 * and the positions to remember.
 */
export function decodeWal(
  records: readonly WalRecord[],
  from: WalPositions,
  head: number,
  prefix: string,
): { commits: DecodedCommit[]; next: WalPositions } {
  const open = new Map<string, { first: number; payloads: string[] }>();
  const commits: DecodedCommit[] = [];
  let confirmed = from.confirmed;
  for (const record of records) {
    const payload = messagePayload(record, prefix);
    if (payload !== undefined) {
      const tx = open.get(record.xid) ?? { first: record.pos, payloads: [] };
      tx.payloads.push(payload);
      open.set(record.xid, tx);
      continue;
    }
    const ended = endedXid(record);
    if (!ended) continue;
    const tx = open.get(ended.xid);
    open.delete(ended.xid);
    if (!ended.committed || !tx || record.pos <= from.confirmed) continue;
    commits.push({ commitPos: record.pos, xid: ended.xid, payloads: tx.payloads });
    confirmed = Math.max(confirmed, record.pos);
  }
  const stillOpen = [...open.values()].map((tx) => tx.first);
  return { commits, next: { restart: stillOpen.length > 0 ? Math.min(...stillOpen) : head, confirmed } };
}
