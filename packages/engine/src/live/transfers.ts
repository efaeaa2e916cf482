import type { AdminTransfer } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { announceEvents, recordEvent } from '../events/record-event.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type ComuneStaffPrincipal, type StaffPrincipal } from '../staff/staff-principal.js';
import type { CountedSend } from '../transfers/dispatcher.js';
import { transferOrder } from '../transfers/dispatcher.js';
import { endToEndIdOf } from '../transfers/end-to-end-id.js';
import { transferView } from '../views/admin-payment-view.js';
import { onePayment, paymentSelection } from './payment-selection.js';
import { encodeCursor } from './payment-selection.js';

export interface TransferQuery {
  status?: 'pending' | 'stale' | 'rejected' | 'settled' | 'resolved' | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The comune's transfers with their payments, newest payment first; by status: the ones to look at. */
export async function listTransfers(ctx: EngineContext, principal: StaffPrincipal, query: TransferQuery): Promise<{ data: AdminTransfer[]; nextCursor: string | null }> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const rows = await ctx.store.read((tx) => tx.live.payments(paymentSelection(comuneId, { transferStatus: query.status, cursor: query.cursor }, query.limit + 1, now)));
  const data = rows.slice(0, query.limit).map((row) => transferView(row, now));
  return { data, nextCursor: rows.length > query.limit ? encodeCursor(data.at(-1)!.payment) : null };
}

/** A rejected transfer of the principal's comune not resolved yet; 404 for another comune's, 409 for one in another state. */
async function rejectedTransfer(tx: UnitOfWork, principal: ComuneStaffPrincipal, transferId: string) {
  const transfer = await tx.transfers.get(transferId);
  if (!transfer || transfer.comuneId !== principal.comuneId) throw new DomainError('transfer_not_found');
  if (transfer.status !== 'rejected' || (await tx.live.resolution(transferId))) throw new DomainError('transfer_not_rejected', { status: transfer.status });
  return transfer;
}

async function readTransfer(ctx: EngineContext, comuneId: string, paymentId: string): Promise<AdminTransfer> {
  const [row] = await ctx.store.read((tx) => tx.live.payments(onePayment(comuneId, paymentId)));
  return transferView(row!, ctx.clock.now());
}

/**
 * Sends a rejected transfer again, as a new instruction with its own EndToEndId (the payment id and
 * the retry's number), through the outbox like any transfer: reopened, its send counted and its
 * outbox row leased in one unit of work with the audit line, then sent after the commit. A second
 * retry at once finds it pending and is refused; the bank's duplicate check would refuse the old id.
 */
export async function retryTransfer(ctx: EngineContext, principal: StaffPrincipal, transferId: string): Promise<AdminTransfer> {
  const staff = requireComuneRole(principal, 'operator');
  const now = ctx.clock.now().toISOString();
  const leaseUntil = new Date(ctx.clock.now().getTime() + ctx.dispatch.leaseMs).toISOString();
  const { send, paymentId } = await ctx.store.transaction(async (tx) => {
    const transfer = await rejectedTransfer(tx, staff, transferId);
    if (!(await tx.live.reopenRejectedTransfer(transferId))) throw new DomainError('transfer_not_rejected');
    const outbox = await tx.live.requeueTransfer(transferId, leaseUntil, now);
    if (!outbox) throw new Error(`transfer ${transferId} has no outbox row`);
    const reopened = { ...transfer, retries: transfer.retries + 1 };
    const endToEndId = endToEndIdOf(reopened);
    const details = { paymentId: transfer.paymentId, endToEndId, previousRejection: transfer.rejectReason };
    await recordStaffAction(tx, staff, { action: 'transfer.retry', subjectId: transferId, details }, now);
    await recordEvent(tx, ctx.ids, { comuneId: staff.comuneId, type: 'transfer.retried', subjectId: transfer.paymentId, data: { ...details, transferId, by: staff.email } }, now);
    const counted: CountedSend = { outbox: { id: outbox.id, subjectId: transferId, failures: 0 }, order: transferOrder(reopened) };
    return { send: counted, paymentId: transfer.paymentId };
  });
  announceEvents(ctx.events, staff.comuneId);
  void ctx.dispatcher.sendCounted(send);
  return readTransfer(ctx, staff.comuneId, paymentId);
}

/** Records by hand how a rejected transfer ended (paid by other means, refunded...), once, audited. */
export async function resolveTransfer(ctx: EngineContext, principal: StaffPrincipal, transferId: string, input: { note: string; bankReference?: string | undefined }): Promise<AdminTransfer> {
  const staff = requireComuneRole(principal, 'operator');
  const now = ctx.clock.now().toISOString();
  const paymentId = await ctx.store.transaction(async (tx) => {
    const transfer = await rejectedTransfer(tx, staff, transferId);
    const bankReference = input.bankReference ?? null;
    await tx.live.insertResolution({ transferId, comuneId: staff.comuneId, note: input.note, bankReference, resolvedBy: staff.email, resolvedAt: now });
    const details = { paymentId: transfer.paymentId, note: input.note, bankReference, rejectReason: transfer.rejectReason };
    await recordStaffAction(tx, staff, { action: 'transfer.resolve', subjectId: transferId, details }, now);
    await recordEvent(tx, ctx.ids, { comuneId: staff.comuneId, type: 'transfer.resolved', subjectId: transfer.paymentId, data: { ...details, transferId, by: staff.email } }, now);
    return transfer.paymentId;
  });
  announceEvents(ctx.events, staff.comuneId);
  return readTransfer(ctx, staff.comuneId, paymentId);
}
