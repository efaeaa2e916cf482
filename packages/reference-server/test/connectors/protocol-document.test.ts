import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validate } from '@readme/openapi-parser';
import { connectorLookupRequestSchema, connectorLookupResponseSchema, connectorPaidNoticeSchema } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const documentPath = fileURLToPath(new URL('../../../../docs/connector-protocol.openapi.yaml', import.meta.url));

interface Operation {
  requestBody: { content: { 'application/json': { example?: unknown; examples?: Record<string, { value: unknown }> } } };
  responses: Record<string, { content?: { 'application/json': { example: unknown } } }>;
}

/** The protocol a software house implements: a valid OpenAPI document whose examples are what Pay-Box sends and accepts. */
describe('docs/connector-protocol.openapi.yaml', () => {
  const document = parse(readFileSync(documentPath, 'utf8')) as { paths: Record<string, { post: Operation }> };

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(documentPath);
    expect(result.valid, JSON.stringify(result)).toBe(true);
  });

  it('shows lookups and answers that the connector accepts, and a paid notice as Pay-Box sends it', () => {
    const lookup = document.paths['/lookup']!.post;
    for (const { value } of Object.values(lookup.requestBody.content['application/json'].examples!)) expect(connectorLookupRequestSchema.safeParse(value).success, JSON.stringify(value)).toBe(true);
    expect(connectorLookupResponseSchema.parse(lookup.responses['200']!.content!['application/json'].example).credits).toHaveLength(1);
    const paid = document.paths['/payments']!.post;
    expect(connectorPaidNoticeSchema.safeParse(paid.requestBody.content['application/json'].example).success).toBe(true);
  });
});
