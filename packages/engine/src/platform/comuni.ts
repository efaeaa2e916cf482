import type { ComuneCreateInput, PlatformComune } from '@pay-box/contract';
import { draftKey, insertKey } from '../auth/api-keys.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { bankNameOf } from './bank-names.js';
import { auditActor, type PlatformActor } from './platform-actor.js';

export interface CreatedComune {
  comune: PlatformComune;
  /** The comune's publishable key for its web site: shown once. */
  publishableKey: string;
  adminUserId: string | null;
}

/**
 * Onboards a comune: its row, its publishable key for the allowed origins, and optionally its first
 * cruscotto admin. Its services and fees come next (`importServices`), then its shops.
 */
export async function createComune(ctx: EngineContext, actor: PlatformActor, input: ComuneCreateInput): Promise<CreatedComune> {
  const id = ctx.ids.id('com');
  const key = await draftKey(ctx, 'publishable');
  const admin = input.admin && { id: ctx.ids.id('usr'), ...input.admin, passwordHash: await ctx.passwords.hash(input.admin.password) };
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    if ((await tx.comuni.list()).some((other) => other.fiscalCode === input.fiscalCode)) throw new DomainError('comune_exists', { fiscalCode: input.fiscalCode });
    if (admin && (await tx.staffUsers.byEmail(admin.email))) throw new DomainError('staff_email_taken', { email: admin.email });
    await tx.comuni.insert({ id, name: input.name, fiscalCode: input.fiscalCode, treasuryIban: input.treasuryIban, segregationCode: input.segregationCode }, at);
    await tx.comuni.setSupportContacts(id, input.supportContacts);
    await insertKey(tx, ctx.ids, key, { kind: 'publishable', comuneId: id, allowedOrigins: input.allowedOrigins }, at);
    if (admin) await tx.staffUsers.insert({ id: admin.id, comuneId: id, email: admin.email, name: admin.name, passwordHash: admin.passwordHash, role: 'admin', disabledAt: null }, at);
    await recordStaffAction(tx, auditActor(actor), { action: 'comune.create', subjectId: id, details: { name: input.name, fiscalCode: input.fiscalCode, treasuryIban: input.treasuryIban, admin: admin?.email ?? null } }, at);
    return { comune: await describeComune(tx, id), publishableKey: key.secret, adminUserId: admin?.id ?? null };
  });
}

export function listComuni(ctx: EngineContext): Promise<PlatformComune[]> {
  return ctx.store.read(async (tx) => Promise.all((await tx.comuni.list()).map((comune) => describeComune(tx, comune.id))));
}

export function getComune(ctx: EngineContext, comuneId: string): Promise<PlatformComune> {
  return ctx.store.read((tx) => describeComune(tx, comuneId));
}

/** A comune as platform staff see it: the bank of its IBAN, its shops, services and fees. */
export async function describeComune(tx: UnitOfWork, comuneId: string): Promise<PlatformComune> {
  const comune = await tx.comuni.profile(comuneId);
  if (!comune) throw new DomainError('comune_not_found');
  const [agents, services, fees] = await Promise.all([tx.agents.listByComune(comuneId), tx.services.list(comuneId), tx.fees.list(comuneId)]);
  return {
    id: comune.id,
    name: comune.name,
    fiscalCode: comune.fiscalCode,
    treasuryIban: comune.treasuryIban,
    treasuryBank: bankNameOf(comune.treasuryIban),
    segregationCode: comune.segregationCode,
    supportContacts: comune.supportContacts,
    agents: agents.length,
    services: services.map(({ code, name }) => ({ code, name })),
    fees: fees.sort((a, b) => a.channel.localeCompare(b.channel)),
    createdAt: comune.createdAt,
  };
}
