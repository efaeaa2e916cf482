import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv, type ServerConfig } from './config.js';
import { openContext } from './context-factory.js';
import { DomainError } from './domain-error.js';
import { DEMO_CREDENTIALS_FILE, startServer, type RunningServer } from './server.js';
import { createApiKey } from './services/api-keys.js';
import type { ServiceContext } from './services/context.js';
import type { DemoCredentials } from './services/seed-demo.js';
import { topUpFloat } from './services/top-up.js';

const usage = `Usage: paybox-server <command>

  start                                   start the server (PORT, PAYBOX_DATA_DIR, ...; see docs/operations.md)
  migrate                                 create or update the database, then exit
  topup <agentId> <cents>                 credit a shop's float (recorded in the ledger)
  keys create terminal --agent <agentId> [--label <text>]
  keys create publishable --comune <comuneId> [--origin <url> ...]
  keys list [--comune <comuneId>]
  keys revoke <keyId>
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = configFromEnv();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate':
      return withContext(config, async () => {
        console.log(`database ready in ${config.dataDir}`);
      });
    case 'topup':
      return topup(config, rest);
    case 'keys':
      return keys(config, rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return 0;
    default:
      console.error(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

async function start(config: ServerConfig): Promise<number> {
  const server = await startServer(config);
  printBanner(server, config);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function printBanner(server: RunningServer, config: ServerConfig): void {
  const lines = [
    '',
    `  Pay-Box reference server ${server.demo ? '(demo seeded on this first start)' : ''}`,
    `  API            ${server.url}/v1`,
    `  API reference  ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`,
    `  Health         ${server.url}/healthz`,
    `  Data           ${config.dataDir}`,
  ];
  const demo: DemoCredentials | undefined = server.demo;
  if (demo) {
    lines.push(
      '',
      '  Demo keys (shown once; also in ' + join(config.dataDir, DEMO_CREDENTIALS_FILE) + '):',
      `  terminal key (Tabaccheria)  ${demo.terminalKey}`,
      `  terminal key (Edicola)      ${demo.otherTerminalKey}`,
      `  publishable key             ${demo.publishableKey}`,
      `  staff                       ${demo.staff.email} / ${demo.staff.password}`,
      `  notice numbers to try       ${demo.sampleNoticeNumbers.slice(0, 3).join(', ')}`,
    );
  } else if (existsSync(join(config.dataDir, DEMO_CREDENTIALS_FILE))) {
    lines.push('', `  Demo keys: ${join(config.dataDir, DEMO_CREDENTIALS_FILE)}`);
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  process.stderr.write(lines.join('\n') + '\n');
}

async function withContext(config: ServerConfig, work: (ctx: ServiceContext) => Promise<void>): Promise<number> {
  const { db, ctx } = openContext(config.dataDir, { publicUrl: config.publicUrl, institutionName: config.institutionName, transferWaitMs: 0 });
  try {
    await work(ctx);
    await ctx.writes.close();
    return 0;
  } catch (error) {
    console.error(error instanceof DomainError ? `${error.code}: ${JSON.stringify(error.details ?? {})}` : String(error));
    return 1;
  } finally {
    db.close();
  }
}

function topup(config: ServerConfig, args: string[]): Promise<number> {
  const [agentId, cents] = args;
  if (!agentId || !cents || !/^\d+$/.test(cents)) {
    console.error('usage: paybox-server topup <agentId> <cents>   e.g. topup agt_... 100000 (EUR 1,000.00)');
    return Promise.resolve(2);
  }
  return withContext(config, async (ctx) => {
    const { balance } = await topUpFloat(ctx, agentId, Number(cents));
    console.log(JSON.stringify({ agentId, toppedUp: Number(cents), balance }));
  });
}

function keys(config: ServerConfig, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { agent: { type: 'string' }, comune: { type: 'string' }, label: { type: 'string' }, origin: { type: 'string', multiple: true } },
  });
  const [action, subject] = positionals;
  return withContext(config, async (ctx) => {
    if (action === 'create' && subject === 'terminal' && values.agent) {
      const key = await ctx.writes.run(() => createApiKey(ctx, { kind: 'terminal', agentId: values.agent!, label: values.label ?? 'POS' }));
      console.log(JSON.stringify({ ...key, note: 'the secret is shown once: store it on the terminal now' }));
    } else if (action === 'create' && subject === 'publishable' && values.comune) {
      const key = await ctx.writes.run(() => createApiKey(ctx, { kind: 'publishable', comuneId: values.comune!, allowedOrigins: values.origin ?? [] }));
      console.log(JSON.stringify({ ...key, note: 'the secret is shown once' }));
    } else if (action === 'list') {
      for (const key of ctx.repos.apiKeys.list(values.comune)) console.log(JSON.stringify(key));
    } else if (action === 'revoke' && subject) {
      const revoked = await ctx.writes.run(() => ctx.repos.apiKeys.revoke(subject, ctx.clock.now().toISOString()));
      if (!revoked) throw new Error(`no active key ${subject}`);
      console.log(JSON.stringify({ id: subject, revoked: true }));
    } else {
      throw new Error(`bad keys command\n\n${usage}`);
    }
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
