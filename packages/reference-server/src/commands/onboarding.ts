import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  agentCreateRequestSchema,
  agentSuspendRequestSchema,
  comuneCreateRequestSchema,
  connectorCreateRequestSchema,
  connectorUpdateRequestSchema,
  settingChangeRequestSchema,
  staffLoginRequestSchema,
  topUpRequestSchema,
} from '@pay-box/contract';
import type { Engine, PlatformActor } from '@pay-box/engine';
import type { z } from 'zod';
import type { ServerConfig } from '../config.js';
import { withEngine } from './with-engine.js';

export const onboardingUsage = `
Onboarding (the payment institution's staff; see docs/onboarding.md). --as <email> names the platform user
who acts (required for money settings; otherwise the operating-system user is recorded):
  platform-users create --email <email> --name <name>      password from PAYBOX_NEW_PASSWORD, or one is made and shown once
  comuni create --name <n> --fiscal-code <11 digits> --iban <IBAN> --segregation-code <2 digits>
                [--origin <url> ...] [--support-email <e>] [--support-phone <p>] [--support-url <u>]
                [--admin-email <e> --admin-name <n>]       the admin's first password is shown once
  comuni list | comuni show <comuneId>
  services import <comuneId> <file.yaml|file.json>        services and first fees, all or nothing
  connectors create <comuneId> --kind http|gpd --name <n> --url <base url> [--service <code> ...] [--timeout-ms <ms>]
                [--subscription-key <k> [--organization-fiscal-code <11 digits>]]   gpd only; an http secret is shown once
  connectors list <comuneId> | connectors set <comuneId> <connectorId> [--service <code> ...] [--no-services] [--enable|--disable] [--url <u>] [--timeout-ms <ms>]
  agents create <comuneId> --name <legal name> --tax-code <cf/p.iva> --address <a> [--opening-hours <json>]
  agents list <comuneId> | agents show <agentId> | agents suspend <agentId> --reason <r> | agents reactivate <agentId>
  agents top-up <agentId> --amount <cents> --reference <bank reference>   credit the float (recorded with who and why)
  terminals pair <agentId> [--label <l>]                   a one-time code for the new terminal (10 minutes)
  terminals list <agentId> | terminals revoke <terminalId>
  fees set <comuneId> --channel agent|web|app --citizen-fee <cents> --agent-share <cents> --effective-at <ISO> --reason <r> --as <email>
  iban set <comuneId> --iban <IBAN> --effective-at <ISO> --reason <r> --as <email>
  changes list [--comune <comuneId>] | changes approve <changeId> --as <email> | changes cancel <changeId> --as <email>
`;

type Command = (config: ServerConfig, args: string[]) => Promise<number>;

const print = (value: unknown) => console.log(JSON.stringify(value));

/** Input refused before anything runs: each field and why, exit code 2. */
class UsageError extends Error {}

function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('\n'));
  return result.data;
}

/** Parses a command's arguments, and runs it on the engine as the actor it names. */
function command<O extends NonNullable<ParseArgsConfig['options']>>(
  options: O,
  run: (engine: Engine, parsed: { positionals: string[]; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'] }, actor: () => Promise<PlatformActor>) => Promise<void>,
): Command {
  return async (config, args) => {
    let refused: Error | undefined;
    const code = await withEngine(config, async (engine) => {
      try {
        const parsed = parseArgs({ args, allowPositionals: true, options: { ...options, as: { type: 'string' } } as O });
        const as = (parsed.values as { as?: string }).as;
        await run(engine, parsed, async () => (as ? engine.platform.actorByEmail(as) : { userId: null, email: `cli:${userInfo().username}` }));
      } catch (error) {
        // Bad arguments (ours, or parseArgs' TypeError for an unknown option): nothing ran.
        if (!(error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')))) throw error;
        refused = error;
      }
    });
    if (!refused) return code;
    console.error(`${refused.message}\n${onboardingUsage}`);
    return 2;
  };
}

const needs = (value: string | undefined, what: string): string => {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
};

/** A first password, shown once: 20 characters of base64url (120 bits). */
const firstPassword = () => randomBytes(15).toString('base64url');

export const onboardingCommands: Record<string, Command> = {
  'platform-users': command({ email: { type: 'string' }, name: { type: 'string' } }, async (engine, { positionals, values }, actor) => {
    if (positionals[0] !== 'create') throw new UsageError('platform-users create --email <email> --name <name>');
    const password = process.env.PAYBOX_NEW_PASSWORD || firstPassword();
    const { email } = valid(staffLoginRequestSchema, { email: values.email, password });
    const user = await engine.platform.users.create(await actor(), { email, name: needs(values.name, '--name'), password });
    print({ ...user, ...(process.env.PAYBOX_NEW_PASSWORD ? {} : { password, note: 'the password is shown once: give it to the user by another way' }) });
  }),

  comuni: command(
    {
      name: { type: 'string' },
      'fiscal-code': { type: 'string' },
      iban: { type: 'string' },
      'segregation-code': { type: 'string' },
      origin: { type: 'string', multiple: true },
      'support-email': { type: 'string' },
      'support-phone': { type: 'string' },
      'support-url': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
    async (engine, { positionals, values }, actor) => {
      const [action, id] = positionals;
      if (action === 'list') return void (await engine.platform.comuni.list()).forEach(print);
      if (action === 'show') return print(await engine.platform.comuni.get(needs(id, '<comuneId>')));
      if (action !== 'create') throw new UsageError('comuni create|list|show');
      const adminPassword = values['admin-email'] ? firstPassword() : undefined;
      const input = valid(comuneCreateRequestSchema, {
        name: values.name,
        fiscalCode: values['fiscal-code'],
        treasuryIban: values.iban,
        segregationCode: values['segregation-code'],
        allowedOrigins: values.origin ?? [],
        supportContacts: { email: values['support-email'], phone: values['support-phone'], url: values['support-url'] },
        ...(values['admin-email'] && { admin: { email: values['admin-email'], name: values['admin-name'] ?? 'Amministratore', password: adminPassword } }),
      });
      const created = await engine.platform.comuni.create(await actor(), input);
      print({ ...created, ...(adminPassword && { adminPassword }), note: 'the publishable key and the admin password are shown once' });
    },
  ),

  services: command({}, async (engine, { positionals }, actor) => {
    const [action, comuneId, file] = positionals;
    if (action !== 'import') throw new UsageError('services import <comuneId> <file>');
    print(await engine.platform.comuni.importServices(await actor(), needs(comuneId, '<comuneId>'), readFileSync(needs(file, '<file>'), 'utf8')));
  }),

  connectors: command(
    {
      kind: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      service: { type: 'string', multiple: true },
      'no-services': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'subscription-key': { type: 'string' },
      'organization-fiscal-code': { type: 'string' },
      enable: { type: 'boolean' },
      disable: { type: 'boolean' },
    },
    async (engine, { positionals, values }, actor) => {
      const [action, comuneId, connectorId] = positionals;
      const comune = needs(comuneId, '<comuneId>');
      const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
      if (action === 'list') return void (await engine.platform.connectors.list(comune)).forEach(print);
      if (action === 'set') {
        const services = values['no-services'] ? [] : values.service;
        const enabled = values.enable ? true : values.disable ? false : undefined;
        const change = valid(connectorUpdateRequestSchema, { name: values.name, url: values.url, timeoutMs, services, enabled });
        return print(await engine.platform.connectors.update(await actor(), comune, needs(connectorId, '<connectorId>'), change));
      }
      if (action !== 'create') throw new UsageError('connectors create|list|set');
      const input = valid(connectorCreateRequestSchema, {
        kind: values.kind,
        name: values.name,
        url: values.url,
        timeoutMs,
        services: values.service ?? [],
        subscriptionKey: values['subscription-key'],
        organizationFiscalCode: values['organization-fiscal-code'],
      });
      const created = await engine.platform.connectors.create(await actor(), comune, input);
      print({ ...created, ...(created.secret && { note: 'the secret is shown once: configure it in the comune’s system, which checks every request with it' }) });
    },
  ),

  agents: command(
    { name: { type: 'string' }, 'tax-code': { type: 'string' }, address: { type: 'string' }, 'opening-hours': { type: 'string' }, reason: { type: 'string' }, amount: { type: 'string' }, reference: { type: 'string' } },
    async (engine, { positionals, values }, actor) => {
      const [action, id] = positionals;
      const subject = needs(id, action === 'create' || action === 'list' ? '<comuneId>' : '<agentId>');
      if (action === 'list') return void (await engine.platform.agents.list(subject)).forEach(print);
      if (action === 'reactivate') return print(await engine.platform.agents.reactivate(await actor(), subject));
      if (action === 'show') return print(await engine.platform.agents.floatHistory(subject));
      if (action === 'top-up') return print(await engine.platform.agents.topUp(await actor(), subject, valid(topUpRequestSchema, { amount: Number(values.amount), reference: values.reference })));
      if (action === 'suspend') return print(await engine.platform.agents.suspend(await actor(), subject, valid(agentSuspendRequestSchema, { reason: values.reason }).reason));
      if (action !== 'create') throw new UsageError('agents create|list|show|top-up|suspend|reactivate');
      const openingHours = values['opening-hours'] === undefined ? [] : JSON.parse(values['opening-hours']);
      const input = valid(agentCreateRequestSchema, { name: values.name, taxCode: values['tax-code'], address: values.address, openingHours });
      print(await engine.platform.agents.create(await actor(), subject, input));
    },
  ),

  terminals: command({ label: { type: 'string' } }, async (engine, { positionals, values }, actor) => {
    const [action, id] = positionals;
    if (action === 'pair') {
      const code = await engine.platform.terminals.pairingCode({ kind: 'platform', actor: await actor() }, needs(id, '<agentId>'), values.label ?? 'POS');
      return print({ ...code, note: 'type this code on the new terminal within 10 minutes; it works once' });
    }
    if (action === 'list') return void (await engine.platform.terminals.list(needs(id, '<agentId>'))).forEach(print);
    if (action === 'revoke') {
      await engine.platform.terminals.revoke(await actor(), needs(id, '<terminalId>'));
      return print({ terminalId: id, revoked: true });
    }
    throw new UsageError('terminals pair|list|revoke');
  }),

  fees: command(
    { channel: { type: 'string' }, 'citizen-fee': { type: 'string' }, 'agent-share': { type: 'string' }, 'effective-at': { type: 'string' }, reason: { type: 'string' } },
    async (engine, { positionals, values }, actor) => {
      const [action, comuneId] = positionals;
      if (action !== 'set') throw new UsageError('fees set <comuneId> ...');
      const change = { kind: 'fees', channel: values.channel, citizenFee: Number(values['citizen-fee']), agentShare: Number(values['agent-share']) };
      const input = valid(settingChangeRequestSchema, { change, effectiveAt: values['effective-at'], reason: values.reason });
      print({ ...(await engine.platform.settingChanges.request(await actor(), needs(comuneId, '<comuneId>'), input)), note: 'applies once another platform user approves it: changes approve <id> --as <email>' });
    },
  ),

  iban: command({ iban: { type: 'string' }, 'effective-at': { type: 'string' }, reason: { type: 'string' } }, async (engine, { positionals, values }, actor) => {
    const [action, comuneId] = positionals;
    if (action !== 'set') throw new UsageError('iban set <comuneId> ...');
    const input = valid(settingChangeRequestSchema, { change: { kind: 'treasury_iban', treasuryIban: values.iban }, effectiveAt: values['effective-at'], reason: values.reason });
    print({ ...(await engine.platform.settingChanges.request(await actor(), needs(comuneId, '<comuneId>'), input)), note: 'applies once another platform user approves it: changes approve <id> --as <email>' });
  }),

  changes: command({ comune: { type: 'string' } }, async (engine, { positionals, values }, actor) => {
    const [action, id] = positionals;
    if (action === 'list') return void (await engine.platform.settingChanges.list(values.comune ?? null)).forEach(print);
    if (action === 'approve') return print(await engine.platform.settingChanges.approve(await actor(), needs(id, '<changeId>')));
    if (action === 'cancel') return print(await engine.platform.settingChanges.cancel(await actor(), needs(id, '<changeId>')));
    throw new UsageError('changes list|approve|cancel');
  }),
};
