import { paymentIdOf, type Engine, type SandboxBank } from '@pay-box/engine';
import { expect } from 'vitest';

/**
 * The money rules of ARCHITECTURE.md, checked on the engine's books (its own check, which reads the
 * store through the port) and against the bank's book: every settled transfer reached the bank
 * exactly once with the reference the books hold, and no payment reached it twice. A transfer sent
 * again after a rejection is booked once per send, under its own EndToEndId: only the rejected sends
 * may be more than one.
 */
export async function expectMoneyInvariants(engine: Engine, bank: SandboxBank): Promise<void> {
  await expect(engine.books.check()).resolves.toBeUndefined();
  const { settled, payments } = await engine.context.store.read(async (tx) => ({ settled: await tx.audit.settledTransfers(), payments: await tx.audit.paymentIds() }));
  const accepted = new Map<string, ReturnType<SandboxBank['allTransfers']>>();
  for (const booked of bank.allTransfers()) {
    if (booked.state === 'rejected') continue;
    const paymentId = paymentIdOf(booked.endToEndId);
    accepted.set(paymentId, [...(accepted.get(paymentId) ?? []), booked]);
  }
  for (const transfer of settled) {
    const booked = accepted.get(transfer.paymentId) ?? [];
    expect(booked, `bank transfers for ${transfer.paymentId}`).toHaveLength(1);
    expect(booked[0]!.bankReference).toBe(transfer.bankReference);
  }
  for (const paymentId of payments) {
    expect((accepted.get(paymentId) ?? []).length, `bank transfers for ${paymentId}`).toBeLessThanOrEqual(1);
  }
}
