import { errorCatalog, type ErrorCode, type FieldIssue } from '@pay-box/sdk/contract';

/**
 * An error a caller can meet and act on. Thrown by services; the HTTP layer turns it into
 * `{ error: { code, message, messageIt, details } }` with the catalogue's status. Thrown inside
 * a write, it rolls the write back: a failed request changes nothing.
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
