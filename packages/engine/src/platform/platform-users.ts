import type { StaffUser } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { auditActor, type PlatformActor } from './platform-actor.js';

/** A member of the payment institution's staff: above every comune, for onboarding and money settings. */
export async function createPlatformUser(ctx: EngineContext, actor: PlatformActor, input: { email: string; name: string; password: string }): Promise<StaffUser> {
  const passwordHash = await ctx.passwords.hash(input.password);
  const id = ctx.ids.id('usr');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    if (await tx.staffUsers.byEmail(input.email)) throw new DomainError('staff_email_taken');
    await tx.staffUsers.insert({ id, comuneId: null, email: input.email, name: input.name, passwordHash, role: 'platform', disabledAt: null }, at);
    await recordStaffAction(tx, auditActor(actor), { action: 'platform_user.create', subjectId: id, details: { email: input.email } }, at);
    return { id, email: input.email, name: input.name, role: 'platform', disabled: false, createdAt: at };
  });
}

/** The platform user an operator names on the command line (`--as`), for the audit log and four eyes. */
export async function platformActorByEmail(ctx: EngineContext, email: string): Promise<PlatformActor> {
  const user = await ctx.store.read((tx) => tx.staffUsers.byEmail(email.trim().toLowerCase()));
  if (!user || user.role !== 'platform' || user.disabledAt !== null) throw new DomainError('staff_user_not_found', { email });
  return { userId: user.id, email: user.email };
}
