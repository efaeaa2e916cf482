import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migratePostgres } from '../packages/reference-server/src/stores/postgres/migrations-runner.js';
import { freePort } from './local.js';

/**
 * A throwaway PostgreSQL server for a test run (or a benchmark), from the machine's own binaries:
 * initdb into a temporary folder, a free port, the socket in that folder, started as the unprivileged
 * `postgres` user when we run as root (PostgreSQL refuses to run as root).
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  stop(): void;
}

/** Runs `work` on a connection to the server's `postgres` database. */
async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let databases = 0;

/** The database the test run migrates once: a test's database is a copy of it, ready at once. */
export const MIGRATED_TEMPLATE = 'paybox_migrated';

/** Creates the migrated template on the server of `adminUrl`. */
export async function createMigratedTemplate(adminUrl: string): Promise<void> {
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${MIGRATED_TEMPLATE}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${MIGRATED_TEMPLATE}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await migratePostgres(client);
  } finally {
    await client.end();
  }
}

/** A new database on the server of `adminUrl` (one test, one benchmark run), empty or a copy of `template`; returns its URL. */
export async function createDatabase(adminUrl: string, options: { prefix?: string; template?: string } = {}): Promise<string> {
  const name = `${options.prefix ?? 'paybox'}_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ''}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createDatabase, disconnecting whoever is still on it. */
export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The folder of PostgreSQL's server binaries, newest version first; undefined when none is installed. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin', 'pg_ctl'))) return join(root, version, 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  return onPath ? join(onPath, '..') : undefined;
}

export async function startThrowawayPostgres(options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL binaries on this machine (apt-get install -y postgresql)');
  const home = mkdtempSync(join(tmpdir(), 'paybox-postgres-'));
  const data = join(home, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    chmodSync(home, 0o755);
    const { uid, gid } = JSON.parse(execFileSync('sh', ['-c', 'printf \'{"uid":%s,"gid":%s}\' $(id -u postgres) $(id -g postgres)'], { encoding: 'utf8' })) as { uid: number; gid: number };
    chownSync(home, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, command), asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args, { stdio: 'pipe', cwd: home });
  run('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C']);
  const port = await freePort();
  // Tests want speed, not durability: a crash of this server loses nothing anyone keeps.
  const speed = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c max_connections=200${speed}`, '-l', join(home, 'log'), '-w', 'start']);

  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}
