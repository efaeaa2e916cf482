import { parsed, rejected, type Parsed } from './result.js';

/**
 * pagoPA notice number (codice avviso): 18 digits. Pay-Box generates aux digit 3:
 * `3` + segregation code (2) + IUV base (13) + check digits (2), where the check digits are
 * the first 16 digits read as an integer modulo 93. Older aux digits (0, 1, 2) are accepted.
 */
export interface NoticeNumber {
  /** The 18 digits, without spaces. */
  noticeNumber: string;
  auxDigit: 0 | 1 | 2 | 3;
  /** Only for aux digit 3: the comune's segregation code. */
  segregationCode: string | null;
  /** Identificativo Unico di Versamento: the notice number without its aux digit (and application code, for aux 0). */
  iuv: string;
}

export type NoticeNumberProblem = 'not_digits' | 'wrong_length' | 'unknown_aux_digit' | 'wrong_check_digits';

const CHECK_MODULUS = 93n;

/** Two check digits for the first 16 digits of a notice number. */
export function noticeCheckDigits(first16: string): string {
  return (BigInt(first16) % CHECK_MODULUS).toString().padStart(2, '0');
}

/** Builds an aux-3 notice number from a 2-digit segregation code and a 13-digit IUV base. */
export function makeNoticeNumber(segregationCode: string, iuvBase: string): string {
  if (!/^\d{2}$/.test(segregationCode)) throw new RangeError('segregationCode must be 2 digits');
  if (!/^\d{13}$/.test(iuvBase)) throw new RangeError('iuvBase must be 13 digits');
  const first16 = `3${segregationCode}${iuvBase}`;
  return first16 + noticeCheckDigits(first16);
}

/** Accepts the digits as printed (spaces, dots and dashes between groups are ignored). */
export function parseNoticeNumber(input: string): Parsed<NoticeNumber, NoticeNumberProblem> {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(digits)) {
    return rejected('not_digits', 'A notice number contains digits only.');
  }
  if (digits.length !== 18) {
    return rejected('wrong_length', `A notice number has 18 digits; this one has ${digits.length}.`);
  }
  const aux = Number(digits[0]);
  if (aux > 3) {
    return rejected('unknown_aux_digit', `A notice number starts with 0, 1, 2 or 3, not ${aux}.`);
  }
  // Aux digit 1 carries no check digits; every other form ends with the first 16 digits mod 93.
  if (aux !== 1 && noticeCheckDigits(digits.slice(0, 16)) !== digits.slice(16)) {
    return rejected('wrong_check_digits', 'The check digits do not match: re-read the notice number.');
  }
  return parsed({
    noticeNumber: digits,
    auxDigit: aux as NoticeNumber['auxDigit'],
    segregationCode: aux === 3 ? digits.slice(1, 3) : null,
    iuv: aux === 0 ? digits.slice(3) : digits.slice(1),
  });
}

export function isNoticeNumber(input: string): boolean {
  return parseNoticeNumber(input).ok;
}
