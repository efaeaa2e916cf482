import { connectorLookupResponseSchema, webhookSignature, type ConnectorLookupRequest, type ConnectorPaidNotice } from '@pay-box/contract';
import type { ConnectorRow, CreditConnector } from '@pay-box/engine';
import { callConnector, parseAnswer, type ConnectorHttp } from './connector-http.js';

/**
 * A comune's own system speaking Pay-Box's connector protocol (docs/connector-protocol.openapi.yaml):
 * signed JSON POSTs to `<url>/lookup` and `<url>/payments`. A write-back's `webhook-id` is its
 * payment's id, the same on every retry, so the system can deduplicate by either.
 */
export function httpConnector(http: ConnectorHttp, row: ConnectorRow, ids: { requestId(): string }): CreditConnector {
  async function post(path: string, body: unknown, webhookId: string) {
    const text = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Pay-Box-Connector/1',
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': await webhookSignature(row.secret, webhookId, timestamp, text),
    };
    return callConnector(http, row, { method: 'POST', path, headers, body: text });
  }
  const lookup = async (request: ConnectorLookupRequest) => parseAnswer(row, await post('lookup', request, ids.requestId()), connectorLookupResponseSchema).credits;
  return {
    byNoticeNumber: async (noticeNumber) => {
      const credits = await lookup({ noticeNumber });
      return credits[0];
    },
    byDebtor: (debtorTaxCode, serviceCode) => lookup({ debtorTaxCode, serviceCode }),
    markPaid: async (notice: ConnectorPaidNotice) => void (await post('payments', notice, notice.paymentId)),
  };
}
