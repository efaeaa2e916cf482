/** A credit to put in a generated statement: what the treasury's bank would report of one transfer. */
export interface FixtureEntry {
  /** Integer cents. */
  amount: number;
  /** YYYY-MM-DD. */
  bookedOn: string;
  endToEndId?: string | null;
  bankReference?: string | null;
  remittance: string;
  /** Who paid, as the bank names the ordering party. */
  debtorName?: string;
}

/** A transfer as Pay-Box sent it (a row of the `transfers` table, or the API's view of it). */
export interface SentTransfer {
  paymentId: string;
  amount: number;
  bankReference: string | null;
  remittance: string;
}

/** The entry the treasury books for a transfer Pay-Box sent, with every key matching may use. */
export const entryFor = (transfer: SentTransfer, bookedOn: string): FixtureEntry => ({
  amount: transfer.amount,
  bookedOn,
  endToEndId: transfer.paymentId,
  bankReference: transfer.bankReference,
  remittance: transfer.remittance,
  debtorName: 'PAY-BOX ISTITUTO DI PAGAMENTO',
});

/** Cents as the XML and CSV statements write them: `1250` -> `12.50`. */
export const euros = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
