import { parseNoticeNumber, type ConnectorCredit } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { SourceUnavailableError, type ConnectorRow } from '../ports/credit-connectors.js';
import type { CreditRow, ServiceRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';

/** What to ask the comune's systems for: one notice, or a debtor's credits of one service. */
export type SourceQuery = { noticeNumber: string } | { debtorTaxCode: string; serviceCode: string };

interface Asked {
  connector: ConnectorRow;
  /** The codes of the services whose credits live there. */
  serviceCodes: string[];
}

/** Text a credit cancelled in the comune's own system carries in Pay-Box. */
const CANCELLED_AT_SOURCE = 'Cancelled in the comune’s own system';

/** Which of the comune's systems to ask, and for which services each answers. */
export interface SourcePlan {
  catalogue: ComuneCatalogue;
  asked: Asked[];
}

/**
 * Inside a read: the systems that may hold the query's credits, or undefined when they live in
 * Pay-Box's own store (a comune without connectors costs nothing more than its cached catalogue).
 */
export async function planSourceRead(tx: UnitOfWork, catalogue: ComuneCatalogue, comuneId: string, query: SourceQuery): Promise<SourcePlan | undefined> {
  const connectorIds = await connectorsToAsk(tx, catalogue, comuneId, query);
  if (connectorIds.length === 0) return undefined;
  const rows = await Promise.all(connectorIds.map((id) => tx.connectors.get(comuneId, id)));
  return { catalogue, asked: rows.filter((row) => row !== undefined).map((connector) => ({ connector, serviceCodes: serviceCodesOf(catalogue, connector.id) })) };
}

/**
 * Reads a query's credits from the comune's own systems, outside any unit of work, and brings
 * Pay-Box's rows of them up to date: the comune's system is the source of truth for what is owed,
 * Pay-Box keeps its own row of every credit it has seen (to lock it while paying, and for its
 * history). When a system that may hold the credit does not answer usably, the caller gets
 * `source_unavailable`: never a stale answer.
 */
export async function readSources(ctx: EngineContext, comuneId: string, query: SourceQuery, plan: SourcePlan): Promise<void> {
  const answers = await Promise.allSettled(plan.asked.map((asked) => ask(ctx, asked, query)));
  const found = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
  const failed = answers.flatMap((answer, index) => (answer.status === 'rejected' ? [{ asked: plan.asked[index]!, error: answer.reason as unknown }] : []));
  for (const { asked, error } of failed) {
    ctx.log.warn('credit source unavailable', { comuneId, connectorId: asked.connector.id, connector: asked.connector.name, ...failureOf(error) });
  }
  // A notice found in one system is that system's answer; otherwise any system that failed might have held it.
  const complete = failed.length === 0 || ('noticeNumber' in query && found.length > 0);
  if (!complete) throw new DomainError('source_unavailable', { connector: failed[0]!.asked.connector.name, reason: failureOf(failed[0]!.error).failure });
  if (found.length > 0) await ctx.store.transaction((tx) => mirror(ctx, tx, plan.catalogue, comuneId, found));
}

/** Plans and reads in one go, where the caller has no read of its own to plan in. */
export async function refreshFromSources(ctx: EngineContext, comuneId: string, query: SourceQuery): Promise<void> {
  const plan = await ctx.store.read(async (tx) => planSourceRead(tx, (await ctx.catalogue.get(tx, comuneId))!, comuneId, query));
  if (plan) await readSources(ctx, comuneId, query, plan);
}

/** Whether any of the comune's services keeps its credits in the comune's own system: most comuni have none. */
export const hasSources = (catalogue: ComuneCatalogue): boolean => catalogue.services.some((service) => service.connectorId !== null);

/** The connectors that may hold the query's credits: none when they live in Pay-Box's own store. */
async function connectorsToAsk(tx: UnitOfWork, catalogue: ComuneCatalogue, comuneId: string, query: SourceQuery): Promise<string[]> {
  if (!hasSources(catalogue)) return [];
  if ('serviceCode' in query) {
    const connectorId = catalogue.serviceByCode(query.serviceCode)?.connectorId;
    return connectorId ? [connectorId] : [];
  }
  const known = await tx.credits.byNoticeNumber(comuneId, query.noticeNumber);
  if (known) {
    // Credits Pay-Box created itself (unexpected credits) are its own wherever their service's others live.
    const connectorId = known.unexpected ? null : catalogue.serviceById(known.serviceId)?.connectorId;
    return connectorId ? [connectorId] : [];
  }
  return [...new Set(catalogue.services.flatMap((service) => (service.connectorId === null ? [] : [service.connectorId])))];
}

/** The codes of the services whose credits live behind a connector. */
export const serviceCodesOf = (catalogue: ComuneCatalogue, connectorId: string): string[] => catalogue.services.filter((service) => service.connectorId === connectorId).map((service) => service.code);

/** One system's answer to the query, checked against what was asked: a credit it was not asked for is a garbled answer. */
async function ask(ctx: EngineContext, { connector, serviceCodes }: Asked, query: SourceQuery): Promise<ConnectorCredit[]> {
  if (!connector.enabled) throw new SourceUnavailableError('disabled', `${connector.name} is disabled`);
  const source = ctx.connectors.connectors.open(connector, serviceCodes);
  const credits = 'noticeNumber' in query ? [await source.byNoticeNumber(query.noticeNumber)].filter((credit) => credit !== undefined) : await source.byDebtor(query.debtorTaxCode, query.serviceCode);
  for (const credit of credits) {
    const problem = mismatch(credit, query, serviceCodes);
    if (problem) throw new SourceUnavailableError('invalid_answer', `${connector.name} answered ${problem}`);
  }
  return credits;
}

function mismatch(credit: ConnectorCredit, query: SourceQuery, serviceCodes: string[]): string | undefined {
  if (!parseNoticeNumber(credit.noticeNumber).ok) return `a notice number with wrong check digits (${credit.noticeNumber})`;
  if (!serviceCodes.includes(credit.serviceCode)) return `a credit of service ${credit.serviceCode}, which is not assigned to it`;
  if ('noticeNumber' in query) return credit.noticeNumber === query.noticeNumber ? undefined : `notice ${credit.noticeNumber} when asked for ${query.noticeNumber}`;
  if (credit.debtor.taxCode !== query.debtorTaxCode) return `a credit of another debtor`;
  return credit.serviceCode === query.serviceCode ? undefined : `a credit of service ${credit.serviceCode} when asked for ${query.serviceCode}`;
}

function failureOf(error: unknown): { failure: string; message: string } {
  return error instanceof SourceUnavailableError ? { failure: error.failure, message: error.message } : { failure: 'unreachable', message: String(error) };
}

/**
 * Brings Pay-Box's rows in line with what the source said, in one unit of work: a new credit is
 * recorded; an open one follows the source's amount, due date and texts, or is closed when the
 * source says paid or cancelled. A credit Pay-Box already closed keeps its own history.
 */
async function mirror(ctx: EngineContext, tx: UnitOfWork, catalogue: ComuneCatalogue, comuneId: string, credits: ConnectorCredit[]): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const credit of credits) {
    const service = catalogue.serviceByCode(credit.serviceCode)!;
    const local = await tx.credits.byNoticeNumber(comuneId, credit.noticeNumber);
    if (!local) {
      await tx.credits.insert(newRow(ctx, comuneId, service, credit, now));
    } else if (local.status === 'open' && !local.unexpected) {
      if (credit.status === 'paid') await tx.credits.markPaid(local.id, now, local.amount);
      else if (credit.status === 'cancelled') await tx.gestionale.cancelOpenCredit(comuneId, local.id, CANCELLED_AT_SOURCE, now);
      else if (changed(local, credit)) await tx.gestionale.updateOpenCredit(comuneId, local.id, openValues(credit), now);
    }
  }
}

const openValues = (credit: ConnectorCredit) => ({
  debtorType: credit.debtor.type,
  debtorTaxCode: credit.debtor.taxCode,
  debtorName: credit.debtor.name,
  description: credit.description,
  publicDescription: credit.publicDescription,
  amount: credit.amount,
  dueDate: credit.dueDate,
});

const changed = (local: CreditRow, credit: ConnectorCredit) => {
  const values = openValues(credit);
  return (Object.keys(values) as (keyof typeof values)[]).some((key) => local[key] !== values[key]);
};

function newRow(ctx: EngineContext, comuneId: string, service: ServiceRow, credit: ConnectorCredit, now: string): CreditRow {
  return {
    id: ctx.ids.id('crd'),
    comuneId,
    serviceId: service.id,
    noticeNumber: credit.noticeNumber,
    iuv: credit.noticeNumber.slice(1),
    ...openValues(credit),
    status: credit.status,
    unexpected: false,
    fields: null,
    createdAt: now,
    paidAt: credit.status === 'paid' ? now : null,
  };
}
