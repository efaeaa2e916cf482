import type { ConnectorCredit } from '@pay-box/sdk/contract';
import type { TributiDatabase } from './database.js';

/** A row of `credits`; the table's CHECK constraints keep `debtor_type` and `status` to these values. */
interface CreditRow {
  notice_number: string;
  service_code: string;
  debtor_type: ConnectorCredit['debtor']['type'];
  debtor_tax_code: string;
  debtor_name: string;
  description: string;
  public_description: string;
  amount: number;
  due_date: string | null;
  status: ConnectorCredit['status'];
  paid_at: string | null;
}

/** A credit as this office sees it: the protocol's fields and when Pay-Box (or the counter) collected it. */
export type TributiCredit = ConnectorCredit & { paidAt: string | null };

function toCredit(row: CreditRow): TributiCredit {
  return {
    noticeNumber: row.notice_number,
    serviceCode: row.service_code,
    debtor: { type: row.debtor_type, taxCode: row.debtor_tax_code, name: row.debtor_name },
    description: row.description,
    publicDescription: row.public_description,
    amount: row.amount,
    dueDate: row.due_date,
    status: row.status,
    paidAt: row.paid_at,
  };
}

/** Just the protocol's fields: what a lookup answers. */
export function toConnectorCredit({ paidAt: _paidAt, ...credit }: TributiCredit): ConnectorCredit {
  return credit;
}

export function insertCredit(db: TributiDatabase, credit: ConnectorCredit): void {
  db.prepare(
    `INSERT INTO credits (notice_number, service_code, debtor_type, debtor_tax_code, debtor_name, description, public_description, amount, due_date, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(credit.noticeNumber, credit.serviceCode, credit.debtor.type, credit.debtor.taxCode, credit.debtor.name, credit.description, credit.publicDescription, credit.amount, credit.dueDate, credit.status);
}

export function creditByNotice(db: TributiDatabase, noticeNumber: string): TributiCredit | undefined {
  const row = db.prepare<[string], CreditRow>('SELECT * FROM credits WHERE notice_number = ?').get(noticeNumber);
  return row && toCredit(row);
}

/** Every status: Pay-Box shows a paid one as paid, so that nobody pays it twice. The protocol allows 200 at most. */
export function creditsOfDebtor(db: TributiDatabase, debtorTaxCode: string, serviceCode: string): TributiCredit[] {
  return db
    .prepare<[string, string], CreditRow>('SELECT * FROM credits WHERE debtor_tax_code = ? AND service_code = ? ORDER BY due_date, notice_number LIMIT 200')
    .all(debtorTaxCode, serviceCode)
    .map(toCredit);
}

export function allCredits(db: TributiDatabase): TributiCredit[] {
  return db.prepare<[], CreditRow>('SELECT * FROM credits ORDER BY notice_number').all().map(toCredit);
}

/** Closes an open credit; a paid or cancelled one stays as it is. */
export function markCreditPaid(db: TributiDatabase, noticeNumber: string, paidAt: string): void {
  db.prepare("UPDATE credits SET status = 'paid', paid_at = ? WHERE notice_number = ? AND status = 'open'").run(paidAt, noticeNumber);
}
