/**
 * The running example of Parts I and II: a support-ticket system that starts as one Postgres database.
 * Labs build their services' databases from this schema and seed, so every chapter tells the same story.
 */
import monolithSql from './monolith.sql?raw';
import seedSql from './seed.sql?raw';

export { domains, relationships, domainOf, crossDomain } from './domains.ts';
export type { Domain, DomainId, Relationship, RelationshipKind } from './domains.ts';

/** Schema plus seed data: the whole monolith, ready for a service's `setupSql`. */
export const MONOLITH_SQL = `${monolithSql}\n${seedSql}`;
export const MONOLITH_SCHEMA_SQL = monolithSql;
export const MONOLITH_SEED_SQL = seedSql;
