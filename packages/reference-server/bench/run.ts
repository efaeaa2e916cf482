/**
 * npm run bench [-- --store postgres]: the payment path measured from outside, as a user meets it.
 * Each server runs as a process of its own (Pay-Box started like `npm start`, the sandbox bank
 * answering in 2 ms), and autocannon, in this process, drives it over HTTP.
 *
 * Env: BENCH_DURATION (seconds per measurement, default 10), BENCH_CONNECTIONS (default 64).
 */
import { parseArgs } from 'node:util';
import { benchPostgres } from './postgres.js';
import { benchSqlite } from './sqlite.js';
import { benchReconciliation } from './reconciliation.js';
import { benchCreditImport } from './credit-import.js';
import { benchLiveFeed } from './live-feed.js';

const { values } = parseArgs({ options: { store: { type: 'string', default: 'sqlite' } } });
if (values.store === 'postgres') await benchPostgres();
else if (values.store === 'sqlite') await benchSqlite();
else throw new Error(`--store must be sqlite or postgres; got "${values.store}"`);
// In process on SQLite whichever store was asked for: a statement's import against the storage ceiling.
await benchReconciliation();
// The same for a CSV of credits imported into the gestionale.
await benchCreditImport();
// A payment reaching the cruscotto's live feed, at 1,000 payments a minute.
await benchLiveFeed();
