import { maskName, maskTaxCode, type Credit } from '@pay-box/contract';
import { channelOf, type Principal } from '../auth/principal.js';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { CreditRow } from '../ports/rows.js';

/**
 * A credit as a key holder sees it. Keys reach shops and browsers, where anyone may stand: the
 * debtor is masked and only the citizen-safe description is shown (the comune's own text may name
 * family members and addresses). The fields of an unexpected credit go back to the shop that
 * entered them, never to a web page.
 */
export function creditView(row: CreditRow, catalogue: ComuneCatalogue, principal: Principal): Credit {
  const { comune } = catalogue;
  const service = catalogue.serviceById(row.serviceId)!;
  const fee = catalogue.fees(channelOf(principal)).citizenFee;
  return {
    id: row.id,
    comune: { id: comune.id, name: comune.name, fiscalCode: comune.fiscalCode },
    service: { code: service.code, name: service.name },
    description: row.publicDescription,
    amount: row.amount,
    fee,
    total: row.amount + fee,
    currency: 'EUR',
    dueDate: row.dueDate,
    status: row.status,
    noticeNumber: row.noticeNumber,
    iuv: row.iuv,
    debtor: { type: row.debtorType, name: maskName(row.debtorName), taxCode: maskTaxCode(row.debtorTaxCode), masked: true },
    unexpected: row.unexpected,
    fields: principal.kind === 'terminal' ? row.fields : null,
    paidAt: row.paidAt,
  };
}
