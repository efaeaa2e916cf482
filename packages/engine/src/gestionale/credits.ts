import { makeNoticeNumber, taxCodeKind, type AdminCredit, type AdminCreditFilter, type AdminCreditUpdateRequest, type AdminService } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CreditFilter, OpenCreditChange, StaffCreditRow } from '../ports/gestionale.js';
import type { CreditRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { adminCreditView, catalogueOf, pageMarkOf, pageOf } from './admin-credit-view.js';

/** The comune's catalogue with everything staff need to create credits and read unexpected ones. */
export async function listAdminServices(ctx: EngineContext, principal: StaffPrincipal): Promise<AdminService[]> {
  const viewer = requireComuneRole(principal, 'viewer');
  const catalogue = await ctx.store.read((tx) => catalogueOf(ctx, tx, viewer.comuneId));
  return catalogue.services.map(({ id, code, name, description, acceptsUnexpected, fields, amountRule }) => ({ id, code, name, description, acceptsUnexpected, fields, amountRule }));
}

/** The filters as the store takes them; a service code the comune does not have matches nothing. */
export function creditFilterOf(catalogue: ComuneCatalogue, filter: AdminCreditFilter): CreditFilter {
  return {
    status: filter.status ?? null,
    serviceId: filter.service === undefined ? null : (catalogue.serviceByCode(filter.service)?.id ?? 'no such service'),
    q: filter.q ?? null,
    dueFrom: filter.dueFrom ?? null,
    dueTo: filter.dueTo ?? null,
  };
}

export async function listAdminCredits(
  ctx: EngineContext,
  principal: StaffPrincipal,
  query: AdminCreditFilter & { cursor?: string | undefined; limit: number },
): Promise<{ data: AdminCredit[]; nextCursor: string | null }> {
  const viewer = requireComuneRole(principal, 'viewer');
  const after = pageMarkOf(query.cursor);
  return ctx.store.read(async (tx) => {
    const catalogue = await catalogueOf(ctx, tx, viewer.comuneId);
    const rows = await tx.gestionale.listCredits(viewer.comuneId, creditFilterOf(catalogue, query), after, query.limit + 1);
    return pageOf(rows, query.limit, (row) => adminCreditView(row, catalogue), (row) => ({ at: row.createdAt, id: row.id }));
  });
}

/** A credit of the staff member's comune; another comune's is not found, never forbidden. */
async function readCredit(ctx: EngineContext, tx: UnitOfWork, comuneId: string, id: string): Promise<AdminCredit> {
  const [catalogue, row] = await Promise.all([catalogueOf(ctx, tx, comuneId), tx.gestionale.credit(comuneId, id)]);
  if (!row) throw new DomainError('credit_not_found', { creditId: id });
  return adminCreditView(row, catalogue);
}

export async function getAdminCredit(ctx: EngineContext, principal: StaffPrincipal, id: string): Promise<AdminCredit> {
  const viewer = requireComuneRole(principal, 'viewer');
  return ctx.store.read((tx) => readCredit(ctx, tx, viewer.comuneId, id));
}

/** A new open credit, numbered like every other of the comune: aux digit 3, its segregation code, a new IUV base. */
export async function createAdminCredit(
  ctx: EngineContext,
  principal: StaffPrincipal,
  input: { serviceCode: string; debtor: { taxCode: string; name: string }; description: string; publicDescription?: string | undefined; amount: number; dueDate?: string | undefined },
): Promise<AdminCredit> {
  const operator = requireComuneRole(principal, 'operator');
  const at = ctx.clock.now().toISOString();
  const id = ctx.ids.id('crd');
  return ctx.store.transaction(async (tx) => {
    const catalogue = await catalogueOf(ctx, tx, operator.comuneId);
    const service = catalogue.serviceByCode(input.serviceCode);
    if (!service) throw new DomainError('service_not_found', { serviceCode: input.serviceCode });
    const noticeNumber = makeNoticeNumber(catalogue.comune.segregationCode, await tx.comuni.nextIuvBase(operator.comuneId));
    const credit: CreditRow = {
      id,
      comuneId: operator.comuneId,
      serviceId: service.id,
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtorType: taxCodeKind(input.debtor.taxCode) ?? 'person',
      debtorTaxCode: input.debtor.taxCode,
      debtorName: input.debtor.name,
      description: input.description,
      publicDescription: input.publicDescription ?? service.name,
      amount: input.amount,
      dueDate: input.dueDate ?? null,
      status: 'open',
      unexpected: false,
      fields: null,
      createdAt: at,
      paidAt: null,
    };
    await tx.credits.insert(credit);
    await recordStaffAction(tx, operator, { action: 'credit.create', subjectId: id, details: { noticeNumber, serviceCode: service.code, amount: input.amount } }, at);
    return readCredit(ctx, tx, operator.comuneId, id);
  });
}

const editable = ['debtorTaxCode', 'debtorName', 'description', 'publicDescription', 'amount', 'dueDate'] as const;

/** A credit staff may change: Pay-Box's own, not one read from the comune's system (changed there, read from there). */
async function ownCredit(ctx: EngineContext, tx: UnitOfWork, comuneId: string, id: string): Promise<StaffCreditRow> {
  const credit = await tx.gestionale.credit(comuneId, id);
  if (!credit) throw new DomainError('credit_not_found', { creditId: id });
  const catalogue = await catalogueOf(ctx, tx, comuneId);
  if (!credit.unexpected && catalogue.serviceById(credit.serviceId)?.connectorId) throw new DomainError('credit_managed_by_source', { creditId: id });
  return credit;
}

/** Changes a credit while it is open: once paid, cancelled or expired it stays as it was. */
export async function updateAdminCredit(ctx: EngineContext, principal: StaffPrincipal, id: string, change: AdminCreditUpdateRequest): Promise<AdminCredit> {
  const operator = requireComuneRole(principal, 'operator');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const credit = await ownCredit(ctx, tx, operator.comuneId, id);
    if (credit.status !== 'open') throw new DomainError('credit_not_open', { status: credit.status });
    const next: OpenCreditChange = {
      debtorType: change.debtor ? (taxCodeKind(change.debtor.taxCode) ?? 'person') : credit.debtorType,
      debtorTaxCode: change.debtor?.taxCode ?? credit.debtorTaxCode,
      debtorName: change.debtor?.name ?? credit.debtorName,
      description: change.description ?? credit.description,
      publicDescription: change.publicDescription ?? credit.publicDescription,
      amount: change.amount ?? credit.amount,
      dueDate: change.dueDate === undefined ? credit.dueDate : change.dueDate,
    };
    if (!(await tx.gestionale.updateOpenCredit(operator.comuneId, id, next, at))) throw new DomainError('credit_not_open', { status: 'changed meanwhile' });
    const changed = Object.fromEntries(editable.filter((field) => next[field] !== credit[field]).map((field) => [field, { from: credit[field], to: next[field] }]));
    await recordStaffAction(tx, operator, { action: 'credit.update', subjectId: id, details: { noticeNumber: credit.noticeNumber, changed } }, at);
    return readCredit(ctx, tx, operator.comuneId, id);
  });
}

/** Cancels an open credit, with the reason: no shop, web page or app can collect it any more. */
export async function cancelAdminCredit(ctx: EngineContext, principal: StaffPrincipal, id: string, reason: string): Promise<AdminCredit> {
  const operator = requireComuneRole(principal, 'operator');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const credit = await ownCredit(ctx, tx, operator.comuneId, id);
    if (!(await tx.gestionale.cancelOpenCredit(operator.comuneId, id, reason, at))) throw new DomainError('credit_not_open', { status: credit.status });
    await recordStaffAction(tx, operator, { action: 'credit.cancel', subjectId: id, details: { noticeNumber: credit.noticeNumber, amount: credit.amount, reason } }, at);
    return readCredit(ctx, tx, operator.comuneId, id);
  });
}
