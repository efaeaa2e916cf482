import { compileErrors, validate } from '@readme/openapi-parser';
import { errorBodySchema, errorCatalog } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type OpenApiDocument, type OperationObject } from '../../src/openapi/document.js';
import { operations, type Operation } from '../../src/openapi/operations.js';

const document = buildOpenApiDocument({ serverUrl: 'https://paybox.example.it', version: '1.2.3' });
const allOperations: Operation[] = Object.values(operations);

function operationObject(operation: Operation): OperationObject {
  const found = document.paths[operation.path]?.[operation.method];
  if (!found) throw new Error(`${operation.method} ${operation.path} is missing`);
  return found;
}

/** Follows a local JSON pointer (`#/components/schemas/Payment`) through the document. */
function resolvePointer(root: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, segment) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined), root);
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, refs));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

const componentRef = (schema: { meta(): { id?: string } | undefined }) => ({ $ref: `#/components/schemas/${schema.meta()?.id}` });

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // Validate the JSON a client would download (the parser also dereferences in place, so it gets its own copy).
    const result = await validate(JSON.parse(JSON.stringify(document)));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Pay-Box API', version: '1.2.3' });
    expect(document.servers).toEqual([{ url: 'https://paybox.example.it' }]);
  });

  it('explains keys, idempotency, cents and errors in its description', () => {
    for (const topic of ['pk_', 'sk_', 'Idempotency-Key', 'integer euro cents', 'messageIt']) {
      expect(document.info.description).toContain(topic);
    }
  });

  it('declares both keys as bearer tokens', () => {
    expect(document.components.securitySchemes.publishableKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.publishableKey.description).toContain('pk_');
    expect(document.components.securitySchemes.terminalKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.terminalKey.description).toContain('sk_');
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(resolvePointer(document, ref), ref).toBeDefined();
  });

  it.each(allOperations.map((operation) => [operation.operationId, operation] as const))('publishes %s as the contract defines it', (_id, operation) => {
    const published = operationObject(operation);
    expect(published.operationId).toBe(operation.operationId);
    expect(published.tags).toEqual([operation.tag]);
    expect(published.security).toEqual(operation.security.map((scheme) => ({ [scheme]: [] })));

    if (operation.upload) {
      expect(Object.keys(published.requestBody!.content), 'a file upload publishes its media types').toEqual([...operation.upload.mediaTypes]);
    } else {
      const body = published.requestBody?.content['application/json']?.schema;
      expect(body).toEqual(operation.body ? componentRef(operation.body) : undefined);
    }

    const success = published.responses[String(operation.success.status)];
    const successSchema = operation.success.response.schema;
    expect(success?.content['application/json']?.schema).toEqual(successSchema ? componentRef(successSchema) : undefined);

    const errorStatuses = Object.keys(published.responses).filter((status) => !status.startsWith('2'));
    expect(errorStatuses.sort()).toEqual([...new Set(operation.errors.map((code) => String(errorCatalog[code].status)))].sort());
    for (const code of operation.errors) {
      const examples = published.responses[String(errorCatalog[code].status)]?.content['application/json']?.examples;
      expect(examples?.[code], code).toEqual({ $ref: `#/components/examples/${code}` });
    }
  });

  it('requires an Idempotency-Key header exactly on idempotent operations', () => {
    for (const operation of allOperations) {
      const header = operationObject(operation).parameters.find((parameter) => parameter.name === 'Idempotency-Key');
      expect(header?.required ?? false, operation.operationId).toBe(operation.idempotent);
      if (header) expect(header.in).toBe('header');
    }
  });

  it('documents path and query parameters from the zod objects, and the optional X-Request-Id', () => {
    const getReceipt = operationObject(operations.getReceipt);
    expect(getReceipt.parameters.find((parameter) => parameter.name === 'id')).toMatchObject({ in: 'path', required: true });
    expect(getReceipt.parameters.find((parameter) => parameter.name === 'format')).toMatchObject({
      in: 'query',
      required: false,
      schema: { enum: ['json', 'text58', 'text80', 'pdf'], default: 'json' },
    });
    expect(operationObject(operations.getAgentReport).parameters.find((parameter) => parameter.name === 'date')).toMatchObject({ in: 'query', required: true });
    for (const operation of allOperations) {
      const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const published = operationObject(operation).parameters;
      expect(published.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name)).toEqual(pathNames);
      expect(published.find((parameter) => parameter.name === 'X-Request-Id')).toMatchObject({ in: 'header', required: false });
    }
  });

  it('describes request bodies as callers send them, before transforms', () => {
    const lookup = document.components.schemas.CreditLookupRequest;
    expect(lookup?.properties?.noticeNumber).toMatchObject({ type: 'string' });
    expect(lookup?.additionalProperties).toBe(false);
    expect(document.components.schemas.PaymentCreateRequest?.required).toEqual(['creditId', 'amount']);
  });

  it('shares schemas with an id as components referenced from other schemas', () => {
    expect(document.components.schemas.Payment?.properties?.receipt).toEqual({ $ref: '#/components/schemas/ReceiptRef' });
    expect(document.components.schemas.UnexpectedCreditResult?.properties?.credit).toEqual({ $ref: '#/components/schemas/Credit' });
  });

  it('offers receipts as JSON, POS text and PDF', () => {
    const content = operationObject(operations.getReceipt).responses['200']?.content ?? {};
    expect(Object.keys(content)).toEqual(['application/json', 'text/plain; charset=utf-8', 'application/pdf']);
    expect(content['application/pdf']?.schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('gives an example error body per code, with the catalogue messages', () => {
    for (const [code, { en, it: italian }] of Object.entries(errorCatalog)) {
      const example = document.components.examples[code];
      expect(errorBodySchema.parse(example?.value).error).toMatchObject({ code, message: en, messageIt: italian });
    }
  });

  it('documents X-Request-Id everywhere, Idempotent-Replayed on idempotent operations and Retry-After on 429', () => {
    for (const operation of allOperations) {
      for (const [status, response] of Object.entries(operationObject(operation).responses)) {
        expect(response.headers['X-Request-Id'], `${operation.operationId} ${status}`).toBeDefined();
        expect(response.headers['Idempotent-Replayed'] !== undefined).toBe(operation.idempotent);
        expect(response.headers['Retry-After'] !== undefined).toBe(status === '429');
      }
    }
  });
});
