import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { bookedTransfer, type BankBook, type BookedState, type BookedTransfer, type Booking, type TransferOrder } from '@pay-box/engine';
import { WalCheckpointer } from '../stores/sqlite/wal-checkpointer.js';
import { useWal } from '../stores/sqlite/wal-mode.js';

const BUSY_TIMEOUT_MS = 5_000;

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

interface PendingBooking {
  order: TransferOrder;
  receivedAt: Date;
  booking: Booking;
  resolve: (transfer: BookedTransfer) => void;
  reject: (error: unknown) => void;
}

/**
 * The sandbox bank's books in their own SQLite file, so that they outlive a server restart, tests
 * can check that each payment reached "the bank" at most once, and the instances of one machine that
 * share a PostgreSQL database share one bank too. It stands in for a remote bank, so it is given a
 * cheaper durability than Pay-Box's own data: WAL with synchronous=NORMAL survives a crash of the
 * process (what the tests do), not a power cut, and costs no fsync. The transfers booked in one turn
 * of the event loop are written together, in one transaction that numbers them under the write
 * lock, whichever process books them, before any of them is answered.
 */
export class SqliteBankBook implements BankBook {
  private readonly db: Database.Database;
  private readonly checkpointer: WalCheckpointer;
  private readonly statements;
  private readonly bookAll: (bookings: PendingBooking[]) => BookedTransfer[];
  private pending: PendingBooking[] = [];

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // Another instance may be booking, or opening the same new file, at the same moment.
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    useWal(this.db, BUSY_TIMEOUT_MS);
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(schema);
    // Its checkpoints too would make the event loop wait for the file's writes and fsync.
    this.checkpointer = new WalCheckpointer(this.db, file, BUSY_TIMEOUT_MS);
    this.statements = {
      insert: this.db.prepare(
        `INSERT INTO transfers (sequence, end_to_end_id, amount, creditor_iban, creditor_name, remittance, state, bank_reference, reason_code, reason, received_at, settled_at)
         VALUES (@sequence, @endToEndId, @amount, @creditorIban, @creditorName, @remittance, @state, @bankReference, @reasonCode, @reason, @receivedAt, @settledAt)`,
      ),
      settle: this.db.prepare(`UPDATE transfers SET state = 'settled', bank_reference = ?, settled_at = ? WHERE sequence = ? AND state = 'processing'`),
      bySequence: this.db.prepare(`SELECT * FROM transfers WHERE sequence = ?`),
      byEndToEndId: this.db.prepare(`SELECT * FROM transfers WHERE end_to_end_id = ? ORDER BY sequence`),
      accepted: this.db.prepare(`SELECT 1 FROM transfers WHERE end_to_end_id = ? AND state != 'rejected' LIMIT 1`).pluck(),
      all: this.db.prepare(`SELECT * FROM transfers ORDER BY sequence`),
      processing: this.db.prepare(`SELECT * FROM transfers WHERE state = 'processing' ORDER BY sequence`),
      last: this.db.prepare(`SELECT coalesce(max(sequence), 0) FROM transfers`).pluck(),
    };
    const bookAll = this.db.transaction((bookings: PendingBooking[]) => {
      let sequence = this.statements.last.get() as number;
      return bookings.map(({ order, receivedAt, booking }) => {
        const transfer = bookedTransfer(++sequence, order, receivedAt, booking);
        this.statements.insert.run(transfer);
        return transfer;
      });
    });
    // IMMEDIATE: the sequence is read under the write lock, so two processes never take the same one.
    this.bookAll = (bookings) => bookAll.immediate(bookings);
  }

  book(order: TransferOrder, receivedAt: Date, booking: Booking): Promise<BookedTransfer> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.writePending());
      this.pending.push({ order, receivedAt, booking, resolve, reject });
    });
  }

  settle(sequence: number, settledAt: Date, reference: string): BookedTransfer {
    this.writePending();
    this.statements.settle.run(reference, settledAt.toISOString(), sequence);
    this.checkpointer.committed();
    return this.bySequence(sequence);
  }

  /** Looks at the bookings of this turn too, without writing them: they stay one transaction. */
  hasAccepted(endToEndId: string): boolean {
    return (
      this.pending.some(({ order, booking }) => order.endToEndId === endToEndId && booking.state !== 'rejected') ||
      this.statements.accepted.get(endToEndId) !== undefined
    );
  }

  transfersFor(endToEndId: string): BookedTransfer[] {
    this.writePending();
    return (this.statements.byEndToEndId.all(endToEndId) as TransferRow[]).map(toBookedTransfer);
  }

  allTransfers(): BookedTransfer[] {
    this.writePending();
    return (this.statements.all.all() as TransferRow[]).map(toBookedTransfer);
  }

  processingTransfers(): BookedTransfer[] {
    this.writePending();
    return (this.statements.processing.all() as TransferRow[]).map(toBookedTransfer);
  }

  async close(): Promise<void> {
    this.writePending();
    await this.checkpointer.stop();
    if (this.db.open) this.db.close();
  }

  private writePending(): void {
    // Also before any read: what was booked is in the books, even within the turn that booked it.
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const booked = this.bookAll(batch);
      this.checkpointer.committed();
      batch.forEach((pending, at) => pending.resolve({ ...booked[at]! }));
    } catch (error) {
      batch.forEach((pending) => pending.reject(error));
    }
  }

  private bySequence(sequence: number): BookedTransfer {
    const row = this.statements.bySequence.get(sequence) as TransferRow | undefined;
    if (!row) throw new Error(`no transfer booked with sequence ${sequence}`);
    return toBookedTransfer(row);
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
