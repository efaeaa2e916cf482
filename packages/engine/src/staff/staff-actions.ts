import type { StaffAction } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import type { UnitOfWork } from '../ports/store.js';
import type { StaffPrincipal } from './staff-principal.js';

export interface StaffActionInput {
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends a staff action to the audit log, in the unit of work that does it: the action and its
 * record commit together or not at all.
 */
export async function recordStaffAction(tx: UnitOfWork, principal: { comuneId: string | null; userId: string | null; email: string }, input: StaffActionInput, at: string): Promise<void> {
  await tx.staffActions.append({
    comuneId: principal.comuneId,
    userId: principal.userId,
    actorEmail: principal.email,
    action: input.action,
    subjectId: input.subjectId ?? null,
    details: input.details ?? {},
    at,
  });
}

/** The audit log of the principal's comune (the platform's for platform staff), newest first. */
export async function listStaffActions(ctx: EngineContext, principal: StaffPrincipal, page: { cursor?: string | undefined; limit: number }): Promise<{ data: StaffAction[]; nextCursor: string | null }> {
  const before = page.cursor !== undefined && /^\d{1,15}$/.test(page.cursor) ? Number(page.cursor) : null;
  const rows = await ctx.store.read((tx) => tx.staffActions.list(principal.comuneId, before, page.limit + 1));
  const data = rows.slice(0, page.limit).map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: { userId: row.userId, email: row.actorEmail },
    action: row.action,
    subjectId: row.subjectId,
    details: row.details,
  }));
  return { data, nextCursor: rows.length > page.limit ? String(data.at(-1)!.seq) : null };
}
