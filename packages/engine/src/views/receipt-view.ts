import { formatRomeDateTime, type Receipt, type ReceiptVerification } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { Settings } from '../context.js';
import type { ReceiptRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';

/**
 * The sentence every receipt prints: who collected, for whom. A shop collects as agent of the
 * payment institution, which is why the comune need not appoint it agente contabile.
 */
export function collectionStatement(agentName: string | null, institutionName: string, comuneName: string): string {
  return agentName
    ? `Incassato da ${agentName} in qualità di agente di ${institutionName}, per conto di ${comuneName}.`
    : `Incassato da ${institutionName} per conto di ${comuneName}.`;
}

/** The receipt, as the API returns it and every format prints it. It carries the citizen-safe description only. */
export async function receiptView(
  tx: UnitOfWork,
  catalogue: (comuneId: string) => Promise<ComuneCatalogue | undefined>,
  settings: Settings,
  receipt: ReceiptRow,
): Promise<Receipt> {
  const payment = (await tx.payments.get(receipt.paymentId))!;
  const [credit, transfer, agent, catalogued] = await Promise.all([
    tx.credits.get(payment.comuneId, payment.creditId),
    tx.transfers.byPayment(payment.id),
    payment.agentId ? tx.agents.get(payment.agentId) : undefined,
    catalogue(payment.comuneId),
  ]);
  const { comune } = catalogued!;
  const service = catalogued!.serviceById(credit!.serviceId)!;
  return {
    id: receipt.id,
    number: receipt.number,
    verificationCode: receipt.verificationCode,
    verifyUrl: `${settings.publicUrl}/verifica/${receipt.verificationCode}`,
    issuedAt: receipt.issuedAt,
    issuedAtLocal: formatRomeDateTime(new Date(receipt.issuedAt)),
    comune: {
      name: comune.name,
      fiscalCode: comune.fiscalCode,
      ...(Object.values(comune.supportContacts).some(Boolean) && { contacts: comune.supportContacts }),
    },
    service: { code: service.code, name: service.name },
    description: credit!.publicDescription,
    noticeNumber: credit!.noticeNumber,
    iuv: credit!.iuv,
    amount: payment.amount,
    fee: payment.citizenFee,
    total: payment.amount + payment.citizenFee,
    currency: 'EUR',
    collectedBy: {
      agentName: agent?.name ?? null,
      agentAddress: agent?.address ?? null,
      onBehalfOf: settings.institutionName,
      statement: collectionStatement(agent?.name ?? null, settings.institutionName, comune.name),
    },
    paymentId: payment.id,
    transfer: { status: transfer!.status, bankReference: transfer!.bankReference },
  };
}

/** What anyone holding a receipt's code may learn: what the receipt says, no personal data. */
export function receiptVerification(receipt: Receipt): ReceiptVerification {
  return {
    valid: true,
    receipt: {
      number: receipt.number,
      issuedAt: receipt.issuedAt,
      comune: receipt.comune.name,
      noticeNumber: receipt.noticeNumber,
      total: receipt.total,
      bankReference: receipt.transfer.bankReference,
    },
  };
}
