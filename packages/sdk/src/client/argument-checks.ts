import type { FieldIssue } from '@pay-box/contract';
import { plainTextProblem } from '@pay-box/contract/domain';
import { invalidArgumentMessages } from './client-messages.js';
import { PayBoxValidationError } from './errors.js';
import type { Locale } from './types.js';

/**
 * Light checks of arguments before any request, so a mistake costs no round trip and never
 * reaches a payment. The server checks everything again; these only catch what is surely wrong,
 * without pulling zod into a browser bundle. Each check returns the problem, or null.
 */
export type Problem = string | null;

/** Throws a validation_failed error naming every field that has a problem. */
export function rejectInvalid(locale: Locale, checks: Array<[path: string, problem: Problem]>): void {
  const issues: FieldIssue[] = checks.flatMap(([path, message]) => (message === null ? [] : [{ path, message }]));
  if (issues.length > 0) throw invalidArguments(locale, issues);
}

/** Throws a validation_failed error for one field. */
export function fail(locale: Locale, path: string, problem: string): never {
  throw invalidArguments(locale, [{ path, message: problem }]);
}

function invalidArguments(locale: Locale, issues: FieldIssue[]): PayBoxValidationError {
  return new PayBoxValidationError({
    code: 'validation_failed',
    status: null,
    requestId: null,
    details: issues,
    messages: invalidArgumentMessages(issues),
    locale,
    idempotencyKey: null,
  });
}

/** One line of text, trimmed as the server keeps it: no controls or bidi formatting (the server's own check). */
export function textProblem(value: unknown, { min = 1, max }: { min?: number; max: number }): Problem {
  if (typeof value !== 'string') return 'must be a string';
  const text = value.trim();
  if (text.length < min) return min === 1 ? 'is required' : `must be at least ${min} characters`;
  return text.length > max ? `must be at most ${max} characters` : plainTextProblem(text);
}

export function idProblem(value: unknown, prefix: string): Problem {
  return typeof value === 'string' && new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`).test(value) ? null : `must be an id starting with ${prefix}_`;
}

/** A positive amount in integer euro cents, up to EUR 999,999.99. */
export function amountProblem(value: unknown): Problem {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer number of euro cents (1250 is EUR 12.50)';
  return value < 1 || value > 99_999_999 ? 'must be between 1 and 99999999 cents' : null;
}

/** Shape only (16 characters or 11 digits); the check characters are the server's job. */
export function taxCodeProblem(value: unknown): Problem {
  if (typeof value !== 'string') return 'must be a string';
  return /^([A-Z0-9]{16}|\d{11})$/i.test(value.replace(/\s/g, '')) ? null : 'must be a codice fiscale (16 characters) or a partita IVA (11 digits)';
}

export function serviceCodeProblem(value: unknown): Problem {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(value) ? null : 'must be a service code such as TARI';
}

export function isoDateProblem(value: unknown): Problem {
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March: the round trip catches days that do not exist.
  return Number.isNaN(time) || !new Date(time).toISOString().startsWith(value as string) ? 'must be a calendar date, YYYY-MM-DD' : null;
}

export function idempotencyKeyProblem(value: unknown): Problem {
  if (value === undefined) return null;
  return typeof value === 'string' && /^[\x21-\x7E]{1,255}$/.test(value) ? null : 'must be 1 to 255 visible ASCII characters';
}

/** Values for a service's fields: short names, text up to 500 characters or finite numbers. */
export function fieldValuesProblem(value: unknown): Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of field values';
  for (const [name, fieldValue] of Object.entries(value)) {
    if (name.length > 40) return `field name ${name.slice(0, 40)}... is longer than 40 characters`;
    const fits = typeof fieldValue === 'string' ? fieldValue.length <= 500 : typeof fieldValue === 'number' && Number.isFinite(fieldValue);
    if (!fits) return `${name} must be text up to 500 characters or a number`;
    const problem = typeof fieldValue === 'string' ? plainTextProblem(fieldValue.trim()) : null;
    if (problem) return `${name} ${problem}`;
  }
  return null;
}

/** The API's address: http or https, with a host. */
export function httpUrlProblem(value: unknown): Problem {
  return typeof value === 'string' && /^https?:\/\/[^/\s]+[^\s]*$/.test(value) ? null : 'must be an http(s) URL such as https://paybox.example.it';
}
