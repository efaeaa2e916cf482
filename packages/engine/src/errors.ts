import { errorCatalog, type ErrorCode, type FieldIssue } from '@pay-box/contract';

/**
 * An error a caller can meet and act on, with a code from the contract's catalogue. Thrown inside
 * a unit of work, it rolls the unit back: a failed request changes nothing. The HTTP API turns it
 * into `{ error: { code, message, messageIt, details } }` with the catalogue's status.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(errorCatalog[code].en);
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

/** A broken rule of the money (postings that do not balance, a float below zero): a bug, never a user's error. */
export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';
}

/** A unit of work broke the storage port's rule (it awaited something other than its transaction): a bug. */
export class UnitOfWorkError extends Error {
  override readonly name = 'UnitOfWorkError';
}
