import { msg } from '@lit/localize';
import type { QrProblem } from '@pay-box/sdk';

/** Why a typed or scanned notice cannot be looked up, in the citizen's language. */
export function noticeProblemMessage(problem: QrProblem): string {
  switch (problem) {
    case 'not_digits':
      return msg('Il codice avviso contiene solo cifre: ricontrollalo sull’avviso.', { id: 'notice.not_digits' });
    case 'wrong_length':
      return msg('Il codice avviso ha 18 cifre: ricontrollalo sull’avviso.', { id: 'notice.wrong_length' });
    case 'unknown_aux_digit':
      return msg('Il codice avviso inizia con 0, 1, 2 o 3: ricontrollalo sull’avviso.', { id: 'notice.unknown_aux_digit' });
    case 'wrong_check_digits':
      return msg('Le cifre di controllo non corrispondono: ricontrolla il codice avviso.', { id: 'notice.wrong_check_digits' });
    default:
      return msg('Questo non è il QR code di un avviso pagoPA.', { id: 'notice.not_pagopa' });
  }
}
