import { asSchemaObject, type JsonSchema } from './document.js';

/** One line of a field table: a property, or the heading of one alternative of a union. */
export interface FieldRow {
  kind: 'field' | 'alternative';
  /** Where the field sits, e.g. `byService[].`; empty at the top level. */
  parentPath: string;
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description: string;
}

/** The JSON Schema components that `$ref`s point to. */
export type SchemaComponents = Record<string, JsonSchema>;

const componentPrefix = '#/components/schemas/';

function componentName(ref: string): string {
  return ref.startsWith(componentPrefix) ? ref.slice(componentPrefix.length) : ref;
}

function resolve(schema: JsonSchema, components: SchemaComponents): JsonSchema {
  return schema.$ref ? (components[componentName(schema.$ref)] ?? {}) : schema;
}

/** Union members, without the `null` of a nullable field. */
function alternatives(schema: JsonSchema): JsonSchema[] {
  return (schema.oneOf ?? schema.anyOf ?? []).filter((alternative) => alternative.type !== 'null');
}

/** A short human type: `string (date)`, `array of Credit`, `"open" | "paid"`, `integer or null`. */
export function typeLabel(schema: JsonSchema): string {
  if (schema.$ref) return componentName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map(typeLabel).join(' or ');
  if (schema.type === 'array') {
    return schema.items && !Array.isArray(schema.items) ? `array of ${typeLabel(asSchemaObject(schema.items))}` : 'array';
  }
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties !== undefined) {
    return `map of ${typeLabel(asSchemaObject(schema.additionalProperties))}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

/** zod writes the safe-integer range on every `.int()`; only bounds someone chose are worth showing. */
function isStatedBound(bound: number | undefined): bound is number {
  return bound !== undefined && Math.abs(bound) !== Number.MAX_SAFE_INTEGER;
}

/** Limits a caller must respect, in words; patterns are left out where a format already says it. */
function constraints(schema: JsonSchema): string[] {
  return [
    schema.pattern !== undefined && schema.format === undefined ? `pattern ${schema.pattern}` : '',
    schema.minLength !== undefined ? `at least ${schema.minLength} characters` : '',
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : '',
    isStatedBound(schema.minimum) ? `minimum ${schema.minimum}` : '',
    isStatedBound(schema.maximum) ? `maximum ${schema.maximum}` : '',
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
}

function describe(schema: JsonSchema, components: SchemaComponents): string {
  // A nullable field wraps its schema in anyOf [schema, null]: describe the schema inside.
  const members = alternatives(schema);
  const target = members.length === 1 && members[0] ? members[0] : schema;
  const description = schema.description ?? target.description ?? resolve(target, components).description ?? '';
  const limits = constraints(target);
  return limits.length > 0 ? `${description} (${limits.join('; ')})`.trim() : description;
}

/** What names an alternative of a union: its discriminator (`type = "fixed"`), else its position. */
function alternativeName(alternative: JsonSchema, index: number): string {
  for (const [name, property] of Object.entries(alternative.properties ?? {})) {
    const value = asSchemaObject(property).const;
    if (value !== undefined) return `when ${name} = ${JSON.stringify(value)}`;
  }
  return `option ${index + 1}`;
}

/**
 * Flattens a schema into rows, nested objects one level deeper than their parent. Components
 * already being expanded are not expanded again, so recursive schemas end.
 */
export function fieldRows(schema: JsonSchema, components: SchemaComponents, parentPath = '', depth = 0, expanding = new Set<string>()): FieldRow[] {
  if (schema.$ref) {
    if (expanding.has(schema.$ref)) return [];
    return fieldRows(resolve(schema, components), components, parentPath, depth, new Set([...expanding, schema.$ref]));
  }
  if (schema.type === 'array' && schema.items && !Array.isArray(schema.items)) {
    return fieldRows(asSchemaObject(schema.items), components, `${parentPath.replace(/\.$/, '')}[].`, depth, expanding);
  }
  const members = alternatives(schema);
  if (members.length === 1 && members[0]) return fieldRows(members[0], components, parentPath, depth, expanding);
  if (members.length > 1) {
    return members.flatMap((member, index) => {
      const heading: FieldRow = {
        kind: 'alternative',
        parentPath,
        name: alternativeName(resolve(member, components), index),
        depth,
        type: typeLabel(member),
        required: false,
        description: '',
      };
      return [heading, ...fieldRows(member, components, parentPath, depth + 1, expanding)];
    });
  }
  const required = schema.required ?? [];
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const propertySchema = asSchemaObject(property);
    const row: FieldRow = {
      kind: 'field',
      parentPath,
      name,
      depth,
      type: typeLabel(propertySchema),
      required: required.includes(name),
      description: describe(propertySchema, components),
    };
    return [row, ...fieldRows(propertySchema, components, `${parentPath}${name}.`, depth + 1, expanding)];
  });
}
