import type { SettingChangeRecord, SettingChangeRequestInput } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { SettingChangeRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { auditActor, type PlatformActor } from './platform-actor.js';

/**
 * Changes of a comune's money settings (treasury IBAN, fees) take four eyes: one platform user asks,
 * with a reason and the time it takes effect, and another approves. An approved change applies at its
 * time (at once when that is past), never to a payment already made: a transfer keeps the IBAN it
 * was made with, a payment the fee it was charged.
 */
export async function requestSettingChange(ctx: EngineContext, actor: PlatformActor, comuneId: string, input: SettingChangeRequestInput): Promise<SettingChangeRecord> {
  const userId = platformUser(actor);
  const row: SettingChangeRow = {
    id: ctx.ids.id('chg'),
    comuneId,
    change: input.change,
    effectiveAt: input.effectiveAt,
    reason: input.reason,
    status: 'pending_approval',
    requestedBy: userId,
    requestedAt: ctx.clock.now().toISOString(),
    approvedBy: null,
    approvedAt: null,
    appliedAt: null,
  };
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.comuni.get(comuneId))) throw new DomainError('comune_not_found');
    await tx.settingChanges.insert(row);
    await recordStaffAction(tx, auditActor(actor), { action: 'settings.request', subjectId: row.id, details: { comuneId, change: input.change, effectiveAt: input.effectiveAt, reason: input.reason } }, row.requestedAt);
    return describe(tx, row);
  });
}

/** The second person's approval: never the one who asked. */
export async function approveSettingChange(ctx: EngineContext, actor: PlatformActor, changeId: string): Promise<SettingChangeRecord> {
  const userId = platformUser(actor);
  const now = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const row = await tx.settingChanges.get(changeId, { lock: true });
    if (!row) throw new DomainError('setting_change_not_found');
    if (row.status !== 'pending_approval') throw new DomainError('setting_change_not_pending', { status: row.status });
    if (row.requestedBy === userId) throw new DomainError('second_approver_required');
    const approved: SettingChangeRow = { ...row, status: 'approved', approvedBy: userId, approvedAt: now };
    await tx.settingChanges.update(approved);
    await recordStaffAction(tx, auditActor(actor), { action: 'settings.approve', subjectId: row.id, details: { comuneId: row.comuneId } }, now);
    return describe(tx, row.effectiveAt <= now ? await apply(tx, approved, now) : approved);
  });
}

/** Withdraws a change not applied yet, pending or approved. */
export async function cancelSettingChange(ctx: EngineContext, actor: PlatformActor, changeId: string): Promise<SettingChangeRecord> {
  platformUser(actor);
  const now = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const row = await tx.settingChanges.get(changeId, { lock: true });
    if (!row) throw new DomainError('setting_change_not_found');
    if (row.status === 'applied' || row.status === 'cancelled') throw new DomainError('setting_change_not_pending', { status: row.status });
    const cancelled: SettingChangeRow = { ...row, status: 'cancelled' };
    await tx.settingChanges.update(cancelled);
    await recordStaffAction(tx, auditActor(actor), { action: 'settings.cancel', subjectId: row.id, details: { comuneId: row.comuneId } }, now);
    return describe(tx, cancelled);
  });
}

export function listSettingChanges(ctx: EngineContext, comuneId: string | null): Promise<SettingChangeRecord[]> {
  return ctx.store.read(async (tx) => Promise.all((await tx.settingChanges.list(comuneId)).map((row) => describe(tx, row))));
}

/** Applies the approved changes whose time has come: the server runs this every few seconds. */
export async function applyDueSettingChanges(ctx: EngineContext): Promise<number> {
  const now = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const due = await tx.settingChanges.due(now);
    for (const row of due) await apply(tx, row, now);
    return due.length;
  });
}

async function apply(tx: UnitOfWork, row: SettingChangeRow, now: string): Promise<SettingChangeRow> {
  const { change } = row;
  if (change.kind === 'treasury_iban') await tx.comuni.setTreasuryIban(row.comuneId, change.treasuryIban);
  else await tx.fees.set(row.comuneId, change.channel, { citizenFee: change.citizenFee, agentShare: change.agentShare });
  const applied: SettingChangeRow = { ...row, status: 'applied', appliedAt: now };
  await tx.settingChanges.update(applied);
  await recordStaffAction(tx, { comuneId: null, userId: null, email: 'pay-box (scheduled)' }, { action: 'settings.apply', subjectId: row.id, details: { comuneId: row.comuneId, change } }, now);
  return applied;
}

function platformUser(actor: PlatformActor): string {
  if (actor.userId === null) throw new DomainError('second_approver_required', { reason: 'a money setting is changed by named platform users: pass --as <email>' });
  return actor.userId;
}

/** A change with its people named by email, as the audit log names them. */
async function describe(tx: UnitOfWork, row: SettingChangeRow): Promise<SettingChangeRecord> {
  const emailOf = async (userId: string | null) => (userId === null ? null : ((await tx.staffUsers.get(userId))?.email ?? userId));
  return { ...row, requestedBy: (await emailOf(row.requestedBy))!, approvedBy: await emailOf(row.approvedBy) };
}
