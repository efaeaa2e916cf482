import { expect } from 'vitest';
import type { TestServer } from './test-server.js';

/** The money rules of ARCHITECTURE.md, checked on the server's own database and the bank's book. */
export function expectMoneyInvariants(server: TestServer): void {
  expect(() => server.ctx.ledger.assertConsistent()).not.toThrow();
  const db = server.db;
  const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
  expect(rows(`SELECT credit_id FROM payments GROUP BY credit_id HAVING count(*) > 1`)).toEqual([]);
  expect(rows(`SELECT c.id FROM credits c LEFT JOIN payments p ON p.credit_id = c.id WHERE c.status = 'paid' AND p.id IS NULL`)).toEqual([]);
  expect(rows(`SELECT p.id FROM payments p LEFT JOIN transfers t ON t.payment_id = p.id WHERE t.id IS NULL`)).toEqual([]);
  expect(rows(`SELECT reference_id FROM ledger_transactions WHERE kind = 'settlement' GROUP BY reference_id HAVING count(*) > 1`)).toEqual([]);
  const settled = rows<{ paymentId: string; bankReference: string }>(`SELECT payment_id AS paymentId, bank_reference AS bankReference FROM transfers WHERE status = 'settled'`);
  for (const transfer of settled) {
    const booked = server.bank.transfersFor(transfer.paymentId);
    expect(booked, `bank transfers for ${transfer.paymentId}`).toHaveLength(1);
    expect(booked[0]!.bankReference).toBe(transfer.bankReference);
  }
  // Every payment reached the bank at most once, whatever happened on the way.
  for (const payment of rows<{ id: string }>(`SELECT id FROM payments`)) {
    expect(server.bank.transfersFor(payment.id).length, `bank transfers for ${payment.id}`).toBeLessThanOrEqual(1);
  }
}
