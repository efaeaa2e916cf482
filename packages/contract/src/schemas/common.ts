import { z } from 'zod';
import { isValidCompanyTaxCode, isValidPersonTaxCode, normalizeTaxCode, parseNoticeNumber } from '../domain/index.js';

/** Largest amount Pay-Box accepts in one payment: EUR 999,999.99. */
export const MAX_AMOUNT_CENTS = 99_999_999;

/** Integer euro cents. `1250` is EUR 12.50. */
export const centsSchema = z
  .number()
  .int('amounts are integer euro cents')
  .min(0)
  .max(MAX_AMOUNT_CENTS)
  .describe('Integer euro cents: 1250 is EUR 12.50.');

/** A positive amount to pay. */
export const payableCentsSchema = centsSchema.min(1, 'the amount must be at least 1 cent');

export const isoDateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD.');
export const isoDateTimeSchema = z.iso.datetime().describe('Instant, ISO 8601 in UTC.');

export const idSchema = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`), `expected an id starting with ${prefix}_`)
    .describe(`Identifier, prefixed \`${prefix}_\`.`);

export const noticeNumberSchema = z
  .string()
  .transform((value, ctx) => {
    const result = parseNoticeNumber(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
      return z.NEVER;
    }
    return result.value.noticeNumber;
  })
  .describe('pagoPA notice number (codice avviso): 18 digits; spaces between groups are ignored.');

export const noticeNumberOutSchema = z.string().regex(/^\d{18}$/).describe('pagoPA notice number, 18 digits.');

/** Person (16 characters) or company/public body (11 digits), with check characters. */
export const taxCodeSchema = z
  .string()
  .transform((value, ctx) => {
    const code = normalizeTaxCode(value);
    if (!isValidPersonTaxCode(code) && !isValidCompanyTaxCode(code)) {
      ctx.addIssue({ code: 'custom', message: 'not a valid Italian tax code (16-character codice fiscale or 11-digit partita IVA)' });
      return z.NEVER;
    }
    return code;
  })
  .describe('Italian tax code: codice fiscale (16 characters) or partita IVA (11 digits).');

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
