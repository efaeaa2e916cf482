import type { ConnectorPaidNotice } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { SourceUnavailableError } from '../ports/credit-connectors.js';
import type { OutboxRow } from '../ports/rows.js';
import { backoffMs, retryLater } from '../outbox/retry-later.js';
import { serviceCodesOf } from './source-credits.js';

type WriteBackContext = Pick<EngineContext, 'store' | 'clock' | 'log' | 'events' | 'catalogue' | 'connectors' | 'dispatch'>;

/**
 * Tells the comune's system that one of its credits was paid: an outbox row the worker claimed,
 * sent outside any unit of work. Acknowledged: done. Refused or unanswered: retried with backoff
 * (seconds, doubling, at most an hour apart) until the kind's window closes, then dead for an admin
 * to send again. The source deduplicates by payment id, so a retry after a lost answer is harmless.
 */
export async function sendWriteBack(ctx: WriteBackContext, row: OutboxRow): Promise<void> {
  const { store, clock, log } = ctx;
  const found = await store.read(async (tx) => {
    const payment = await tx.payments.get(row.subjectId);
    const credit = payment && (await tx.credits.get(row.comuneId, payment.creditId));
    const receipt = payment && (await tx.receipts.byPayment(payment.id));
    const transfer = payment && (await tx.transfers.byPayment(payment.id));
    const catalogue = await ctx.catalogue.get(tx, row.comuneId);
    const service = credit && catalogue?.serviceById(credit.serviceId);
    const connector = service?.connectorId ? await tx.connectors.get(row.comuneId, service.connectorId) : undefined;
    if (!payment || !credit || !receipt || !service || !connector || !catalogue) return undefined;
    const serviceCodes = serviceCodesOf(catalogue, connector.id);
    const notice: ConnectorPaidNotice = {
      paymentId: payment.id,
      noticeNumber: credit.noticeNumber,
      serviceCode: service.code,
      amount: payment.amount,
      paidAt: payment.createdAt,
      channel: payment.channel === 'web' ? 'web' : 'agent',
      receiptNumber: receipt.number,
      verificationCode: receipt.verificationCode,
      bankReference: transfer?.bankReference ?? null,
    };
    return { connector, serviceCodes, notice };
  });
  if (!found) {
    // The service was taken off its connector meanwhile: nobody to tell; an admin sees it dead.
    await store.transaction((tx) => tx.outbox.markDead(row.id, clock.now().toISOString(), 'the credit’s service has no connector any more'));
    log.error('write-back without a connector', { outboxId: row.id, paymentId: row.subjectId });
    return;
  }
  const { connector, serviceCodes, notice } = found;
  try {
    if (!connector.enabled) throw new SourceUnavailableError('disabled', `${connector.name} is disabled`);
    await ctx.connectors.connectors.open(connector, serviceCodes).markPaid(notice);
    await store.transaction((tx) => tx.outbox.completeSubject('write_back', row.subjectId, clock.now().toISOString()));
    log.info('write-back acknowledged', { paymentId: notice.paymentId, connectorId: connector.id });
  } catch (error) {
    await retryOrGiveUp(ctx, row, error instanceof Error ? error.message : String(error), connector.id);
  }
}

/** Retried with the write-back's backoff while its window lasts; then dead, for an admin to send again. */
async function retryOrGiveUp(ctx: WriteBackContext, row: OutboxRow, reason: string, connectorId: string): Promise<void> {
  const policy = ctx.connectors.writeBack;
  const now = ctx.clock.now();
  const about = { paymentId: row.subjectId, connectorId };
  if (now.getTime() + backoffMs(policy, row.failures) / 2 - Date.parse(row.createdAt) <= policy.giveUpAfterMs) {
    return retryLater(ctx, 'write_back', row, reason, about, policy);
  }
  try {
    await ctx.store.transaction((tx) => tx.outbox.markDead(row.id, now.toISOString(), reason));
    ctx.log.error('write-back gave up: an admin must send it again', { ...about, failures: row.failures + 1, reason });
  } catch (error) {
    ctx.log.error('could not mark a write-back dead', { ...about, error: String(error) });
  }
}
