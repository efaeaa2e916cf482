import type { AmountRule, FieldDefinition, FieldIssue } from '@pay-box/sdk/contract';

export type FieldValues = Record<string, string | number>;

/** Checks submitted values against a service's field definitions; returns the clean values or the issues. */
export function validateFields(definitions: FieldDefinition[], input: FieldValues): { values: FieldValues; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const values: FieldValues = {};
  const known = new Set(definitions.map((definition) => definition.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) issues.push({ path: `fields.${name}`, message: 'unknown field for this service' });
  }
  for (const definition of definitions) {
    const path = `fields.${definition.name}`;
    const raw = input[definition.name];
    if (raw === undefined || raw === '') {
      if (definition.required) issues.push({ path, message: `${definition.label.en} is required` });
      continue;
    }
    const checked = checkValue(definition, raw);
    if (typeof checked === 'string') issues.push({ path, message: checked });
    else values[definition.name] = checked.value;
  }
  return { values, issues };
}

function checkValue(definition: FieldDefinition, raw: string | number): { value: string | number } | string {
  switch (definition.type) {
    case 'integer':
    case 'decimal': {
      const value = typeof raw === 'number' ? raw : Number(raw.replace(',', '.'));
      if (!Number.isFinite(value)) return 'must be a number';
      if (definition.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (definition.min !== undefined && value < definition.min) return `must be at least ${definition.min}`;
      if (definition.max !== undefined && value > definition.max) return `must be at most ${definition.max}`;
      return { value };
    }
    case 'date': {
      const value = String(raw);
      if (!isCalendarDate(value)) return 'must be a date, YYYY-MM-DD';
      return { value };
    }
    case 'select': {
      const value = String(raw);
      if (!definition.options?.some((option) => option.value === value)) {
        return `must be one of ${definition.options?.map((option) => option.value).join(', ')}`;
      }
      return { value };
    }
    case 'text': {
      const value = String(raw).trim();
      if (definition.maxLength !== undefined && value.length > definition.maxLength) return `must be at most ${definition.maxLength} characters`;
      if (definition.pattern !== undefined && !new RegExp(`^(?:${definition.pattern})$`).test(value)) return 'has the wrong format';
      return { value };
    }
  }
}

/** YYYY-MM-DD naming a real day: Date.parse alone rolls 2026-02-30 over to 2 March. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

/** The amount a rule expects, or the bounds it allows: null when the rule cannot be applied. */
export function checkAmount(rule: AmountRule, amount: number, values: FieldValues): Record<string, unknown> | null {
  switch (rule.type) {
    case 'fixed':
      return amount === rule.amount ? null : { expected: rule.amount };
    case 'range':
      return amount >= rule.min && amount <= rule.max ? null : { min: rule.min, max: rule.max };
    case 'perUnit': {
      const units = Number(values[rule.unitField]);
      const counted = rule.rounding === 'up' ? Math.ceil(units) : units;
      const expected = Math.round(counted * rule.unitAmount);
      return amount === expected ? null : { expected, units: counted, unitAmount: rule.unitAmount };
    }
  }
}
