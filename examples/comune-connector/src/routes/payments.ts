import { connectorPaidNoticeSchema } from '@pay-box/sdk/contract';
import type { TributiContext } from '../context.js';
import { json, type Route } from '../http.js';
import { recordPayment } from '../payments.js';
import { verifySignedRequest } from '../signed-request.js';

/**
 * `POST /pay-box/payments`: Pay-Box collected a credit. Answers 200 only once the payment is
 * stored, and again for every repeat of the same payment id (Pay-Box retries until it gets a 2xx).
 */
export function paymentsRoute({ db, connectorSecret, log }: TributiContext): Route {
  return async (request) => {
    const signed = await verifySignedRequest(request, connectorSecret, connectorPaidNoticeSchema);
    if (!signed.ok) return signed.reply;
    const notice = signed.body;
    const { firstTime, problem } = recordPayment(db, notice, new Date());
    if (firstTime) log(`paid ${notice.noticeNumber} ${notice.serviceCode} ${notice.amount} cents, ${notice.paymentId}${problem ? ` (to check: ${problem})` : ''}`);
    else log(`paid ${notice.noticeNumber}: ${notice.paymentId} again, already recorded`);
    return json(200, { paymentId: notice.paymentId, recorded: firstTime ? 'now' : 'before', problem });
  };
}
