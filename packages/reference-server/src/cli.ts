import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '@pay-box/engine';
import type { DemoCredentials } from '@pay-box/engine/demo';
import { configFromEnv, type ServerConfig } from './config.js';
import { CRUSCOTTO_PATH, cruscottoBuilt } from './cruscotto.js';
import { servedExamples } from './examples.js';
import { onboardingCommands, onboardingUsage } from './commands/onboarding.js';
import { withEngine } from './commands/with-engine.js';
import { DEMO_CREDENTIALS_FILE, startServer, type RunningServer } from './server.js';

const usage = `Usage: paybox-server <command>

  start                                   start the server (PORT, PAYBOX_DATA_DIR, ...; see docs/operations.md)
  migrate                                 create or update the database, then exit
  check                                   check the books (balanced postings, replayed balances, one payment and
                                          transfer per paid credit); exits 1 naming what is wrong
  topup <agentId> <cents>                 credit a shop's float (recorded in the ledger)
  keys create terminal --agent <agentId> [--label <text>]
  keys create publishable --comune <comuneId> [--origin <url> ...]
  keys list [--comune <comuneId>]
  keys revoke <keyId>
${onboardingUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = configFromEnv();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate':
      return withEngine(config, async () => {
        console.log(`database ready ${config.database ? `at ${redactedUrl(config.database.url)}` : `in ${config.dataDir}`}`);
      });
    case 'check':
      return withEngine(config, async (engine) => {
        await engine.books.check();
        const { pendingOutbox, transfers } = await engine.books.health();
        console.log(JSON.stringify({ books: 'consistent', pendingOutbox, transfers }));
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
    default: {
      const onboarding = onboardingCommands[command];
      if (onboarding) return onboarding(config, rest);
      console.error(`unknown command "${command}"\n\n${usage}`);
      return 2;
    }
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
    ...(cruscottoBuilt() ? [`  Cruscotto      ${server.url}${CRUSCOTTO_PATH}   (staff dashboard)`] : []),
    ...servedExamples().map((name) => `  Example        ${server.url}/examples/${name}/`),
    `  Data           ${config.database ? `${redactedUrl(config.database.url)} (sandbox bank in ${config.dataDir})` : config.dataDir}`,
  ];
  const demo: DemoCredentials | undefined = server.demo;
  if (demo) {
    lines.push(
      '',
      '  Demo keys (shown once; also in ' + join(config.dataDir, DEMO_CREDENTIALS_FILE) + '):',
      `  terminal key (Tabaccheria)  ${demo.terminalKey}`,
      `  terminal key (Edicola)      ${demo.otherTerminalKey}`,
      `  publishable key             ${demo.publishableKey}`,
      `  staff (cruscotto login)     ${demo.staff.email} / ${demo.staff.password}`,
      `  notice numbers to try       ${demo.sampleNoticeNumbers.slice(0, 3).join(', ')}`,
    );
  } else if (existsSync(join(config.dataDir, DEMO_CREDENTIALS_FILE))) {
    lines.push('', `  Demo keys: ${join(config.dataDir, DEMO_CREDENTIALS_FILE)}`);
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  process.stderr.write(lines.join('\n') + '\n');
}

/** A database URL without its password, for messages. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function topup(config: ServerConfig, args: string[]): Promise<number> {
  const [agentId, cents] = args;
  if (!agentId || !cents || !/^\d+$/.test(cents)) {
    console.error('usage: paybox-server topup <agentId> <cents>   e.g. topup agt_... 100000 (EUR 1,000.00)');
    return Promise.resolve(2);
  }
  return withEngine(config, async (engine) => {
    const { balance } = await engine.agents.topUp(agentId, Number(cents));
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
  return withEngine(config, async (engine) => {
    if (action === 'create' && subject === 'terminal' && values.agent) {
      const key = await engine.keys.create({ kind: 'terminal', agentId: values.agent, label: values.label ?? 'POS' });
      console.log(JSON.stringify({ ...key, note: 'the secret is shown once: store it on the terminal now' }));
    } else if (action === 'create' && subject === 'publishable' && values.comune) {
      const key = await engine.keys.create({ kind: 'publishable', comuneId: values.comune, allowedOrigins: values.origin ?? [] });
      console.log(JSON.stringify({ ...key, note: 'the secret is shown once' }));
    } else if (action === 'list') {
      for (const key of await engine.keys.list(values.comune)) console.log(JSON.stringify(key));
    } else if (action === 'revoke' && subject) {
      await engine.keys.revoke(subject).catch((error: unknown) => {
        throw error instanceof DomainError ? new Error(`no active key ${subject}`) : error;
      });
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
