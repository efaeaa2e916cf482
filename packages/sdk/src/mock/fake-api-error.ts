import type { ErrorCode, FieldIssue } from '../contract/errors.js';

/** An error the fake answers with, as the reference server would: the catalogue gives status and messages. */
export class FakeApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(code);
  }
}
