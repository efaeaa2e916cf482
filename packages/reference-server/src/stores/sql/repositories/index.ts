import type { UnitOfWork } from '@pay-box/engine';
import type { SqlExecutor } from '../prepared.js';
import { apiKeyRepository } from './api-keys.js';
import { auditRepository } from './audit.js';
import { cardAuthorizationRepository, checkoutSessionRepository } from './checkout.js';
import { creditRepository } from './credits.js';
import { ledgerRepository } from './ledger.js';
import { counterRepository, idempotencyRepository, paymentRepository, receiptRepository } from './payments.js';
import { agentRepository, comuneRepository, feeRepository, serviceRepository, terminalRepository } from './tenants.js';
import { loginFailureRepository, staffActionRepository, staffSessionRepository, staffUserRepository } from './staff.js';
import { settingChangeRepository, terminalPairingRepository } from './onboarding.js';
import { outboxRepository, transferRepository } from './transfers.js';
import { gestionaleRepository } from './gestionale.js';
import { eventRepository, liveRepository } from './live.js';
import { reconciliationRepository } from './reconciliation.js';
import { webhookRepository } from './webhooks.js';
import { connectorRepository } from './connectors.js';

/** The storage port's repositories over one SQL connection: one query set for SQLite and PostgreSQL. */
export function sqlRepositories(exec: SqlExecutor): UnitOfWork {
  return {
    comuni: comuneRepository(exec),
    services: serviceRepository(exec),
    fees: feeRepository(exec),
    agents: agentRepository(exec),
    terminals: terminalRepository(exec),
    staffUsers: staffUserRepository(exec),
    staffSessions: staffSessionRepository(exec),
    loginFailures: loginFailureRepository(exec),
    staffActions: staffActionRepository(exec),
    apiKeys: apiKeyRepository(exec),
    credits: creditRepository(exec),
    payments: paymentRepository(exec),
    receipts: receiptRepository(exec),
    counters: counterRepository(exec),
    transfers: transferRepository(exec),
    outbox: outboxRepository(exec),
    idempotency: idempotencyRepository(exec),
    ledger: ledgerRepository(exec),
    audit: auditRepository(exec),
    checkoutSessions: checkoutSessionRepository(exec),
    cardAuthorizations: cardAuthorizationRepository(exec),
    gestionale: gestionaleRepository(exec),
    reconciliation: reconciliationRepository(exec),
    terminalPairings: terminalPairingRepository(exec),
    settingChanges: settingChangeRepository(exec),
    events: eventRepository(exec),
    live: liveRepository(exec),
    webhooks: webhookRepository(exec),
    connectors: connectorRepository(exec),
  };
}
