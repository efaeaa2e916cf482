import type { CreditStatus } from '@pay-box/contract';
import type { Channel, CreditRow } from './rows.js';

/** What staff add to a credit's row: when they last changed it, and why and when they cancelled it. */
export interface CreditStaffColumns {
  updatedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** A credit as the cruscotto reads it: the row the payment path knows, with the staff's columns. */
export type StaffCreditRow = CreditRow & CreditStaffColumns;

/** Filters of the credit list; null leaves a filter out. `q` matches a notice number, a tax code (both exact) or part of the name. */
export interface CreditFilter {
  status: CreditStatus | null;
  serviceId: string | null;
  q: string | null;
  dueFrom: string | null;
  dueTo: string | null;
}

/** Where a page of a newest-first list ends: the last row's instant and id. */
export interface PageMark {
  at: string;
  id: string;
}

/** What staff may change of an open credit: the row's values after the change. */
export type OpenCreditChange = Pick<CreditRow, 'debtorType' | 'debtorTaxCode' | 'debtorName' | 'description' | 'publicDescription' | 'amount' | 'dueDate'>;

/** What an import compares a new row with to find it is there already. */
export type CreditKey = Pick<CreditRow, 'noticeNumber' | 'serviceId' | 'debtorTaxCode' | 'description' | 'amount' | 'dueDate' | 'status'>;

/** An unexpected credit registered in the comune's books (accertamento). */
export interface UnexpectedCreditRegistrationRow {
  creditId: string;
  comuneId: string;
  accertamentoNumber: string;
  budgetChapter: string;
  /** Email of the staff member who registered it. */
  registeredBy: string;
  registeredAt: string;
}

/** An unexpected credit with the payment that opened and closed it, and its registration if any. */
export interface UnexpectedCreditQueueRow {
  credit: StaffCreditRow;
  payment: { id: string; createdAt: string; channel: Channel; agentName: string | null };
  registration: UnexpectedCreditRegistrationRow | null;
}

/** The gestionale's reads and writes: credits as staff manage them, and unexpected credits' registrations. */
export interface GestionaleRepository {
  credit(comuneId: string, id: string): Promise<StaffCreditRow | undefined>;
  /** Newest first (created_at, then id, descending), after `after` when given. */
  listCredits(comuneId: string, filter: CreditFilter, after: PageMark | null, limit: number): Promise<StaffCreditRow[]>;
  /** Every credit of the comune as an import compares new rows with it. */
  creditKeys(comuneId: string): Promise<CreditKey[]>;
  /** Rewrites what staff may change of a credit still open. False when it is not open (any more). */
  updateOpenCredit(comuneId: string, id: string, change: OpenCreditChange, updatedAt: string): Promise<boolean>;
  /** Cancels a credit still open. False when it is not open (any more). */
  cancelOpenCredit(comuneId: string, id: string, reason: string, at: string): Promise<boolean>;
  /** Paid unexpected credits, newest payment first, after `after` (the payment's instant and the credit's id). `registered` null: both. */
  unexpectedCredits(comuneId: string, registered: boolean | null, after: PageMark | null, limit: number): Promise<UnexpectedCreditQueueRow[]>;
  registration(comuneId: string, creditId: string): Promise<UnexpectedCreditRegistrationRow | undefined>;
  insertRegistration(row: UnexpectedCreditRegistrationRow): Promise<void>;
}
