import type { Engine, SandboxBank } from '@pay-box/engine';
import { expect } from 'vitest';

/**
 * The money rules of ARCHITECTURE.md, checked on the engine's books (its own check, which reads the
 * store through the port) and against the bank's book: every settled transfer reached the bank
 * exactly once with the reference the books hold, and no payment reached it twice.
 */
export async function expectMoneyInvariants(engine: Engine, bank: SandboxBank): Promise<void> {
  await expect(engine.books.check()).resolves.toBeUndefined();
  const { settled, payments } = await engine.context.store.read(async (tx) => ({ settled: await tx.audit.settledTransfers(), payments: await tx.audit.paymentIds() }));
  for (const transfer of settled) {
    const booked = bank.transfersFor(transfer.paymentId);
    expect(booked, `bank transfers for ${transfer.paymentId}`).toHaveLength(1);
    expect(booked[0]!.bankReference).toBe(transfer.bankReference);
  }
  for (const paymentId of payments) {
    expect(bank.transfersFor(paymentId).length, `bank transfers for ${paymentId}`).toBeLessThanOrEqual(1);
  }
}
