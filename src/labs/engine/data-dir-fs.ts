/**
 * PGlite's in-memory file system, filled with a data directory before Postgres starts and, when asked, read
 * back after it has shut down cleanly. PGlite finds PG_VERSION in its data directory and starts from those
 * files: no initdb, no tarball.
 */
import { MemoryFS } from '@electric-sql/pglite';
import type { DataFile, DataLayer } from './data-files.ts';

/** Where PGlite keeps its data directory (PGDATA in its sources; not exported). */
export const PGDATA = '/pglite/data';

/** The part of Emscripten's FS used here. */
interface EmscriptenFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array, options?: { canOwn?: boolean }): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  isDir(mode: number): boolean;
  analyzePath(path: string): { exists: boolean };
}

function fsOf(fs: MemoryFS): EmscriptenFS {
  const pg = (fs as unknown as { pg?: { Module: { FS: EmscriptenFS } } }).pg;
  if (!pg) throw new Error('the file system is not attached to a PGlite instance');
  return pg.Module.FS;
}

/** Every directory and file under the data directory, files copied out of the instance. */
export function readDataDir(FS: EmscriptenFS): DataLayer {
  const dirs: string[] = [];
  const files: DataFile[] = [];
  const walk = (relative: string) => {
    for (const name of FS.readdir(`${PGDATA}/${relative}`)) {
      if (name === '.' || name === '..') continue;
      const path = relative ? `${relative}/${name}` : name;
      if (FS.isDir(FS.stat(`${PGDATA}/${path}`).mode)) {
        dirs.push(path);
        walk(path);
      } else {
        files.push({ path, bytes: FS.readFile(`${PGDATA}/${path}`) });
      }
    }
  };
  walk('');
  return { dirs, files, removed: [] };
}

export class DataDirFS extends MemoryFS {
  readonly #start: DataLayer | undefined;
  readonly #owned: boolean;
  readonly #onClosed: ((files: DataLayer) => void) | undefined;

  /**
   * `start`: the files to begin with (layers already merged); without it PGlite runs initdb. `owned`: the
   * instance may keep and write into those bytes (a worker's own copy), rather than copy them (a base shared by
   * several instances in one process). `onClosed` receives the data directory as the clean shutdown left it.
   */
  constructor(options: { start?: DataLayer; owned?: boolean; onClosed?: (files: DataLayer) => void } = {}) {
    super();
    this.#start = options.start;
    this.#owned = options.owned ?? false;
    this.#onClosed = options.onClosed;
  }

  override initialSyncFs() {
    if (!this.#start) return Promise.resolve();
    const FS = fsOf(this);
    FS.mkdirTree(PGDATA);
    for (const dir of this.#start.dirs) FS.mkdirTree(`${PGDATA}/${dir}`);
    // canOwn: the file becomes a view of the buffer the worker received, instead of a copy of it.
    for (const f of this.#start.files) FS.writeFile(`${PGDATA}/${f.path}`, f.bytes, { canOwn: this.#owned });
    if (!FS.analyzePath(`${PGDATA}/PG_VERSION`).exists) throw new Error('the data directory has no PG_VERSION');
    return Promise.resolve();
  }

  override async closeFs() {
    if (this.#onClosed) this.#onClosed(readDataDir(fsOf(this)));
    await super.closeFs();
  }

  /** The data directory of the running instance (not shut down: starting from it replays the WAL). */
  read(): DataLayer {
    return readDataDir(fsOf(this));
  }
}
