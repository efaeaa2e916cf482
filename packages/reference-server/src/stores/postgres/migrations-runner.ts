import type pg from 'pg';
import { postgresMigrations } from './migrations.js';

/** Any number will do, as long as it is always this one: the lock every instance takes to migrate. */
const MIGRATION_LOCK = 7_202_611;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction.
 * Instances starting together take turns on an advisory lock, so each migration runs once. A database
 * already migrated past this release is refused: an older release must not write to a newer schema.
 */
export async function migratePostgres(client: pg.ClientBase): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const known = Math.max(...postgresMigrations.map(({ version }) => version));
    const newest = Math.max(0, ...applied);
    if (newest > known) throw new Error(`the database's schema is version ${newest}, newer than this release knows (${known}): upgrade Pay-Box`);
    const ran: number[] = [];
    for (const migration of postgresMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      ran.push(migration.version);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
