/** Programmatic entry: embed or test the reference server. */
export { startServer, openEngine, type RunningServer, type StartOverrides, DEMO_CREDENTIALS_FILE, SANDBOX_BANK_FILE } from './server.js';
export { configFromEnv, type ServerConfig } from './config.js';
export { SqliteStore, type SqliteStoreOptions } from './stores/sqlite/sqlite-store.js';
export { PostgresStore, type PostgresStoreOptions } from './stores/postgres/postgres-store.js';
export { PostgresEventChannel } from './stores/postgres/postgres-event-channel.js';
export { SqliteBankBook } from './rails/sqlite-bank-book.js';
export { DATABASE_FILE } from './stores/open-store.js';
export type { DemoCredentials } from '@pay-box/engine/demo';
