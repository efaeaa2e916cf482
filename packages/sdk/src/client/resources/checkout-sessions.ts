import type { CheckoutSession, CheckoutSessionCreateRequest } from '@pay-box/contract';
import { amountProblem, fail, fieldValuesProblem, idProblem, rejectInvalid, serviceCodeProblem, taxCodeProblem, textProblem, type Problem } from '../argument-checks.js';
import type { Transport } from '../transport.js';
import type { ReceiptTextFormat } from '../types.js';

export interface CheckoutSessionsResource {
  /**
   * Starts a card payment of one credit from the comune's site (publishable key): the answer's `url`
   * is the acquirer's hosted card page, to send the browser to (`location.assign(session.url)`). The
   * acquirer sends it back to `returnUrl` with `paybox_checkout=<id>` added; read the session then.
   * Nothing is charged or locked until the card is authorised, and only one session can pay a credit.
   * Pass `creditId` for a credit the comune issued, or `unexpectedCredit` (service, debtor, fields) for
   * one it does not know yet, such as a fine paid from its pre-notice: that credit is opened and
   * closed when the card is authorised.
   */
  create(input: CheckoutSessionCreateRequest): Promise<CheckoutSession>;
  /** Where a card payment stands: open (see `lastDecline`), succeeded with its payment and receipt, already paid elsewhere, or expired. */
  retrieve(id: string): Promise<CheckoutSession>;
  /** The receipt of a session that succeeded, ready to print: text for 58 or 80 mm paper. */
  receipt(id: string, format: ReceiptTextFormat): Promise<string>;
  /** The receipt of a session that succeeded, as a PDF's bytes. */
  receipt(id: string, format: 'pdf'): Promise<Uint8Array>;
}

function returnUrlProblem(value: unknown): Problem {
  return typeof value === 'string' && /^https?:\/\/[^/\s]+[^\s]*$/.test(value) ? null : "must be an http(s) URL on one of the comune's allowed origins";
}

export function checkoutSessionsResource(transport: Transport): CheckoutSessionsResource {
  function receipt(id: string, format: ReceiptTextFormat): Promise<string>;
  function receipt(id: string, format: 'pdf'): Promise<Uint8Array>;
  async function receipt(id: string, format: ReceiptTextFormat | 'pdf'): Promise<string | Uint8Array> {
    rejectInvalid(transport.locale, [['id', idProblem(id, 'cks')]]);
    const call = { operation: 'getCheckoutReceipt', method: 'get', path: `v1/checkout-sessions/${id}/receipt`, searchParams: { format } } as const;
    if (format === 'pdf') return transport.bytes(call);
    if (format !== 'text58' && format !== 'text80') fail(transport.locale, 'format', 'must be text58, text80 or pdf');
    return transport.text(call);
  }

  return {
    async create(input) {
      const unexpected = input?.unexpectedCredit;
      rejectInvalid(transport.locale, [
        ['creditId', unexpected === undefined ? idProblem(input?.creditId, 'crd') : input.creditId === undefined ? null : 'send either creditId or unexpectedCredit'],
        ...(unexpected === undefined
          ? []
          : ([
              ['unexpectedCredit.serviceCode', serviceCodeProblem(unexpected.serviceCode)],
              ['unexpectedCredit.debtor.taxCode', taxCodeProblem(unexpected.debtor?.taxCode)],
              ['unexpectedCredit.debtor.name', textProblem(unexpected.debtor?.name, { min: 2, max: 120 })],
              ['unexpectedCredit.fields', fieldValuesProblem(unexpected.fields)],
            ] as Array<[string, Problem]>)),
        ['amount', amountProblem(input?.amount)],
        ['returnUrl', returnUrlProblem(input?.returnUrl)],
      ]);
      if (input.locale !== undefined && input.locale !== 'it' && input.locale !== 'en') fail(transport.locale, 'locale', 'must be it or en');
      const payable = unexpected
        ? { unexpectedCredit: { serviceCode: unexpected.serviceCode, debtor: { taxCode: unexpected.debtor.taxCode, name: unexpected.debtor.name }, fields: unexpected.fields } }
        : { creditId: input.creditId };
      return transport.json<CheckoutSession>({
        operation: 'createCheckoutSession',
        method: 'post',
        path: 'v1/checkout-sessions',
        body: { ...payable, amount: input.amount, returnUrl: input.returnUrl, locale: input.locale ?? transport.locale },
      });
    },
    async retrieve(id) {
      rejectInvalid(transport.locale, [['id', idProblem(id, 'cks')]]);
      return transport.json<CheckoutSession>({ operation: 'getCheckoutSession', method: 'get', path: `v1/checkout-sessions/${id}` });
    },
    receipt,
  };
}
