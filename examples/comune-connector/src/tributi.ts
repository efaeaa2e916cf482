import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TributiContext } from './context.js';
import { openTributiDatabase } from './database.js';
import { BodyTooLargeError, failure, readRawBody, send, type Route } from './http.js';
import { lookupRoute } from './routes/lookup.js';
import { pageRoute } from './routes/page.js';
import { paymentsRoute } from './routes/payments.js';
import { webhooksRoute } from './routes/webhooks.js';

export interface TributiOptions {
  /** The SQLite file; created and seeded on the first start. */
  dbPath: string;
  /** 0 picks a free port. */
  port: number;
  /** Where to listen; 127.0.0.1 unless Pay-Box runs on another machine. */
  host?: string;
  connectorSecret: string;
  webhookSecret?: string;
  log?: (line: string) => void;
}

export interface RunningTributi {
  /** `http://host:port`; Pay-Box's connector URL is this plus `/pay-box`. */
  url: string;
  close(): Promise<void>;
}

function routes(context: TributiContext): Record<string, Route> {
  return {
    'POST /pay-box/lookup': lookupRoute(context),
    'POST /pay-box/payments': paymentsRoute(context),
    'POST /pay-box/webhooks': webhooksRoute(context),
    'GET /': pageRoute(context),
  };
}

/** Starts the tributi system: its database, and the HTTP server Pay-Box and the office talk to. */
export async function startTributi(options: TributiOptions): Promise<RunningTributi> {
  const db = openTributiDatabase(options.dbPath);
  const log = options.log ?? ((line: string) => console.log(line));
  const table = routes({ db, connectorSecret: options.connectorSecret, webhookSecret: options.webhookSecret, log });
  const server = createServer((request, response) => {
    const route = table[`${request.method} ${(request.url ?? '/').split('?')[0]}`];
    if (!route) return send(response, failure(404, 'not_found', `No ${request.method} ${request.url} here.`));
    readRawBody(request)
      .then((rawBody) => route({ headers: request.headers, rawBody }))
      .then((reply) => send(response, reply))
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return send(response, failure(413, 'body_too_large', error.message));
        log(`${request.method} ${request.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(response, failure(500, 'internal_error', 'Something went wrong on the tributi side.'));
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', resolve);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      db.close();
    },
  };
}
