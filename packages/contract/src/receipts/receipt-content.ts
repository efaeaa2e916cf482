import type { Receipt } from '../schemas/receipts.js';
import { formatEuro } from '../domain/money.js';
import { toPrintable } from './printable-text.js';

/** A labelled value, or free text when `label` is null (the agent's statement). */
export interface ReceiptLine {
  label: string | null;
  value: string;
  /** Printed more visibly: the total. */
  strong: boolean;
}

export interface ReceiptSection {
  heading: string | null;
  lines: ReceiptLine[];
}

/** What every receipt format prints, in order; the text and PDF renderers only lay it out. */
export interface ReceiptContent {
  title: string;
  subtitle: string;
  sections: ReceiptSection[];
  /** Encoded in the QR code. */
  qrPayload: string;
}

const field = (label: string, value: string, strong = false): ReceiptLine => ({ label, value: toPrintable(value), strong });
const optionalField = (label: string, value: string | null): ReceiptLine[] => (value ? [field(label, value)] : []);

export function buildReceiptContent(receipt: Receipt): ReceiptContent {
  const { collectedBy } = receipt;
  return {
    title: 'Pay-Box',
    subtitle: 'Ricevuta di pagamento',
    sections: [
      {
        heading: null,
        lines: [field('Ricevuta n.', receipt.number), field('Data e ora', receipt.issuedAtLocal)],
      },
      {
        heading: 'Ente creditore',
        lines: [
          field('Comune', receipt.comune.name),
          field('Codice fiscale', receipt.comune.fiscalCode),
          ...optionalField('Email', receipt.comune.contacts?.email ?? null),
          ...optionalField('Telefono', receipt.comune.contacts?.phone ?? null),
          ...optionalField('Sito', receipt.comune.contacts?.url ?? null),
        ],
      },
      {
        heading: 'Pagamento',
        lines: [
          field('Servizio', receipt.service.name),
          field('Causale', receipt.description),
          field('Codice avviso', receipt.noticeNumber),
          field('IUV', receipt.iuv),
          field('Importo', formatEuro(receipt.amount)),
          field('Commissione', formatEuro(receipt.fee)),
          field('Totale', formatEuro(receipt.total), true),
        ],
      },
      {
        heading: 'Incassato da',
        lines: [
          ...optionalField('Esercente', collectedBy.agentName),
          ...optionalField('Indirizzo', collectedBy.agentAddress),
          field('Per conto di', collectedBy.onBehalfOf),
          { label: null, value: toPrintable(collectedBy.statement), strong: false },
        ],
      },
      {
        heading: 'Riferimenti',
        lines: [
          field('ID pagamento', receipt.paymentId),
          field('CRO/TRN', receipt.transfer.bankReference ?? (receipt.transfer.status === 'rejected' ? 'in verifica' : 'in attesa')),
          field('Codice di verifica', receipt.verificationCode),
          field('Verifica su', receipt.verifyUrl),
        ],
      },
    ],
    qrPayload: receipt.verifyUrl,
  };
}
