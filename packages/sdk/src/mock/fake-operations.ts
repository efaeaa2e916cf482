import { agentBalanceSummary, summarizeAgentPayments } from '../domain/agent-day.js';
import type { AgentBalance, AgentReport } from '../contract/agent.js';
import type { Credit } from '../contract/credits.js';
import type { Payment, PaymentCreateRequest } from '../contract/payments.js';
import type { Receipt, ReceiptVerification } from '../contract/receipts.js';
import type { UnexpectedCreditResult } from '../contract/unexpected-credits.js';
import { taxCodeKind } from '../domain/fiscal-code.js';
import { parsePagoPaQr } from '../domain/qr.js';
import { checkAmount, unexpectedCreditDescription, validateFields } from '../domain/unexpected-fields.js';
import { normalizeVerificationCode } from '../domain/verification-code.js';
import { demoFees } from '../demo/index.js';
import { FakeApiError } from './fake-api-error.js';
import { runIdempotent } from './fake-idempotency.js';
import { floatBalance, nextCounter, nextNoticeNumber, type FakeCredit, type FakePayment, type FakePrincipal, type FakeState } from './fake-state.js';
import { creditView, paymentView, receiptView, verificationView } from './fake-views.js';
import { romeDate } from '../domain/rome-time.js';
import type { SeededIds } from './seeded-random.js';

export type TerminalPrincipal = Extract<FakePrincipal, { kind: 'terminal' }>;

/** Everything the use cases need; time and ids come in so tests can fix them. */
export interface FakeContext {
  state: FakeState;
  ids: SeededIds;
  now: () => Date;
  /** `immediate`: the bank answers before the payment response; `manual`: transfers wait for settleTransfers(). */
  settlement: 'immediate' | 'manual';
  /** How long a payment takes to answer, as the reference server waits for the bank. */
  paymentDelayMs: number;
}

/** The lookup as the contract validated it (notice numbers and tax codes normalised). */
export interface LookupQuery {
  noticeNumber?: string;
  qr?: string;
  debtorTaxCode?: string;
  serviceCode?: string;
}

export function lookupCredits({ state }: FakeContext, principal: FakePrincipal, query: LookupQuery): Credit[] {
  const view = (credit: FakeCredit) => creditView(state, credit, principal);
  const byNotice = (noticeNumber: string) => {
    const credit = [...state.credits.values()].find((candidate) => candidate.noticeNumber === noticeNumber);
    if (!credit) throw new FakeApiError('credit_not_found');
    return [view(credit)];
  };
  if (query.qr !== undefined) {
    const qr = parsePagoPaQr(query.qr);
    if (!qr.ok) throw new FakeApiError('validation_failed', [{ path: 'qr', message: qr.message }]);
    if (qr.value.creditorFiscalCode !== state.comune.fiscalCode) {
      throw new FakeApiError('credit_not_found', { reason: 'This notice is payable to another comune.', creditorFiscalCode: qr.value.creditorFiscalCode });
    }
    return byNotice(qr.value.noticeNumber);
  }
  if (query.noticeNumber !== undefined) return byNotice(query.noticeNumber);
  if (!state.services.some((service) => service.code === query.serviceCode)) {
    throw new FakeApiError('service_not_found', { serviceCode: query.serviceCode });
  }
  return [...state.credits.values()]
    .filter((credit) => credit.debtor.taxCode === query.debtorTaxCode && credit.serviceCode === query.serviceCode)
    .map(view);
}

const INSTITUTION_FEE_SHARE = demoFees.agent.citizenFee - demoFees.agent.agentShare;

/** A payment takes its amount and the institution's fee share from the float; the shop keeps its own share in cash. */
function ensureFloatCovers(state: FakeState, agentId: string, amount: number): number {
  const required = amount + INSTITUTION_FEE_SHARE;
  const balance = floatBalance(state, agentId);
  if (balance < required) throw new FakeApiError('insufficient_float', { balance, required });
  return required;
}

/**
 * Collects one credit at a shop: debit the float, close the credit, write payment, receipt and
 * transfer. Checks everything before changing anything, so a failure leaves no trace.
 */
function collectAtAgent(ctx: FakeContext, principal: TerminalPrincipal, credit: FakeCredit): string {
  const { state, ids } = ctx;
  if (credit.status === 'paid') throw new FakeApiError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new FakeApiError('credit_not_payable', { status: credit.status });
  const floatDebited = ensureFloatCovers(state, principal.agentId, credit.amount);

  const now = ctx.now();
  const at = now.toISOString();
  const year = romeDate(now).slice(0, 4);
  const payment: FakePayment = {
    id: ids.id('pay'),
    creditId: credit.id,
    agentId: principal.agentId,
    terminalId: principal.terminalId,
    amount: credit.amount,
    citizenFee: demoFees.agent.citizenFee,
    agentFeeShare: demoFees.agent.agentShare,
    institutionFeeShare: INSTITUTION_FEE_SHARE,
    floatDebited,
    createdAt: at,
    receipt: {
      id: ids.id('rcp'),
      number: `${year}-${String(nextCounter(state, `receipt:${year}`)).padStart(6, '0')}`,
      verificationCode: ids.verificationCode(),
      issuedAt: at,
    },
    transfer: { id: ids.id('trf'), status: 'pending', bankReference: null, settledAt: null },
  };
  credit.status = 'paid';
  credit.paidAt = at;
  state.payments.set(payment.id, payment);
  state.movements.push({ agentId: principal.agentId, kind: 'payment', amount: -floatDebited, at });
  if (ctx.settlement === 'immediate') settleTransfer(ctx, payment);
  return payment.id;
}

/** The bank's answer: a unique reference in the sandbox bank's format. */
export function settleTransfer(ctx: FakeContext, payment: FakePayment): void {
  const now = ctx.now();
  const sequence = nextCounter(ctx.state, 'bank-reference');
  payment.transfer.status = 'settled';
  payment.transfer.bankReference = `PBXSBX${romeDate(now).replaceAll('-', '')}${String(sequence).padStart(12, '0')}`;
  payment.transfer.settledAt = now.toISOString();
}

async function respondWithPayment(ctx: FakeContext, paymentId: string, replayed: boolean): Promise<{ payment: Payment; replayed: boolean }> {
  if (!replayed && ctx.paymentDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.paymentDelayMs));
  return { payment: paymentView(ctx.state, ctx.state.payments.get(paymentId)!), replayed };
}

export function payCredit(
  ctx: FakeContext,
  principal: TerminalPrincipal,
  request: PaymentCreateRequest,
  idempotencyKey: string,
): Promise<{ payment: Payment; replayed: boolean }> {
  return runIdempotent(
    ctx.state,
    { apiKeyId: principal.keyId, key: idempotencyKey, operation: 'createPayment', request },
    () => {
      const credit = ctx.state.credits.get(request.creditId);
      if (!credit) throw new FakeApiError('credit_not_found');
      if (credit.status === 'open' && credit.amount !== request.amount) {
        throw new FakeApiError('amount_mismatch', { expected: credit.amount, received: request.amount });
      }
      return collectAtAgent(ctx, principal, credit);
    },
    (paymentId, replayed) => respondWithPayment(ctx, paymentId, replayed),
  );
}

/** The request as the contract validated it (tax code normalised). */
export interface UnexpectedCreditRequest {
  serviceCode: string;
  debtor: { taxCode: string; name: string };
  fields: Record<string, string | number>;
  amount: number;
  description?: string;
}

export async function payUnexpectedCredit(
  ctx: FakeContext,
  principal: TerminalPrincipal,
  request: UnexpectedCreditRequest,
  idempotencyKey: string,
): Promise<UnexpectedCreditResult & { replayed: boolean }> {
  const { state } = ctx;
  const { payment, replayed } = await runIdempotent(
    state,
    { apiKeyId: principal.keyId, key: idempotencyKey, operation: 'createUnexpectedCredit', request },
    () => {
      const service = state.services.find((candidate) => candidate.code === request.serviceCode);
      if (!service) throw new FakeApiError('service_not_found', { serviceCode: request.serviceCode });
      if (!service.acceptsUnexpectedCredits || !service.fields || !service.amountRule) throw new FakeApiError('unexpected_credits_not_accepted');
      const { values, issues } = validateFields(service.fields, request.fields);
      if (issues.length > 0) throw new FakeApiError('validation_failed', issues);
      const amountProblem = checkAmount(service.amountRule, request.amount, values);
      if (amountProblem) throw new FakeApiError('amount_out_of_bounds', amountProblem);
      // Checked before the credit exists, so that a failure leaves no credit behind.
      ensureFloatCovers(state, principal.agentId, request.amount);

      const noticeNumber = nextNoticeNumber(state);
      const credit: FakeCredit = {
        id: ctx.ids.id('crd'),
        serviceCode: service.code,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtor: { type: taxCodeKind(request.debtor.taxCode) ?? 'person', name: request.debtor.name, taxCode: request.debtor.taxCode },
        description: request.description ?? unexpectedCreditDescription(service.name, service.fields, values),
        amount: request.amount,
        dueDate: null,
        status: 'open',
        unexpected: true,
        fields: values,
        paidAt: null,
      };
      state.credits.set(credit.id, credit);
      return collectAtAgent(ctx, principal, credit);
    },
    (paymentId, isReplay) => respondWithPayment(ctx, paymentId, isReplay),
  );
  return { credit: creditView(state, state.credits.get(payment.creditId)!, principal), payment, replayed };
}

function ownPayment(state: FakeState, principal: TerminalPrincipal, paymentId: string | undefined): FakePayment | undefined {
  const payment = paymentId === undefined ? undefined : state.payments.get(paymentId);
  return payment?.agentId === principal.agentId ? payment : undefined;
}

export function getPayment({ state }: FakeContext, principal: TerminalPrincipal, paymentId: string): Payment {
  const payment = ownPayment(state, principal, paymentId);
  if (!payment) throw new FakeApiError('payment_not_found');
  return paymentView(state, payment);
}

/** A receipt of the caller's own shop: another shop's receipt is "not found", not "forbidden". */
export function receiptPayment({ state }: FakeContext, principal: TerminalPrincipal, receiptId: string): FakePayment {
  const paymentId = [...state.payments.values()].find((payment) => payment.receipt.id === receiptId)?.id;
  const payment = ownPayment(state, principal, paymentId);
  if (!payment) throw new FakeApiError('receipt_not_found');
  return payment;
}

export function getReceipt(ctx: FakeContext, principal: TerminalPrincipal, receiptId: string): Receipt {
  return receiptView(ctx.state, receiptPayment(ctx, principal, receiptId));
}

export function verifyReceipt({ state }: FakeContext, code: string): ReceiptVerification {
  const normalized = normalizeVerificationCode(code);
  const payment = [...state.payments.values()].find((candidate) => candidate.receipt.verificationCode === normalized);
  if (!payment) throw new FakeApiError('receipt_not_found');
  return verificationView(state, payment);
}

function agentPaymentsOn(state: FakeState, agentId: string, date: string): FakePayment[] {
  return [...state.payments.values()].filter((payment) => payment.agentId === agentId && romeDate(new Date(payment.createdAt)) === date);
}

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((total, item) => total + value(item), 0);

export function agentBalance(ctx: FakeContext, principal: TerminalPrincipal): AgentBalance {
  const { state } = ctx;
  const agent = state.agents.get(principal.agentId)!;
  const date = romeDate(ctx.now());
  return agentBalanceSummary({
    agent,
    balance: floatBalance(state, agent.id),
    date,
    todaysPayments: agentPaymentsOn(state, agent.id, date),
    lastMovementAt: state.movements.filter((movement) => movement.agentId === agent.id).at(-1)?.at ?? null,
  });
}

export function agentReport({ state }: FakeContext, principal: TerminalPrincipal, date: string): AgentReport {
  const agent = state.agents.get(principal.agentId)!;
  const payments = agentPaymentsOn(state, agent.id, date);
  const topUps = state.movements.filter((m) => m.agentId === agent.id && m.kind === 'top_up' && romeDate(new Date(m.at)) === date);
  const lines = payments.map((payment) => {
    const credit = state.credits.get(payment.creditId)!;
    const service = state.services.find((candidate) => candidate.code === credit.serviceCode)!;
    return { ...payment, serviceCode: service.code, serviceName: service.name };
  });
  return {
    agentId: agent.id,
    agentName: agent.name,
    date,
    timeZone: 'Europe/Rome',
    ...summarizeAgentPayments(lines),
    topUps: { count: topUps.length, amount: sum(topUps, (m) => m.amount) },
    openingBalance: floatBalance(state, agent.id, (at) => romeDate(new Date(at)) < date),
    closingBalance: floatBalance(state, agent.id, (at) => romeDate(new Date(at)) <= date),
  };
}
