import type { DeadLetter } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { DeadLetterRow } from '../ports/rows.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';

/** Dead letters a list shows, the latest first. */
const DEAD_LETTER_LIMIT = 200;

const view = ({ id, kind, subjectId, failures, lastError, createdAt, deadAt }: DeadLetterRow): DeadLetter => ({
  id,
  kind: kind === 'webhook' ? 'webhook' : 'write_back',
  subjectId,
  failures,
  lastError,
  createdAt,
  deadAt,
});

/** Write-backs and webhook deliveries of the comune that gave up after their last retry. */
export async function listDeadLetters(ctx: EngineContext, principal: StaffPrincipal): Promise<DeadLetter[]> {
  const staff = requireComuneRole(principal, 'viewer');
  return (await ctx.store.read((tx) => tx.outbox.deadLetters(staff.comuneId, DEAD_LETTER_LIMIT))).map(view);
}

/** Sends one again now, with a fresh retry policy; a webhook keeps its webhook-id and a write-back its payment id, so receivers deduplicate. */
export async function redeliverDeadLetter(ctx: EngineContext, principal: StaffPrincipal, id: string): Promise<void> {
  const staff = requireComuneRole(principal, 'operator');
  const at = ctx.clock.now().toISOString();
  const row = await ctx.store.transaction(async (tx) => {
    const dead = await tx.outbox.deadLetter(staff.comuneId, id);
    if (!dead) throw new DomainError('dead_letter_not_found', { id });
    if (dead.kind === 'webhook') await tx.webhooks.updateDelivery(dead.subjectId, { status: 'pending', attempts: 0, nextAttemptAt: at });
    await tx.outbox.requeue(dead.kind, dead.subjectId, at);
    await recordStaffAction(tx, staff, { action: 'dead_letter.redeliver', subjectId: id, details: { kind: dead.kind, subjectId: dead.subjectId } }, at);
    return dead;
  });
  ctx.events.emit('outbox.enqueued', { kind: row.kind, subjectId: row.subjectId });
}
