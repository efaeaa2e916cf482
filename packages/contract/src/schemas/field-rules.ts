import { plainTextProblem, romeDate } from '../domain/index.js';
import type { FieldIssue } from './errors.js';
import type { AmountRule, FieldDefinition } from './services.js';

/** Values entered for an unexpected credit, by field name. */
export type FieldValues = Record<string, string | number>;

/** Today in Rome, YYYY-MM-DD: the day rules about dates are judged on. */
const todayInRome = () => romeDate(new Date());

/**
 * Checks values against a service's field definitions (GET /v1/services): the clean values, or
 * the issues with paths like `fields.squareMeters`. A POS can run it before sending; the server runs
 * it again. `today` (YYYY-MM-DD, Rome) judges date fields that may not be in the future.
 */
export function validateFields(definitions: FieldDefinition[], input: FieldValues, today: string = todayInRome()): { values: FieldValues; issues: FieldIssue[] } {
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
    const checked = checkValue(definition, raw, today);
    if (typeof checked === 'string') issues.push({ path, message: checked });
    else values[definition.name] = checked.value;
  }
  return { values, issues };
}

function checkValue(definition: FieldDefinition, raw: string | number, today: string): { value: string | number } | string {
  switch (definition.type) {
    case 'integer':
    case 'decimal': {
      // Plain decimals only, with a dot or an Italian comma: Number() alone would take "0x10" or "1e1".
      const value = typeof raw === 'number' ? raw : /^-?\d+([.,]\d+)?$/.test(raw.trim()) ? Number(raw.trim().replace(',', '.')) : Number.NaN;
      if (!Number.isFinite(value)) return 'must be a number';
      if (definition.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (definition.min !== undefined && value < definition.min) return `must be at least ${definition.min}`;
      if (definition.max !== undefined && value > definition.max) return `must be at most ${definition.max}`;
      return { value };
    }
    case 'date': {
      const value = String(raw);
      if (!isCalendarDate(value)) return 'must be a date, YYYY-MM-DD';
      if (definition.notAfterToday && value > today) return 'must not be after today';
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
      // The same check as the request schema's, so a POS that runs this agrees with the server.
      const problem = plainTextProblem(value);
      if (problem) return problem;
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

/** Units a perUnit rule counts: square metres rounded up when the rule says so. */
function countedUnits(rule: Extract<AmountRule, { type: 'perUnit' }>, values: FieldValues): number {
  const units = Number(values[rule.unitField]);
  return rule.rounding === 'up' ? Math.ceil(units) : units;
}

type TableRule = Extract<AmountRule, { type: 'table' }>;

const DAY_MS = 86_400_000;

/** Whole days from one calendar day to another (both YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** A table rule's amount for these values: the row's, reduced when paid within the days the rule allows. */
function tableAmount(rule: TableRule, values: FieldValues, today: string): { full: number; amount: number; reduced: boolean } | null {
  const full = rule.amounts[String(values[rule.keyField])];
  if (full === undefined) return null;
  const { reduction } = rule;
  const from = reduction && values[reduction.fromField];
  const days = typeof from === 'string' ? daysBetween(from, today) : Number.NaN;
  const reduced = reduction !== undefined && days >= 0 && days <= reduction.withinDays;
  return { full, amount: reduced ? Math.round((full * (100 - reduction.percent)) / 100) : full, reduced };
}

/**
 * The amount a rule sets for these values, in cents; null for a range, where the caller chooses.
 * `today` (YYYY-MM-DD, Rome, the day of payment) decides a date-dependent reduction.
 */
export function expectedAmount(rule: AmountRule, values: FieldValues, today: string = todayInRome()): number | null {
  switch (rule.type) {
    case 'fixed':
      return rule.amount;
    case 'range':
      return null;
    case 'perUnit':
      return Math.round(countedUnits(rule, values) * rule.unitAmount);
    case 'table':
      return tableAmount(rule, values, today)?.amount ?? null;
  }
}

/**
 * What is wrong with an amount under a service's amount rule: null when it follows the rule,
 * otherwise the expected amount or the bounds (the `details` of amount_out_of_bounds). `today`
 * (YYYY-MM-DD, Rome, the day of payment) decides a date-dependent reduction.
 */
export function checkAmount(rule: AmountRule, amount: number, values: FieldValues, today: string = todayInRome()): Record<string, unknown> | null {
  switch (rule.type) {
    case 'fixed':
      return amount === rule.amount ? null : { expected: rule.amount };
    case 'range':
      return amount >= rule.min && amount <= rule.max ? null : { min: rule.min, max: rule.max };
    case 'perUnit': {
      const expected = expectedAmount(rule, values);
      return amount === expected ? null : { expected, units: countedUnits(rule, values), unitAmount: rule.unitAmount };
    }
    case 'table': {
      const expected = tableAmount(rule, values, today);
      if (!expected) return { expected: null, [rule.keyField]: values[rule.keyField] ?? null };
      return amount === expected.amount ? null : { expected: expected.amount, fullAmount: expected.full, reduced: expected.reduced };
    }
  }
}

/**
 * The causale of an unexpected credit when the caller gives none: the service and the values that
 * identify it, labelled in Italian for the comune's books (`Canone mercatale - spunta: Mercato
 * GIOVEDI-CENTRO, Data di occupazione 2026-11-26, ...`), at most 140 characters.
 */
export function unexpectedCreditDescription(serviceName: string, definitions: FieldDefinition[], values: FieldValues): string {
  const parts = definitions.filter((definition) => values[definition.name] !== undefined).map((definition) => `${definition.label.it} ${values[definition.name]}`);
  const full = `${serviceName}: ${parts.join(', ')}`;
  // Cut between code points: half of a surrogate pair (a 𠮷 in a text field) is not Unicode.
  return full.length <= 140 ? full : `${full.slice(0, 137).replace(/[\ud800-\udbff]$/, '').trimEnd()}...`;
}
