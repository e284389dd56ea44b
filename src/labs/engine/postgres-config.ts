/**
 * The one Postgres configuration every service runs with. PGlite's `postgresqlconf` option replaces
 * postgresql.conf as a whole, so a service that passed only its own settings used to lose what initdb had
 * written there (TimeZone, text search, lc_*) and fall back to compiled-in defaults such as 128 MB of shared
 * buffers. Here the whole file is spelled out, and a service's settings are added to it.
 */

/** Everything initdb writes, except shared_buffers (16 MB is plenty for a lab and saves 110 MB per instance). */
export const POSTGRES_CONFIG: readonly string[] = [
  'max_connections = 100',
  'shared_buffers = 16MB',
  'dynamic_shared_memory_type = posix',
  // One-megabyte WAL segments (initdb --wal-segsize=1, see postgres-snapshots.ts): a few of them, not 16 MB each.
  'min_wal_size = 2MB',
  'max_wal_size = 64MB',
  'log_file_mode = 0640',
  'log_timezone = UTC',
  'autovacuum_worker_slots = 16',
  "datestyle = 'iso, mdy'",
  'timezone = UTC',
  'lc_messages = C',
  'lc_monetary = C',
  'lc_numeric = C',
  'lc_time = C',
  "default_text_search_config = 'pg_catalog.english'",
];

function settingName(line: string): string {
  return (line.split('=')[0] ?? '').trim().toLowerCase();
}

/**
 * The shared configuration with a service's own settings (`max_prepared_transactions=10`) added: a setting the
 * shared file already has takes the service's value in place, any other is appended.
 */
export function postgresConfig(settings: readonly string[] = []): string[] {
  const own = new Map(settings.map((s) => [settingName(s), s.trim()] as const));
  const lines = POSTGRES_CONFIG.map((line) => {
    const name = settingName(line);
    const replacement = own.get(name);
    if (replacement === undefined) return line;
    own.delete(name);
    return replacement;
  });
  return [...lines, ...own.values()];
}
