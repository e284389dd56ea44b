/**
 * A Postgres data directory as one ArrayBuffer: a small JSON header (directories, files and their sizes,
 * paths removed from the layer below) followed by the files' bytes. A worker writes the files straight into
 * PGlite's in-memory file system from views of that buffer: no tar to parse and nothing to copy.
 *
 * A service's build-time snapshot is a layer over the shared base: the files its setup SQL changed or added,
 * and the ones it removed.
 */

export interface DataFile {
  /** Relative to the data directory, e.g. `base/5/1259`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface DataLayer {
  readonly dirs: readonly string[];
  readonly files: readonly DataFile[];
  /** Files of the layer below that this one does not have. */
  readonly removed: readonly string[];
}

interface Header {
  readonly dirs: readonly string[];
  readonly files: readonly (readonly [path: string, size: number])[];
  readonly removed: readonly string[];
}

export function packLayer(layer: DataLayer): Uint8Array {
  const header: Header = { dirs: layer.dirs, files: layer.files.map((f) => [f.path, f.bytes.byteLength]), removed: layer.removed };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = 4 + json.byteLength + layer.files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, json.byteLength, true);
  out.set(json, 4);
  let offset = 4 + json.byteLength;
  for (const f of layer.files) {
    out.set(f.bytes, offset);
    offset += f.bytes.byteLength;
  }
  return out;
}

/** Reads a packed layer; the files are views into `packed`, not copies. */
export function unpackLayer(packed: Uint8Array): DataLayer {
  const length = new DataView(packed.buffer, packed.byteOffset, packed.byteLength).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + length))) as Header;
  let offset = 4 + length;
  const files = header.files.map(([path, size]) => {
    const bytes = packed.subarray(offset, offset + size);
    offset += size;
    return { path, bytes };
  });
  if (offset !== packed.byteLength) throw new Error('a data-directory layer is truncated or corrupt');
  return { dirs: header.dirs, files, removed: header.removed };
}

/** Layers applied in order: later files replace earlier ones, `removed` takes files out. */
export function mergeLayers(layers: readonly DataLayer[]): DataLayer {
  const dirs = new Set<string>();
  const files = new Map<string, Uint8Array>();
  for (const layer of layers) {
    for (const d of layer.dirs) dirs.add(d);
    for (const path of layer.removed) files.delete(path);
    for (const f of layer.files) files.set(f.path, f.bytes);
  }
  return { dirs: [...dirs], files: [...files].map(([path, bytes]) => ({ path, bytes })), removed: [] };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What `next` changes over `base`: a layer that, applied on `base`, gives `next`. */
export function diffLayers(base: DataLayer, next: DataLayer): DataLayer {
  const below = new Map(base.files.map((f) => [f.path, f.bytes] as const));
  const present = new Set(next.files.map((f) => f.path));
  return {
    dirs: next.dirs,
    files: next.files.filter((f) => {
      const old = below.get(f.path);
      return !old || !sameBytes(old, f.bytes);
    }),
    removed: base.files.map((f) => f.path).filter((p) => !present.has(p)),
  };
}

/** WAL segment size the base cluster is created with (initdb --wal-segsize=1). */
export const WAL_SEGMENT_BYTES = 1024 * 1024;

/**
 * The WAL segment that holds the checkpoint `global/pg_control` points to. After a clean shutdown it is the
 * only segment recovery needs. ControlFileData starts with system_identifier (8 bytes), two uint32 versions,
 * the state (4 bytes, padded to 8) and the time (8): the checkpoint's LSN follows at offset 32.
 */
function checkpointSegment(control: Uint8Array): string {
  const view = new DataView(control.buffer, control.byteOffset, control.byteLength);
  const state = view.getUint32(16, true);
  if (state !== 1) throw new Error(`the cluster was not shut down cleanly (pg_control state ${state})`);
  const segment = view.getBigUint64(32, true) / BigInt(WAL_SEGMENT_BYTES);
  const perId = 0x1_0000_0000n / BigInt(WAL_SEGMENT_BYTES);
  const hex = (n: bigint) => n.toString(16).toUpperCase().padStart(8, '0');
  return `00000001${hex(segment / perId)}${hex(segment % perId)}`;
}

/**
 * A cleanly shut-down data directory without what Postgres does not need to start: free-space and
 * visibility maps (rebuilt on demand) and every WAL segment but the one with the last checkpoint.
 */
export function trimDataDir(layer: DataLayer): DataLayer {
  const control = layer.files.find((f) => f.path === 'global/pg_control');
  if (!control) throw new Error('not a Postgres data directory: global/pg_control is missing');
  const keep = `pg_wal/${checkpointSegment(control.bytes)}`;
  return {
    dirs: layer.dirs,
    files: layer.files.filter(
      (f) => !/_(fsm|vm)$/.test(f.path) && !(/^pg_wal\/[0-9A-F]{24}$/.test(f.path) && f.path !== keep) && f.path !== 'postmaster.pid',
    ),
    removed: layer.removed,
  };
}

/** Where `ALTER SYSTEM` writes; Postgres reads it after postgresql.conf and lets it override every setting. */
const AUTO_CONF = 'postgresql.auto.conf';

/**
 * The files without the settings a reader may have written with `ALTER SYSTEM`: a restore must not depend on
 * anything the reader could change, and one such setting (shared_buffers beyond the instance's memory, say)
 * stops Postgres from starting at all. The lab's own configuration is passed at every start instead.
 */
export function withoutReaderSettings(layer: DataLayer): DataLayer {
  return { ...layer, files: layer.files.filter((f) => f.path !== AUTO_CONF) };
}
