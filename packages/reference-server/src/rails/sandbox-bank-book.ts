import Database from 'better-sqlite3';
import type { Rejection } from './transfer-validation.js';
import type { TransferOrder } from './transfer-rail.js';

export type BookedState = 'processing' | 'settled' | 'rejected';

/** One transfer as the sandbox bank booked it. */
export interface BookedTransfer {
  sequence: number;
  endToEndId: string;
  /** Cents as received; `null` when the order's amount was not a number at all. */
  amount: number | null;
  creditorIban: string;
  creditorName: string;
  remittance: string;
  state: BookedState;
  bankReference: string | null;
  reasonCode: string | null;
  reason: string | null;
  receivedAt: string;
  settledAt: string | null;
}

interface TransferRow {
  sequence: number;
  end_to_end_id: string;
  amount: number | null;
  creditor_iban: string;
  creditor_name: string;
  remittance: string;
  state: BookedState;
  bank_reference: string | null;
  reason_code: string | null;
  reason: string | null;
  received_at: string;
  settled_at: string | null;
}

const schema = `
CREATE TABLE IF NOT EXISTS transfers (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  end_to_end_id TEXT NOT NULL,
  amount INTEGER,
  creditor_iban TEXT NOT NULL,
  creditor_name TEXT NOT NULL,
  remittance TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'settled', 'rejected')),
  bank_reference TEXT UNIQUE,
  reason_code TEXT,
  reason TEXT,
  received_at TEXT NOT NULL,
  settled_at TEXT
);
CREATE INDEX IF NOT EXISTS transfers_by_end_to_end_id ON transfers (end_to_end_id, sequence);
`;

/**
 * The sandbox bank's own books, in its own SQLite file, so that they outlive a server restart.
 * Booking never deduplicates: a bank books every transfer it receives.
 */
export class SandboxBankBook {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(schema);
  }

  /** Books a transfer as received: processing, or rejected at once when `rejection` is given. */
  receive(order: TransferOrder, receivedAt: Date, rejection: Rejection | null): BookedTransfer {
    const result = this.db
      .prepare(
        `INSERT INTO transfers (end_to_end_id, amount, creditor_iban, creditor_name, remittance, state, reason_code, reason, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        order.endToEndId,
        Number.isFinite(order.amount) ? order.amount : null,
        order.creditorIban,
        order.creditorName,
        order.remittance,
        rejection ? 'rejected' : 'processing',
        rejection?.reasonCode ?? null,
        rejection?.reason ?? null,
        receivedAt.toISOString(),
      );
    return this.bySequence(Number(result.lastInsertRowid));
  }

  /** Settles a processing transfer and gives it its bank reference: `PBXSBX` + date + sequence (26 characters). */
  settle(sequence: number, settledAt: Date): BookedTransfer {
    const date = settledAt.toISOString().slice(0, 10).replaceAll('-', '');
    const bankReference = `PBXSBX${date}${String(sequence).padStart(12, '0')}`;
    this.db
      .prepare(`UPDATE transfers SET state = 'settled', bank_reference = ?, settled_at = ? WHERE sequence = ? AND state = 'processing'`)
      .run(bankReference, settledAt.toISOString(), sequence);
    return this.bySequence(sequence);
  }

  bySequence(sequence: number): BookedTransfer {
    const [transfer] = this.select('WHERE sequence = ?', sequence);
    if (!transfer) throw new Error(`no transfer booked with sequence ${sequence}`);
    return transfer;
  }

  /** Every transfer booked with this EndToEndId, oldest first. */
  transfersFor(endToEndId: string): BookedTransfer[] {
    return this.select('WHERE end_to_end_id = ?', endToEndId);
  }

  allTransfers(): BookedTransfer[] {
    return this.select('');
  }

  processingTransfers(): BookedTransfer[] {
    return this.select(`WHERE state = 'processing'`);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private select(where: string, ...params: Array<string | number>): BookedTransfer[] {
    const rows = this.db.prepare(`SELECT * FROM transfers ${where} ORDER BY sequence`).all(...params) as TransferRow[];
    return rows.map(toBookedTransfer);
  }
}

function toBookedTransfer(row: TransferRow): BookedTransfer {
  return {
    sequence: row.sequence,
    endToEndId: row.end_to_end_id,
    amount: row.amount,
    creditorIban: row.creditor_iban,
    creditorName: row.creditor_name,
    remittance: row.remittance,
    state: row.state,
    bankReference: row.bank_reference,
    reasonCode: row.reason_code,
    reason: row.reason,
    receivedAt: row.received_at,
    settledAt: row.settled_at,
  };
}
