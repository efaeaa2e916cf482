import type { TransferStatus } from '../contract/payments.js';
import type { Receipt, ReceiptVerification } from '../contract/receipts.js';
import { formatRomeDateTime } from './rome-time.js';

/**
 * The sentence every receipt prints: who collected, for whom. A shop collects as agent of the
 * payment institution, which is why the comune need not appoint it agente contabile.
 */
export function collectionStatement(agentName: string | null, institutionName: string, comuneName: string): string {
  return agentName
    ? `Incassato da ${agentName} in qualità di agente di ${institutionName}, per conto di ${comuneName}.`
    : `Incassato da ${institutionName} per conto di ${comuneName}.`;
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

/** Everything a receipt states, from wherever the caller keeps it. */
export interface ReceiptFacts {
  receipt: { id: string; number: string; verificationCode: string; issuedAt: string };
  /** Base URL of the server that verifies the code, without a trailing slash. */
  publicUrl: string;
  comune: { name: string; fiscalCode: string };
  service: { code: string; name: string };
  credit: { description: string; noticeNumber: string; iuv: string };
  payment: { id: string; amount: number; citizenFee: number };
  /** Null when no shop collected (web, app). */
  agent: { name: string; address: string } | null;
  institutionName: string;
  transfer: { status: TransferStatus; bankReference: string | null };
}

/** The receipt, as the API returns it and every format prints it. */
export function assembleReceipt(facts: ReceiptFacts): Receipt {
  const { receipt, comune, credit, payment, agent, institutionName } = facts;
  return {
    id: receipt.id,
    number: receipt.number,
    verificationCode: receipt.verificationCode,
    verifyUrl: `${facts.publicUrl}/v1/receipts/verify/${receipt.verificationCode}`,
    issuedAt: receipt.issuedAt,
    issuedAtLocal: formatRomeDateTime(new Date(receipt.issuedAt)),
    comune: { name: comune.name, fiscalCode: comune.fiscalCode },
    service: { code: facts.service.code, name: facts.service.name },
    description: credit.description,
    noticeNumber: credit.noticeNumber,
    iuv: credit.iuv,
    amount: payment.amount,
    fee: payment.citizenFee,
    total: payment.amount + payment.citizenFee,
    currency: 'EUR',
    collectedBy: {
      agentName: agent?.name ?? null,
      agentAddress: agent?.address ?? null,
      onBehalfOf: institutionName,
      statement: collectionStatement(agent?.name ?? null, institutionName, comune.name),
    },
    paymentId: payment.id,
    transfer: { status: facts.transfer.status, bankReference: facts.transfer.bankReference },
  };
}
