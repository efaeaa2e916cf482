import { connectorCreditSchema, type ConnectorCredit, type ConnectorPaidNotice } from '@pay-box/contract';
import { SourceUnavailableError, type ConnectorRow, type CreditConnector } from '@pay-box/engine';
import { callConnector, parseAnswer, type ConnectorAnswer, type ConnectorCall, type ConnectorHttp } from './connector-http.js';
import { gpdPositionPageSchema, gpdPositionSchema, type GpdInstallment, type GpdPaymentOption, type GpdPosition } from './gpd-schemas.js';

/** The most positions GPD returns in one page. */
const PAGE_SIZE = 50;

/**
 * NAV (and IUV) -> IUPD, per connector: GPD cannot read by notice number, so a lookup finds the
 * position in the organization's listing. Module-wide because a connector is opened per request.
 */
const navIndexes = new Map<string, Map<string, string>>();

/**
 * A comune's credits as debt positions on pagoPA's GPD. Reads use the v3 API (the only one that
 * returns the debtor), the write-back v1's setPaymentOptionAsAlreadyPaid (v3 has none); both live
 * under the same service path and subscription key, so `row.url` may name either version's base.
 * One GPD connector serves one Pay-Box service: every credit carries `serviceCodes[0]`.
 */
export function gpdConnector(http: ConnectorHttp, row: ConnectorRow, serviceCodes: string[]): CreditConnector {
  const serviceRoot: ConnectorRow = { ...row, url: row.url.replace(/\/v\d+\/*$/, '') };
  const indexKey = `${row.id} ${row.url} ${row.organizationFiscalCode ?? ''}`;
  const index = navIndexes.get(indexKey) ?? new Map<string, string>();
  navIndexes.set(indexKey, index);

  function organization(): string {
    if (!row.organizationFiscalCode) throw new SourceUnavailableError('disabled', `${row.name}: no organization fiscal code is configured for GPD`);
    return encodeURIComponent(row.organizationFiscalCode);
  }

  function serviceCode(): string {
    const code = serviceCodes[0];
    if (code === undefined) throw new SourceUnavailableError('disabled', `${row.name}: no Pay-Box service is assigned to this GPD connector`);
    return code;
  }

  /** One call, within what is left of the operation's time-out; a refused key is said as such. */
  async function call(deadline: number, request: ConnectorCall): Promise<ConnectorAnswer> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SourceUnavailableError('timeout', `${row.name} did not answer within ${row.timeoutMs} ms`);
    const headers = { accept: 'application/json', 'Ocp-Apim-Subscription-Key': row.secret, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) };
    const answer = await callConnector(http, { ...serviceRoot, timeoutMs: remaining }, { ...request, headers, accept: [401, 403, ...(request.accept ?? [])] });
    if (answer.status === 401 || answer.status === 403) {
      throw new SourceUnavailableError('http_status', `${row.name}: GPD refused the subscription key for organization ${row.organizationFiscalCode ?? ''} (HTTP ${answer.status})`);
    }
    return answer;
  }

  /** Every position of the organization, all pages, and the index rebuilt from them. */
  async function listAll(deadline: number): Promise<GpdPosition[]> {
    const positions: GpdPosition[] = [];
    for (let page = 0; ; page++) {
      const answer = await call(deadline, { method: 'GET', path: `v3/organizations/${organization()}/debtpositions?limit=${PAGE_SIZE}&page=${page}&orderby=IUPD&ordering=ASC` });
      const body = parseAnswer(row, answer, gpdPositionPageSchema);
      positions.push(...body.payment_position_list);
      if (page + 1 >= body.page_info.total_pages || body.payment_position_list.length === 0) break;
    }
    index.clear();
    for (const position of positions) {
      for (const installment of installmentsOf(position)) {
        index.set(installment.iuv, position.iupd);
        if (installment.nav) index.set(installment.nav, position.iupd);
      }
    }
    return positions;
  }

  /** The position by IUPD, fresh; undefined when GPD no longer has it. */
  async function readPosition(deadline: number, iupd: string): Promise<GpdPosition | undefined> {
    const answer = await call(deadline, { method: 'GET', path: `v3/organizations/${organization()}/debtpositions/${encodeURIComponent(iupd)}`, accept: [404] });
    return answer.status === 404 ? undefined : parseAnswer(row, answer, gpdPositionSchema);
  }

  return {
    async byNoticeNumber(noticeNumber) {
      const code = serviceCode();
      const deadline = Date.now() + row.timeoutMs;
      const iuv = noticeNumber.slice(1);
      const known = index.get(noticeNumber) ?? index.get(iuv);
      const fresh = known === undefined ? undefined : await readPosition(deadline, known);
      const holding = (position: GpdPosition) => findNotice(position, noticeNumber, iuv) !== undefined;
      const position = fresh && holding(fresh) ? fresh : (await listAll(deadline)).find(holding);
      const found = position && findNotice(position, noticeNumber, iuv);
      return position && found ? creditOf(row, code, position, found.option, found.installment) : undefined;
    },

    async byDebtor(debtorTaxCode, wantedServiceCode) {
      if (wantedServiceCode !== serviceCode()) return [];
      const taxCode = debtorTaxCode.trim().toUpperCase();
      const positions = await listAll(Date.now() + row.timeoutMs);
      return positions.flatMap((position) =>
        (position.paymentOption ?? [])
          .filter((option) => option.debtor.fiscalCode.trim().toUpperCase() === taxCode)
          .flatMap((option) => option.installments.map((installment) => creditOf(row, wantedServiceCode, position, option, installment)))
          .filter((credit) => credit !== undefined),
      );
    },

    async markPaid(notice: ConnectorPaidNotice) {
      // No service check here: a payment taken must be written back even if the service moved since.
      await call(Date.now() + row.timeoutMs, {
        method: 'POST',
        path: `v1/organizations/${organization()}/paymentoptions/paids/${encodeURIComponent(notice.noticeNumber)}`,
        body: JSON.stringify({ paymentDate: notice.paidAt }),
        // 409 "existing related payment found": already marked, i.e. our retry after a lost answer.
        accept: [409],
      });
    },
  };
}

function installmentsOf(position: GpdPosition): GpdInstallment[] {
  return (position.paymentOption ?? []).flatMap((option) => option.installments);
}

function findNotice(position: GpdPosition, nav: string, iuv: string): { option: GpdPaymentOption; installment: GpdInstallment } | undefined {
  for (const option of position.paymentOption ?? []) {
    const installment = option.installments.find((candidate) => candidate.nav === nav || candidate.iuv === iuv);
    if (installment) return { option, installment };
  }
  return undefined;
}

const PAID_INSTALLMENT = new Set<GpdInstallment['status']>(['PAID', 'PARTIALLY_REPORTED', 'REPORTED']);

/**
 * What Pay-Box may do with an instalment. A DRAFT position, or a PUBLISHED one before its validity
 * date, is not yet a credit: the comune may still change it and nobody may pay it, yet it was
 * not withdrawn either, so it reads as unknown (undefined) rather than cancelled.
 */
function creditStatus(position: GpdPosition, option: GpdPaymentOption, installment: GpdInstallment): ConnectorCredit['status'] | undefined {
  if (PAID_INSTALLMENT.has(installment.status) || position.status === 'PAID') return 'paid';
  if (position.status === 'UNPAYABLE' || installment.status === 'UNPAYABLE' || installment.status === 'EXPIRED') return 'cancelled';
  if (position.status === 'DRAFT') return undefined;
  if (position.status === 'PUBLISHED') return option.validityDate && gpdInstant(option.validityDate) <= Date.now() ? 'open' : undefined;
  return 'open';
}

/** GPD writes zone-less date-times; they are read as UTC (the difference is at most the Rome offset). */
function gpdInstant(dateTime: string): number {
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`);
}

function creditOf(row: ConnectorRow, serviceCode: string, position: GpdPosition, option: GpdPaymentOption, installment: GpdInstallment): ConnectorCredit | undefined {
  const status = creditStatus(position, option, installment);
  if (!status) return undefined;
  const text = installment.description?.trim() || `Avviso pagoPA ${installment.iuv}`;
  const parsed = connectorCreditSchema.safeParse({
    noticeNumber: installment.nav ?? `3${installment.iuv}`,
    serviceCode,
    debtor: {
      type: option.debtor.type === 'F' ? 'person' : 'company',
      taxCode: option.debtor.fiscalCode.trim().toUpperCase(),
      name: option.debtor.fullName.trim(),
    },
    description: text.slice(0, 500),
    publicDescription: text.slice(0, 140),
    amount: installment.amount,
    dueDate: installment.dueDate ? installment.dueDate.slice(0, 10) : null,
    status,
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SourceUnavailableError('invalid_answer', `${row.name}: GPD position ${position.iupd} cannot be a credit: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}
