import type { Db } from '../database.js';
import { ApiKeyRepository } from './api-keys.js';
import { CreditRepository } from './credits.js';
import { IdempotencyRepository } from './idempotency.js';
import { LedgerRepository } from './ledger.js';
import { OutboxRepository } from './outbox.js';
import { PaymentRepository } from './payments.js';
import { ReceiptRepository } from './receipts.js';
import { TenantRepository } from './tenants.js';
import { TransferRepository } from './transfers.js';

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: Db) {
  return {
    tenants: new TenantRepository(db),
    apiKeys: new ApiKeyRepository(db),
    credits: new CreditRepository(db),
    payments: new PaymentRepository(db),
    receipts: new ReceiptRepository(db),
    transfers: new TransferRepository(db),
    outbox: new OutboxRepository(db),
    idempotency: new IdempotencyRepository(db),
    ledger: new LedgerRepository(db),
  };
}
