import type { OperationId } from '@pay-box/api';
import type { ApiRequest } from './expect-api-error.js';

/** An unexpected credit the demo's MERCATO service accepts: 10 m² at EUR 1.50. */
export const marketStallRequest = {
  serviceCode: 'MERCATO',
  debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
  fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'A12', squareMeters: 10, sector: 'ALIMENTARE', licenceNumber: 'LIC-2026-001' },
  amount: 1500,
};

/** Ids of the right shape that name nothing. */
export const unknownIds = { comune: 'com_0000000000000000', agent: 'agt_0000000000000000', terminal: 'trm_0000000000000000', settingChange: 'chg_0000000000000000', staffUser: 'usr_0000000000000000', credit: 'crd_0000000000000000', payment: 'pay_0000000000000000', receipt: 'rcp_0000000000000000', transfer: 'trf_0000000000000000', checkoutSession: 'cks_0000000000000000', webhookEndpoint: 'whe_0000000000000000', webhookDelivery: 'whd_0000000000000000' };

/**
 * One well-formed request per operation, without a key: tests add the key they are about and
 * expect the refusal that key earns. Typed by operation id, so a new operation needs a sample here
 * before the suites that loop over every route will compile.
 */
export const sampleRequests: Record<OperationId, ApiRequest> = {
  lookupCredits: { path: '/v1/credits/lookup', body: { noticeNumber: '301000000000000144' } },
  createPayment: { path: '/v1/payments', body: { creditId: unknownIds.credit, amount: 1500 }, idempotencyKey: 'sample-payment' },
  getPayment: { path: `/v1/payments/${unknownIds.payment}` },
  getReceipt: { path: `/v1/receipts/${unknownIds.receipt}?format=pdf` },
  verifyReceipt: { path: '/v1/receipts/verify/ABCD-EFGH-JKMN' },
  listServices: { path: '/v1/services' },
  createUnexpectedCredit: { path: '/v1/unexpected-credits', body: marketStallRequest, idempotencyKey: 'sample-unexpected' },
  getAgentBalance: { path: '/v1/agent/balance' },
  getAgentReport: { path: '/v1/agent/report?date=2026-11-26' },
  createCheckoutSession: { path: '/v1/checkout-sessions', body: { creditId: unknownIds.credit, amount: 1500, returnUrl: 'http://localhost:8787/pay' } },
  getCheckoutSession: { path: `/v1/checkout-sessions/${unknownIds.checkoutSession}` },
  getCheckoutReceipt: { path: `/v1/checkout-sessions/${unknownIds.checkoutSession}/receipt?format=pdf` },
  listPoints: { path: '/v1/points' },
  createStaffSession: { path: '/v1/admin/session', body: { email: 'nobody@comune.example', password: 'not the password' } },
  getStaffSession: { path: '/v1/admin/session' },
  deleteStaffSession: { path: '/v1/admin/session', method: 'DELETE' },
  listStaffUsers: { path: '/v1/admin/users' },
  createStaffUser: { path: '/v1/admin/users', body: { email: 'new@comune.example', name: 'New', role: 'viewer', password: 'a long first password' } },
  updateStaffUser: { path: `/v1/admin/users/${unknownIds.staffUser}`, method: 'PATCH', body: { role: 'operator' } },
  listStaffActions: { path: '/v1/admin/audit-log' },
  listWebhookEndpoints: { path: '/v1/admin/webhook-endpoints' },
  createWebhookEndpoint: { path: '/v1/admin/webhook-endpoints', body: { url: 'https://tributi.comune.example/paybox/webhooks', events: ['payment.succeeded'], description: 'Tributi' } },
  updateWebhookEndpoint: { path: `/v1/admin/webhook-endpoints/${unknownIds.webhookEndpoint}`, method: 'PATCH', body: { enabled: false } },
  rotateWebhookSecret: { path: `/v1/admin/webhook-endpoints/${unknownIds.webhookEndpoint}/rotate-secret`, method: 'POST' },
  deleteWebhookEndpoint: { path: `/v1/admin/webhook-endpoints/${unknownIds.webhookEndpoint}`, method: 'DELETE' },
  listWebhookDeliveries: { path: `/v1/admin/webhook-endpoints/${unknownIds.webhookEndpoint}/deliveries` },
  redeliverWebhook: { path: `/v1/admin/webhook-deliveries/${unknownIds.webhookDelivery}/redeliver`, method: 'POST' },
  getAdminOverview: { path: '/v1/admin/overview' },
  // follow=false: the stream ends after its replay, so that loops over every route read it to the end.
  streamAdminEvents: { path: '/v1/admin/events?follow=false' },
  listAdminPayments: { path: '/v1/admin/payments?limit=5' },
  exportAdminPayments: { path: '/v1/admin/payments/export?from=2026-11-01&to=2026-11-02' },
  getAdminPayment: { path: `/v1/admin/payments/${unknownIds.payment}` },
  getAdminPaymentReceipt: { path: `/v1/admin/payments/${unknownIds.payment}/receipt?format=text58` },
  listAdminTransfers: { path: '/v1/admin/transfers?status=rejected' },
  retryAdminTransfer: { path: `/v1/admin/transfers/${unknownIds.transfer}/retry`, body: {} },
  resolveAdminTransfer: { path: `/v1/admin/transfers/${unknownIds.transfer}/resolution`, body: { note: 'Paid by the treasurer by hand' } },
  listAdminAgents: { path: '/v1/admin/agents' },
  searchAdminPayments: { path: '/v1/admin/search?q=RSSMRA85T10H501O' },
  importStatement: {
    path: '/v1/admin/statements',
    rawBody: 'booked_on,amount,end_to_end_id,bank_reference,remittance\n2026-11-26,15.00,,,/RFB/470000000000012/15.00/TXT/MERCATO\n',
    headers: { 'content-type': 'text/csv' },
  },
  listStatements: { path: '/v1/admin/statements' },
  getStatement: { path: '/v1/admin/statements/stm_0000000000000000' },
  runReconciliation: { path: '/v1/admin/reconciliations', method: 'POST' },
  getReconciliation: { path: '/v1/admin/reconciliation' },
  getDailyClosing: { path: '/v1/admin/daily-closing?date=2026-11-26&format=csv' },
  listAdminServices: { path: '/v1/admin/services' },
  listAdminCredits: { path: '/v1/admin/credits?status=open' },
  createAdminCredit: { path: '/v1/admin/credits', body: { serviceCode: 'MENSA', debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' }, description: 'Mensa gennaio 2027', amount: 6240 } },
  exportAdminCredits: { path: '/v1/admin/credits/export' },
  getAdminCredit: { path: `/v1/admin/credits/${unknownIds.credit}` },
  updateAdminCredit: { path: `/v1/admin/credits/${unknownIds.credit}`, method: 'PATCH', body: { amount: 6500 } },
  cancelAdminCredit: { path: `/v1/admin/credits/${unknownIds.credit}/cancel`, body: { reason: 'iscrizione ritirata' } },
  importAdminCredits: {
    path: '/v1/admin/credit-imports?mode=all_or_nothing',
    rawBody: 'servizio;codice_fiscale;nominativo;descrizione;importo\nMENSA;RSSMRA85T10H501O;Mario Rossi;Mensa febbraio 2027;62,40\n',
    headers: { 'content-type': 'text/csv' },
  },
  listUnexpectedCredits: { path: '/v1/admin/unexpected-credits?registered=false' },
  registerUnexpectedCredits: { path: '/v1/admin/unexpected-credits/registrations', body: { items: [{ creditId: unknownIds.credit, accertamentoNumber: '2026/1', budgetChapter: '3050' }] } },
  exportUnexpectedCredits: { path: '/v1/admin/unexpected-credits/export' },
  pairTerminal: { path: '/v1/terminals/pair', body: { code: 'AAAA-BBBB-CCCC' } },
  createAgentPairingCode: { path: '/v1/agent/pairing-codes', body: { label: 'Cassa 2' } },
  listComuni: { path: '/v1/platform/comuni' },
  createComune: { path: '/v1/platform/comuni', body: { name: 'Comune di Prova', fiscalCode: '00212330344', treasuryIban: 'IT60X0542811101000000123456', segregationCode: '07' } },
  getComune: { path: `/v1/platform/comuni/${unknownIds.comune}` },
  importServices: { path: `/v1/platform/comuni/${unknownIds.comune}/services`, rawBody: 'services: []', headers: { 'content-type': 'application/yaml' } },
  listAgents: { path: `/v1/platform/comuni/${unknownIds.comune}/agents` },
  createAgent: { path: `/v1/platform/comuni/${unknownIds.comune}/agents`, body: { name: 'Bar Centrale', taxCode: '01234567897', address: 'Piazza Garibaldi 3' } },
  suspendAgent: { path: `/v1/platform/agents/${unknownIds.agent}/suspend`, body: { reason: 'test' } },
  reactivateAgent: { path: `/v1/platform/agents/${unknownIds.agent}/reactivate`, method: 'POST' },
  getAgentFloat: { path: `/v1/platform/agents/${unknownIds.agent}/float` },
  topUpAgent: { path: `/v1/platform/agents/${unknownIds.agent}/top-ups`, body: { amount: 50_000, reference: 'TRN 0306909606100000063111' } },
  listTerminals: { path: `/v1/platform/agents/${unknownIds.agent}/terminals` },
  createPairingCode: { path: `/v1/platform/agents/${unknownIds.agent}/pairing-codes`, body: { label: 'Cassa 2' } },
  revokeTerminal: { path: `/v1/platform/terminals/${unknownIds.terminal}/revoke`, method: 'POST' },
  listSettingChanges: { path: '/v1/platform/setting-changes' },
  requestSettingChange: {
    path: `/v1/platform/comuni/${unknownIds.comune}/setting-changes`,
    body: { change: { kind: 'fees', channel: 'agent', citizenFee: 200, agentShare: 100 }, effectiveAt: '2027-01-01T00:00:00Z', reason: 'test change' },
  },
  approveSettingChange: { path: `/v1/platform/setting-changes/${unknownIds.settingChange}/approve`, method: 'POST' },
  cancelSettingChange: { path: `/v1/platform/setting-changes/${unknownIds.settingChange}/cancel`, method: 'POST' },
};
