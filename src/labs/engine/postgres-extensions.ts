/**
 * The contrib extensions a service may ask for by name. A name keeps the spec plain data (it crosses to a
 * worker); the extension object points PGlite at its bundle, which it fetches (browser) or reads (Node) only
 * when an instance that names it starts.
 */
import type { Extensions } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { pg_walinspect } from '@electric-sql/pglite/contrib/pg_walinspect';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { PostgresExtension } from './types.ts';

const EXTENSIONS: Readonly<Record<PostgresExtension, Extensions[string]>> = { cube, pg_walinspect, pgcrypto };

export function extensionsOf(names: readonly PostgresExtension[]): Extensions {
  return Object.fromEntries(names.map((name) => [name, EXTENSIONS[name]]));
}
