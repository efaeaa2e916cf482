import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/openapi/document.js';
import { fieldRows } from '../../src/openapi/schema-fields.js';

const { schemas } = buildOpenApiDocument({ serverUrl: 'http://localhost:3000', version: '0' }).components;

describe('fieldRows', () => {
  it('lists nested object fields one level deeper, with their parent path', () => {
    const rows = fieldRows({ $ref: '#/components/schemas/AgentBalance' }, schemas);
    expect(rows.find((row) => row.name === 'today')).toMatchObject({ depth: 0, type: 'object', required: true });
    expect(rows.find((row) => row.parentPath === 'today.' && row.name === 'date')).toMatchObject({ depth: 1, type: 'string (date)', required: true });
    expect(rows.find((row) => row.name === 'lastMovementAt')).toMatchObject({ type: 'string (date-time) or null', description: 'Instant, ISO 8601 in UTC.' });
    expect(rows.find((row) => row.name === 'balance')?.description).toContain('integer cents');
  });

  it('walks into array items and names the alternatives of a union by their discriminator', () => {
    const rows = fieldRows({ $ref: '#/components/schemas/ServiceList' }, schemas);
    expect(rows.find((row) => row.parentPath === 'data[].' && row.name === 'acceptsUnexpectedCredits')).toMatchObject({ type: 'boolean' });
    expect(rows.filter((row) => row.kind === 'alternative').map((row) => row.name)).toEqual([
      'when type = "fixed"',
      'when type = "range"',
      'when type = "perUnit"',
      'when type = "table"',
    ]);
    expect(rows.find((row) => row.name === 'unitAmount')).toMatchObject({ parentPath: 'data[].amountRule.', required: true });
  });

  it('stops at a component that refers to itself', () => {
    const components = { Node: { type: 'object' as const, properties: { name: { type: 'string' as const }, child: { $ref: '#/components/schemas/Node' } } } };
    expect(fieldRows({ $ref: '#/components/schemas/Node' }, components).map((row) => `${row.parentPath}${row.name}`)).toEqual(['name', 'child']);
  });
});
