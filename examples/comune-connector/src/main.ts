import { fileURLToPath } from 'node:url';
import { WEBHOOK_SECRET_PREFIX } from '@pay-box/sdk/contract';
import { z } from 'zod';
import { startTributi } from './tributi.js';

const secretSchema = z.string().trim().startsWith(WEBHOOK_SECRET_PREFIX, `a ${WEBHOOK_SECRET_PREFIX}... secret, as Pay-Box showed it`);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  HOST: z.string().min(1).default('127.0.0.1'),
  TRIBUTI_DB: z.string().min(1).default(fileURLToPath(new URL('../tributi.sqlite', import.meta.url))),
  PAYBOX_CONNECTOR_SECRET: secretSchema,
  PAYBOX_WEBHOOK_SECRET: secretSchema.optional(),
});

const env = envSchema.safeParse(process.env);
if (!env.success) {
  console.error(`${z.prettifyError(env.error)}\n\nPAYBOX_CONNECTOR_SECRET is the secret Pay-Box answers with when the connector is created; see README.md.`);
  process.exit(2);
}
const { PORT, HOST, TRIBUTI_DB, PAYBOX_CONNECTOR_SECRET, PAYBOX_WEBHOOK_SECRET } = env.data;

const tributi = await startTributi({ dbPath: TRIBUTI_DB, port: PORT, host: HOST, connectorSecret: PAYBOX_CONNECTOR_SECRET, webhookSecret: PAYBOX_WEBHOOK_SECRET });
console.log(`
  Tributi of the Comune di Valdimonte (a Pay-Box connector example)
  Credits page     ${tributi.url}/
  Connector URL    ${tributi.url}/pay-box          (lookup, payments)
  Webhooks         ${tributi.url}/pay-box/webhooks ${PAYBOX_WEBHOOK_SECRET ? '' : '(off: PAYBOX_WEBHOOK_SECRET is not set)'}
  Database         ${TRIBUTI_DB}
`);

const stop = () => void tributi.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
