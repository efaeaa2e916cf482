/** Programmatic entry: embed or test the reference server. */
export { startServer, type RunningServer, type StartOverrides, DEMO_CREDENTIALS_FILE, SANDBOX_BANK_FILE } from './server.js';
export { configFromEnv, type ServerConfig } from './config.js';
export type { DemoCredentials } from './services/seed-demo.js';
