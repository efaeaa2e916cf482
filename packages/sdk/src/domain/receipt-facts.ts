import type { Receipt, ReceiptVerification } from '../contract/receipts.js';

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
