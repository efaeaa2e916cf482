import type { Receipt, ReceiptVerification } from '@pay-box/contract';
import { fail, idProblem, rejectInvalid, textProblem } from '../argument-checks.js';
import type { Transport } from '../transport.js';
import type { ReceiptTextFormat } from '../types.js';

export interface ReceiptsResource {
  /** The receipt as data: amounts, comune, who collected, and the transfer's CRO/TRN (null until the bank answers). */
  get(id: string): Promise<Receipt>;
  /** Ready to print: monospaced text for 58 mm (32 columns) or 80 mm (48 columns) thermal paper. */
  render(id: string, options: { format: ReceiptTextFormat }): Promise<string>;
  /** Ready to print or send: the PDF's bytes. */
  render(id: string, options: { format: 'pdf' }): Promise<Uint8Array>;
  /**
   * Checks that a receipt is genuine by the verification code printed on it (any case, dashes
   * optional). Needs no key: the API key is not sent. Unknown codes fail with `receipt_not_found`.
   */
  verify(code: string): Promise<ReceiptVerification>;
}

const TEXT_FORMATS: readonly string[] = ['text58', 'text80'];

export function receiptsResource(transport: Transport): ReceiptsResource {
  function render(id: string, options: { format: ReceiptTextFormat }): Promise<string>;
  function render(id: string, options: { format: 'pdf' }): Promise<Uint8Array>;
  async function render(id: string, options: { format: ReceiptTextFormat | 'pdf' }): Promise<string | Uint8Array> {
    const format = options?.format;
    rejectInvalid(transport.locale, [['id', idProblem(id, 'rcp')]]);
    const call = { operation: 'getReceipt', method: 'get', path: `v1/receipts/${id}`, searchParams: { format } } as const;
    if (format === 'pdf') return transport.bytes(call);
    if (!TEXT_FORMATS.includes(format)) fail(transport.locale, 'format', 'must be text58, text80 or pdf');
    return transport.text(call);
  }

  return {
    async get(id) {
      rejectInvalid(transport.locale, [['id', idProblem(id, 'rcp')]]);
      return transport.json<Receipt>({ operation: 'getReceipt', method: 'get', path: `v1/receipts/${id}` });
    },
    render,
    async verify(code) {
      rejectInvalid(transport.locale, [['code', textProblem(code, { min: 4, max: 40 })]]);
      return transport.json<ReceiptVerification>({
        operation: 'verifyReceipt',
        method: 'get',
        path: `v1/receipts/verify/${encodeURIComponent(code.trim())}`,
        anonymous: true,
      });
    },
  };
}
