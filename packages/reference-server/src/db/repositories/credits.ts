import type { CreditStatus } from '@pay-box/sdk/contract';
import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export interface CreditRow {
  id: string;
  comuneId: string;
  serviceId: string;
  noticeNumber: string;
  iuv: string;
  debtorType: 'person' | 'company';
  debtorTaxCode: string;
  debtorName: string;
  description: string;
  amount: number;
  dueDate: string | null;
  status: CreditStatus;
  unexpected: boolean;
  fields: Record<string, string | number> | null;
  createdAt: string;
  paidAt: string | null;
}

type Raw = Omit<CreditRow, 'unexpected' | 'fields'> & { unexpected: number; fieldsJson: string | null };

const COLUMNS = `id, comune_id AS comuneId, service_id AS serviceId, notice_number AS noticeNumber, iuv,
  debtor_type AS debtorType, debtor_tax_code AS debtorTaxCode, debtor_name AS debtorName, description, amount,
  due_date AS dueDate, status, unexpected, fields_json AS fieldsJson, created_at AS createdAt, paid_at AS paidAt`;

const toRow = ({ unexpected, fieldsJson, ...rest }: Raw): CreditRow => ({
  ...rest,
  unexpected: unexpected === 1,
  fields: fieldsJson ? (JSON.parse(fieldsJson) as CreditRow['fields']) : null,
});

/** The built-in credit store: the comune's partite, when the comune keeps them in Pay-Box. */
export class CreditRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(comuneId: string, id: string): CreditRow | undefined {
    const raw = this.sql(`SELECT ${COLUMNS} FROM credits WHERE comune_id = ? AND id = ?`).get(comuneId, id) as Raw | undefined;
    return raw && toRow(raw);
  }

  byNoticeNumber(comuneId: string, noticeNumber: string): CreditRow | undefined {
    const raw = this.sql(`SELECT ${COLUMNS} FROM credits WHERE comune_id = ? AND notice_number = ?`).get(comuneId, noticeNumber) as Raw | undefined;
    return raw && toRow(raw);
  }

  byDebtor(comuneId: string, debtorTaxCode: string, serviceId: string): CreditRow[] {
    return (
      this.sql(`SELECT ${COLUMNS} FROM credits WHERE comune_id = ? AND debtor_tax_code = ? AND service_id = ? ORDER BY due_date, id`).all(
        comuneId,
        debtorTaxCode,
        serviceId,
      ) as Raw[]
    ).map(toRow);
  }

  openNoticeNumbers(comuneId: string, limit: number): string[] {
    return this.sql(`SELECT notice_number FROM credits WHERE comune_id = ? AND status = 'open' ORDER BY notice_number LIMIT ?`)
      .pluck()
      .all(comuneId, limit) as string[];
  }

  insert(row: CreditRow): void {
    this.sql(
      `INSERT INTO credits (id, comune_id, service_id, notice_number, iuv, debtor_type, debtor_tax_code, debtor_name, description,
         amount, due_date, status, unexpected, fields_json, created_at, paid_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.comuneId,
      row.serviceId,
      row.noticeNumber,
      row.iuv,
      row.debtorType,
      row.debtorTaxCode,
      row.debtorName,
      row.description,
      row.amount,
      row.dueDate,
      row.status,
      row.unexpected ? 1 : 0,
      row.fields ? JSON.stringify(row.fields) : null,
      row.createdAt,
      row.paidAt,
    );
  }

  /** Closes an open credit. False when it was not open any more: somebody else paid it first. */
  markPaid(id: string, paidAt: string): boolean {
    return this.sql(`UPDATE credits SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'open'`).run(paidAt, id).changes === 1;
  }
}
