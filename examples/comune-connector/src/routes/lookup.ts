import { connectorLookupRequestSchema } from '@pay-box/sdk/contract';
import type { TributiContext } from '../context.js';
import { creditByNotice, creditsOfDebtor, toConnectorCredit } from '../credits.js';
import { json, type Route } from '../http.js';
import { verifySignedRequest } from '../signed-request.js';

/** `POST /pay-box/lookup`: one notice, or a debtor's credits of one service, in any status; an unknown notice is no credits. */
export function lookupRoute({ db, connectorSecret, log }: TributiContext): Route {
  return async (request) => {
    const signed = await verifySignedRequest(request, connectorSecret, connectorLookupRequestSchema);
    if (!signed.ok) return signed.reply;
    const query = signed.body;
    const credits = 'noticeNumber' in query ? [creditByNotice(db, query.noticeNumber)].filter((credit) => credit !== undefined) : creditsOfDebtor(db, query.debtorTaxCode, query.serviceCode);
    // A debtor's tax code stays out of the log: the notice number or the service say enough.
    log(`lookup ${'noticeNumber' in query ? query.noticeNumber : `by debtor, ${query.serviceCode}`}: ${credits.length} credit(s)`);
    return json(200, { credits: credits.map(toConnectorCredit) });
  };
}
