import { receiptSchema, type Receipt } from '@pay-box/contract';

/** A receipt as the server issues it after a TARI payment at a tobacconist's, transfer settled. */
export function receiptFixture(overrides: Partial<Receipt> = {}): Receipt {
  return receiptSchema.parse({
    id: 'rcp_01JDX4Q7Z8K2M3N4P5',
    number: '2026-000123',
    verificationCode: '7K4M-9XQ2-HT3P',
    verifyUrl: 'https://paybox.example.it/verifica/7K4M-9XQ2-HT3P',
    issuedAt: '2026-11-26T09:42:00.000Z',
    issuedAtLocal: '26/11/2026 10:42',
    comune: { name: "Comune di Sant'Ambrogio di Torino", fiscalCode: '83000390019' },
    service: { code: 'TARI', name: 'Tassa sui rifiuti (TARI)' },
    description: 'TARI 2026 rata unica, utenza domestica via Roma 12',
    noticeNumber: '301000000000000144',
    iuv: '01000000000000144',
    amount: 1250,
    fee: 150,
    total: 1400,
    currency: 'EUR',
    collectedBy: {
      agentName: 'Tabaccheria Rossi di Mario Rossi',
      agentAddress: 'Via Garibaldi 15, 10139 Torino (TO)',
      onBehalfOf: 'Pay-Box Istituto di Pagamento S.p.A.',
      statement:
        "L'esercente incassa in qualità di agente dell'istituto di pagamento Pay-Box Istituto di Pagamento S.p.A.",
    },
    paymentId: 'pay_01JDX4Q7Z8K2M3N4P5',
    transfer: { status: 'settled', bankReference: 'BPPIITRRXXX20261126094200123IT' },
    ...overrides,
  });
}
