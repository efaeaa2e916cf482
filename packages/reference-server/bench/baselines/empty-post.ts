/**
 * Baseline: the same HTTP stack (Hono on @hono/node-server) answering an empty JSON POST, with
 * nothing behind it. What Pay-Box's figures are divided by to show what its own work costs.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/*', async (c) => {
  await c.req.json();
  return c.json({}, 201);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
