import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What the sandbox bank booked for an EndToEndId, read from its own file as an auditor would. */
export function bankBookings(dataDir: string, endToEndId: string): Array<{ state: string; bank_reference: string | null }> {
  const db = new Database(join(dataDir, 'sandbox-bank.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT state, bank_reference FROM transfers WHERE end_to_end_id = ?').all(endToEndId) as Array<{ state: string; bank_reference: string | null }>;
  } finally {
    db.close();
  }
}
