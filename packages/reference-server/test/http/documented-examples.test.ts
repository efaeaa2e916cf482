import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface DocumentedOperation {
  operationId: string;
  security: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string; example?: string }>;
  requestBody?: { content: Record<string, { example?: unknown; schema: { type?: string } }> };
  responses: Record<string, unknown>;
}

/**
 * Every operation's example, exactly as the published OpenAPI document (and so the /docs page and
 * its curl lines) shows it, sent to a freshly seeded demo server: each one works.
 */
describe('the documented examples work against the demo server', () => {
  let server: TestServer;
  let operations: Array<{ method: string; path: string; operation: DocumentedOperation }>;
  beforeAll(async () => {
    server = await startTestServer();
    const document = (await server.api<{ paths: Record<string, Record<string, DocumentedOperation>> }>('/openapi.json', { key: null })).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method, path, operation })));
  });
  afterAll(() => server.dispose());

  it('documents an example for every parameter and body', () => {
    expect(operations.length).toBeGreaterThanOrEqual(9);
    for (const { operation } of operations) {
      for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path')) expect(parameter.example, `${operation.operationId} ${parameter.name}`).toBeDefined();
      // A JSON body has its example; a file upload may show one (its media types are free text).
      const json = operation.requestBody?.content['application/json'];
      if (json && json.schema.type !== 'string') expect(json.example, operation.operationId).toBeDefined();
    }
  });

  it.each(['lookupCredits', 'createPayment', 'getPayment', 'getReceipt', 'verifyReceipt', 'listServices', 'createUnexpectedCredit', 'getAgentBalance', 'getAgentReport'])(
    '%s: the example as documented gets its success status',
    async (operationId) => {
      const { method, path, operation } = operations.find((candidate) => candidate.operation.operationId === operationId)!;
      const example = (where: string) => operation.parameters.filter((parameter) => parameter.in === where && parameter.example !== undefined);
      const url = example('path').reduce((built, parameter) => built.replace(`{${parameter.name}}`, encodeURIComponent(parameter.example!)), path);
      const query = new URLSearchParams(example('query').map((parameter) => [parameter.name, parameter.example!])).toString();
      const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
      const key = schemes.includes('terminalKey') ? server.demo.terminalKey : schemes.includes('publishableKey') ? server.demo.publishableKey : null;
      const body = operation.requestBody?.content['application/json']?.example;
      const idempotent = operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key');

      const response = await server.api(`${url}${query ? `?${query}` : ''}`, {
        method: method.toUpperCase(),
        key,
        ...(body !== undefined && { body }),
        ...(idempotent && { idempotencyKey: randomUUID() }),
      });

      const success = Object.keys(operation.responses).find((status) => status.startsWith('2'));
      expect(response.status, `${operationId}: ${response.text}`).toBe(Number(success));
    },
  );
});
