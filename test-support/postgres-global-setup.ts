import type { TestProject } from 'vitest/node';
import { createMigratedTemplate, postgresBinaries, startThrowawayPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test run's throwaway PostgreSQL server (its `postgres` database), or '' when none could start. */
    postgresUrl: string;
  }
}

/**
 * Starts one throwaway PostgreSQL for the whole test run; each test file makes its own databases in
 * it. Where the machine has no PostgreSQL binaries, the PostgreSQL tests are skipped with a loud
 * message, unless PAYBOX_REQUIRE_POSTGRES=1 (CI sets it): then the run fails.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const required = process.env.PAYBOX_REQUIRE_POSTGRES === '1';
  if (!postgresBinaries()) {
    if (required) throw new Error('PAYBOX_REQUIRE_POSTGRES=1 but no PostgreSQL binaries were found: apt-get install -y postgresql');
    console.warn('\n*** No PostgreSQL binaries on this machine: the PostgreSQL tests are SKIPPED (apt-get install -y postgresql to run them) ***\n');
    project.provide('postgresUrl', '');
    return () => {};
  }
  const server = await startThrowawayPostgres();
  await createMigratedTemplate(server.url('postgres'));
  project.provide('postgresUrl', server.url('postgres'));
  return () => server.stop();
}
