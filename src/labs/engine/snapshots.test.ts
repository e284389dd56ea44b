/**
 * Build-time snapshots must be indistinguishable from running the setup SQL, every service must run with the
 * shared configuration plus its own settings, and a snapshot that does not match its spec must never be used.
 */
import { describe, expect, it } from 'vitest';
import type { LabDefinition } from '../sim/types.ts';
import { openNodeDatabase, pgliteVersion } from './node-engines.ts';
import { POSTGRES_CONFIG, postgresConfig } from './postgres-config.ts';
import { serviceKey, snapshotFor, type SnapshotManifest } from './snapshot-keys.ts';
import type { Database, ServiceDatabaseSpec } from './types.ts';

const labs = import.meta.glob<{ default: LabDefinition }>('../*/lab.ts', { eager: true });

/** Every distinct Postgres spec of every lab, named by its first service. */
const specs = new Map<string, { name: string; spec: ServiceDatabaseSpec }>();
for (const { default: lab } of Object.values(labs)) {
  for (const s of lab.services) {
    if (s.database?.kind !== 'postgres') continue;
    const key = serviceKey(pgliteVersion(), s.database);
    if (!specs.has(key)) specs.set(key, { name: `${lab.id}/${s.name}`, spec: s.database });
  }
}

async function rows(db: Database, sql: string): Promise<unknown[][]> {
  const result = await db.query(sql);
  if (!result.ok) throw new Error(`${sql}: ${result.error.message}`);
  return result.results.flatMap((r) => r.rows.map((row) => [...row]));
}

const USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";

/** What a reader or a lab could tell apart: objects, columns, rows, roles, grants, functions, sequences. */
async function fingerprint(db: Database) {
  const tables = await rows(
    db,
    `SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  const contents: unknown[][] = [];
  for (const [schema, table] of tables) {
    const name = `"${String(schema)}"."${String(table)}"`;
    contents.push(
      ...(await rows(db, `SELECT '${name}', count(*)::int, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${name} t`)),
    );
  }
  return {
    objects: await rows(
      db,
      `SELECT n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relacl::text FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS} ORDER BY 1, 2`,
    ),
    columns: await rows(
      db,
      `SELECT table_schema, table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, ordinal_position`,
    ),
    contents,
    roles: await rows(db, 'SELECT rolname, rolsuper, rolinherit, rolcanlogin, rolconnlimit FROM pg_roles ORDER BY 1'),
    memberships: await rows(db, 'SELECT roleid::regrole::text, member::regrole::text FROM pg_auth_members ORDER BY 1, 2'),
    functions: await rows(
      db,
      `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc) FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_SCHEMAS} ORDER BY 1, 2, 3`,
    ),
    sequences: await rows(db, 'SELECT schemaname, sequencename, last_value FROM pg_sequences ORDER BY 1, 2'),
    triggers: await rows(db, 'SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2'),
    schemas: await rows(
      db,
      `SELECT n.nspname, pg_get_userbyid(n.nspowner), n.nspacl::text FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1`,
    ),
  };
}

describe('build-time snapshots', () => {
  it.each([...specs.values()].map(({ name, spec }) => [name, spec] as const))(
    '%s booted from its snapshot has the content its setup SQL makes',
    async (_name, spec) => {
      const [fromSnapshot, fromSetup] = await Promise.all([openNodeDatabase(spec), openNodeDatabase(spec, { useSnapshot: false })]);
      try {
        const [a, b] = await Promise.all([fingerprint(fromSnapshot), fingerprint(fromSetup)]);
        expect(a).toEqual(b);
      } finally {
        await Promise.all([fromSnapshot.close(), fromSetup.close()]);
      }
    },
  );

  it('never names a snapshot for a spec, configuration or PGlite it was not built from', () => {
    const spec: ServiceDatabaseSpec = {
      kind: 'postgres',
      settings: ['max_prepared_transactions=10'],
      setupSql: 'CREATE TABLE t (id int);',
    };
    const version = '0.5.16';
    const manifest: SnapshotManifest = { pglite: version, base: 'base', services: { [serviceKey(version, spec)]: 'the-file' } };
    expect(snapshotFor(manifest, version, spec)).toBe('the-file');
    expect(snapshotFor(manifest, version, { ...spec, setupSql: `${spec.setupSql} CREATE TABLE u (id int);` })).toBeUndefined();
    expect(snapshotFor(manifest, version, { ...spec, settings: ['max_prepared_transactions=20'] })).toBeUndefined();
    expect(snapshotFor(manifest, '0.5.17', spec)).toBeUndefined();
    expect(snapshotFor({ ...manifest, pglite: '0.5.15' }, version, spec)).toBeUndefined();
    expect(snapshotFor(undefined, version, spec)).toBeUndefined();
    expect(serviceKey('0.5.17', spec)).not.toBe(serviceKey(version, spec));
  });

  it('falls back to the base and the setup SQL without a snapshot', async () => {
    const spec: ServiceDatabaseSpec = {
      kind: 'postgres',
      setupSql: "CREATE TABLE fresh (v text); INSERT INTO fresh VALUES ('from setup');",
    };
    const db = await openNodeDatabase(spec, { useSnapshot: false });
    try {
      expect(await rows(db, 'SELECT v FROM fresh')).toEqual([['from setup']]);
      expect(await rows(db, "SELECT count(*)::int FROM pg_database WHERE datname LIKE 'template%'")).toEqual([[0]]);
    } finally {
      await db.close();
    }
  });
});

describe('the shared Postgres configuration', () => {
  it('adds a service’s settings to the shared configuration instead of replacing it', () => {
    const config = postgresConfig(['max_prepared_transactions=10', 'max_connections=5']);
    expect(config).toContain('max_prepared_transactions=10');
    expect(config).toContain('max_connections=5');
    expect(config).not.toContain('max_connections = 100');
    expect(config).toContain('shared_buffers = 16MB');
    expect(config).toHaveLength(POSTGRES_CONFIG.length + 1);
  });

  it.each([
    ['without settings', undefined],
    ['with settings of its own', ['max_prepared_transactions=10']],
  ])('runs a service %s with the same time zone, text search and buffers', async (_how, settings) => {
    const spec: ServiceDatabaseSpec = { kind: 'postgres', ...(settings ? { settings } : {}), setupSql: 'SELECT 1;' };
    const db = await openNodeDatabase(spec);
    try {
      const show = async (name: string) => (await rows(db, `SHOW ${name}`))[0]?.[0];
      expect(await show('TimeZone')).toBe('UTC');
      expect(await show('default_text_search_config')).toBe('pg_catalog.english');
      expect(await show('shared_buffers')).toBe('16MB');
      expect(await show('lc_messages')).toBe('C');
      expect(await show('max_prepared_transactions')).toBe(settings ? '10' : '0');
    } finally {
      await db.close();
    }
  });
});
