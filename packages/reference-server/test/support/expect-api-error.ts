import { errorBodySchema, errorCatalog, type ErrorBody, type ErrorCode } from '@pay-box/contract';
import { expect } from 'vitest';
import { operations, type OperationId } from '@pay-box/api';
import type { ApiResponse, TestServer } from './test-server.js';

/** One call through `TestServer.api`: the path and its options. */
export type ApiRequest = NonNullable<Parameters<TestServer['api']>[1]> & { path: string };

export interface ExpectedError {
  code: ErrorCode;
  /** The operation called: its documented `errors` must list the code. Omitted for unknown routes. */
  operation?: OperationId;
  /** For validation_failed: the dotted path of the field at fault ('' for the body as a whole). */
  field?: string;
}

/**
 * The error contract every refusal keeps: a 4xx with the catalogue's status, the body
 * `{ error: { code, message, messageIt, details?, requestId } }` with nothing else, the request id
 * echoed in X-Request-Id, and a code the OpenAPI document lists for the operation.
 */
export function expectApiError(response: ApiResponse, { code, operation, field }: ExpectedError): void {
  const status = errorCatalog[code].status;
  expect(status, 'refusals of bad input are 4xx').toBeLessThan(500);
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);

  const { error } = errorBodySchema.strict().parse(response.body);
  const { details, ...rest } = error;
  expect(rest).toEqual({ code, message: errorCatalog[code].en, messageIt: errorCatalog[code].it, requestId: response.headers.get('x-request-id') });
  expect(error.requestId).not.toBe('');

  if (operation) expect(operations[operation].errors as readonly ErrorCode[], `${operation} must document ${code}`).toContain(code);
  if (code === 'validation_failed') {
    expect(Array.isArray(details), 'validation_failed lists the fields at fault').toBe(true);
    if (field !== undefined) expect(details).toContainEqual({ path: field, message: expect.any(String) });
  }
}

/** Sends a request that must be refused, and checks that the refusal wrote nothing. */
export async function expectRefusedWithoutWrites(server: TestServer, { path, ...options }: ApiRequest, expected: ExpectedError): Promise<ApiResponse<ErrorBody>> {
  const before = await server.tableCounts();
  const response = await server.api<ErrorBody>(path, options);
  expectApiError(response, expected);
  expect(await server.tableCounts(), 'a refused request writes nothing').toEqual(before);
  return response;
}
