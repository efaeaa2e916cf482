import { describe, expect, it } from 'vitest';
import { operationExamples } from '../../src/openapi/examples.js';
import { operations, type Operation, type OperationId } from '../../src/openapi/operations.js';

const entries = (Object.keys(operations) as OperationId[]).map((id) => [id, operations[id] as Operation, operationExamples[id]] as const);

describe('request examples', () => {
  it.each(entries)('%s: the example passes the operation’s own validation', (_id, operation, example) => {
    if (operation.params) expect(operation.params.safeParse(example.params).error).toBeUndefined();
    if (operation.query) expect(operation.query.safeParse(example.query ?? {}).error).toBeUndefined();
    if (operation.body) expect(operation.body.safeParse(example.body).error).toBeUndefined();
    else expect(example.body).toBeUndefined();
  });
});
