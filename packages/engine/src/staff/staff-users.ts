import type { StaffUser } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { StaffRole, StaffUserRow } from '../ports/rows.js';
import { recordStaffAction } from './staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from './staff-principal.js';

type ComuneRole = Exclude<StaffRole, 'platform'>;

const view = (row: StaffUserRow & { createdAt: string }): StaffUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  disabled: row.disabledAt !== null,
  createdAt: row.createdAt,
});

export async function listStaffUsers(ctx: EngineContext, principal: StaffPrincipal): Promise<StaffUser[]> {
  const admin = requireComuneRole(principal, 'admin');
  return (await ctx.store.read((tx) => tx.staffUsers.list(admin.comuneId))).map(view);
}

export async function createStaffUser(ctx: EngineContext, principal: StaffPrincipal, input: { email: string; name: string; role: ComuneRole; password: string }): Promise<StaffUser> {
  const admin = requireComuneRole(principal, 'admin');
  const passwordHash = await ctx.passwords.hash(input.password);
  const id = ctx.ids.id('usr');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    if (await tx.staffUsers.byEmail(input.email)) throw new DomainError('staff_email_taken');
    const row: StaffUserRow = { id, comuneId: admin.comuneId, email: input.email, name: input.name, passwordHash, role: input.role, disabledAt: null };
    await tx.staffUsers.insert(row, at);
    await recordStaffAction(tx, admin, { action: 'user.create', subjectId: id, details: { email: input.email, role: input.role } }, at);
    return view({ ...row, createdAt: at });
  });
}

/**
 * Changes a user of the admin's comune. A new password or disabling ends the user's sessions at once.
 * Admins cannot change their own role or disable themselves: a comune never loses its last admin by a slip.
 */
export async function updateStaffUser(
  ctx: EngineContext,
  principal: StaffPrincipal,
  userId: string,
  change: { name?: string | undefined; role?: ComuneRole | undefined; disabled?: boolean | undefined; password?: string | undefined },
): Promise<StaffUser> {
  const admin = requireComuneRole(principal, 'admin');
  if (userId === admin.userId && (change.role !== undefined || change.disabled === true)) {
    throw new DomainError('validation_failed', [{ path: change.role !== undefined ? 'role' : 'disabled', message: 'you cannot change your own role or disable yourself' }]);
  }
  const passwordHash = change.password === undefined ? undefined : await ctx.passwords.hash(change.password);
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const user = await tx.staffUsers.get(userId);
    if (!user || user.comuneId !== admin.comuneId) throw new DomainError('staff_user_not_found');
    const disabledAt = change.disabled === undefined ? user.disabledAt : change.disabled ? (user.disabledAt ?? at) : null;
    const updated = { ...user, name: change.name ?? user.name, role: change.role ?? user.role, passwordHash: passwordHash ?? user.passwordHash, disabledAt };
    await tx.staffUsers.update(updated);
    if (passwordHash !== undefined || (disabledAt !== null && user.disabledAt === null)) await tx.staffSessions.endAllOfUser(userId, at);
    const changed = Object.fromEntries(Object.entries({ name: change.name, role: change.role, disabled: change.disabled, password: change.password && 'changed' }).filter(([, value]) => value !== undefined));
    await recordStaffAction(tx, admin, { action: 'user.update', subjectId: userId, details: changed }, at);
    return view(updated);
  });
}
