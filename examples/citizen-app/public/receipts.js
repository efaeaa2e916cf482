// The citizen's receipts, kept on this device only (localStorage): readable offline, never sent anywhere.

const KEY = 'paybox-citizen-app:receipts:v1';

/**
 * @typedef {object} StoredReceipt
 * @property {string} sessionId       the checkout session (`cks_...`): one receipt per session
 * @property {string} number          receipt number, `2026-000123`
 * @property {string} verificationCode
 * @property {string} verifyUrl       the server's public check page, where the receipt's QR code leads
 * @property {string} noticeNumber
 * @property {string} description
 * @property {string | null} comune   the comune's name, when known
 * @property {number} amount          cents, to the comune
 * @property {number} fee             cents, the web fee
 * @property {number} total           cents, charged to the card
 * @property {string} paidAt          ISO instant
 * @property {string | null} bankReference  CRO/TRN of the transfer to the comune; null until the bank answers
 * @property {string} transferStatus  pending, settled, rejected
 */

/** @returns {StoredReceipt[]} newest first */
export function loadReceipts(storage = localStorage) {
  try {
    const list = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((item) => item && typeof item.sessionId === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds the receipt, or updates the one of the same session (a reload, a CRO/TRN that arrived). */
export function saveReceipt(receipt, storage = localStorage) {
  const others = loadReceipts(storage).filter((item) => item.sessionId !== receipt.sessionId);
  const list = [receipt, ...others].sort((a, b) => b.paidAt.localeCompare(a.paidAt));
  storage.setItem(KEY, JSON.stringify(list));
  return list;
}

/** The receipt as the app keeps it, from a succeeded checkout session (`paybox-payment-succeeded`). */
export function receiptFromSession(session, { apiUrl, comune }) {
  const payment = session.payment;
  return {
    sessionId: session.id,
    number: payment.receipt.number,
    verificationCode: payment.receipt.verificationCode,
    verifyUrl: new URL(`/verifica/${encodeURIComponent(payment.receipt.verificationCode)}`, apiUrl).href,
    noticeNumber: payment.noticeNumber,
    description: payment.description,
    comune: comune ?? null,
    amount: payment.amount,
    fee: payment.fee,
    total: payment.total,
    paidAt: payment.createdAt,
    bankReference: payment.transfer.bankReference,
    transferStatus: payment.transfer.status,
  };
}
