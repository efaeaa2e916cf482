import { DomainError, type Engine } from '@pay-box/engine';
import type { ServerConfig } from '../config.js';
import { openEngine } from '../server.js';

/** Runs a command on the data folder's engine, beside a running server or not: it writes, but never dispatches. */
export async function withEngine(config: ServerConfig, work: (engine: Engine) => Promise<void>): Promise<number> {
  const opened = await openEngine(config);
  try {
    await work(opened.engine);
    return 0;
  } catch (error) {
    console.error(error instanceof DomainError ? `${error.code}: ${JSON.stringify(error.details ?? {})}` : error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await opened.close();
  }
}
