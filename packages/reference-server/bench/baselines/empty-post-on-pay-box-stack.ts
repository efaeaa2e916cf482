/**
 * Baseline: an empty JSON POST through Pay-Box's own HTTP stack (request id, access log, CORS, body
 * limit, key authentication, Hono on @hono/node-server), on the demo's data: what every Pay-Box
 * request costs before the engine does anything. The difference to a lookup is the engine's work.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApiApp } from '@pay-box/api';
import { configFromEnv } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openEngine } from '../../src/server.js';

const config = configFromEnv();
const log = createLogger(config.logLevel);
const { engine } = await openEngine(config, {}, log);
const demo = await engine.demo.seed({ staffPassword: 'bench' });
const app = createApiApp(engine, { version: 'bench', log });
app.post('/v1/empty', async (c) => {
  await c.req.json();
  return c.json({}, 201);
});
writeFileSync(join(config.dataDir, 'demo-credentials.json'), JSON.stringify(demo));
serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' });
