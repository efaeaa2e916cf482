import type { CardDeclineReason } from '@pay-box/contract';
import { AcquirerError, type CardAcquirer, type CardNotification, type HostedPaymentOrder } from '../ports/card-acquirer.js';
import { randomIds, type IdSource } from '../ports/ids.js';
import { equalInConstantTime, fromBase64Url, hmacSha256, toBase64Url } from './hmac.js';

/** What each test card does, as the hosted page lists them. Any other number is refused: this page never takes a real card. */
export const sandboxTestCards = {
  '4242424242424242': 'authorized',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000002760003184': 'authentication',
} as const satisfies Record<string, 'authorized' | 'authentication' | Exclude<CardDeclineReason, 'authentication_failed'>>;

export type SandboxCardBehaviour = (typeof sandboxTestCards)[keyof typeof sandboxTestCards];

/** The signature header of a notification: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SANDBOX_SIGNATURE_HEADER = 'Sandbox-Acquirer-Signature';
/** Where Pay-Box receives an acquirer's notifications, on its own API. */
export const ACQUIRER_NOTIFICATION_PATH = '/v1/acquirer-notifications';
/** How old a notification may be: an older one (a replay) is refused. */
const SIGNATURE_TOLERANCE_S = 300;

export interface CardEntry {
  number: string;
  /** MM/YY */
  expiry: string;
  cvc: string;
  holder: string;
}

export type CardField = keyof CardEntry;

/** What the hosted page shows after a card is submitted. */
export type CardAttemptResult =
  | { kind: 'invalid'; problems: Partial<Record<CardField, 'missing' | 'invalid' | 'expired' | 'not_a_test_card'>> }
  | { kind: 'authentication'; challenge: string }
  | { kind: 'authorized' }
  | { kind: 'declined'; reason: CardDeclineReason }
  /** The page's time ran out or the token is not this acquirer's. */
  | { kind: 'unavailable' };

export interface SandboxAcquirerOptions {
  /** Signs hosted pages and notifications: the same on every instance that shares a database. */
  secret: string;
  /** Where the hosted pages are served (the reference server's public URL); read on each use, it may change once the port is known. */
  publicUrl: () => string;
  now?: () => Date;
  ids?: IdSource;
}

type Deliver = (request: Request) => Promise<Response>;

/** Delays between the tries of a notification that Pay-Box did not acknowledge. */
const NOTIFICATION_RETRIES_MS = [100, 500, 2_000];

/**
 * A stand-in for a card acquirer with a hosted payment page, as real ones work: the page takes the
 * card (test cards only), authorises it, posts a signed notification to Pay-Box and sends the browser
 * back. Its pages are signed tokens, so any instance serves them; its book of captures and voids is
 * kept per process, and an authorisation it did not make here is taken on trust (a sandbox).
 */
export class SandboxAcquirer implements CardAcquirer {
  /** Every capture and void asked of it, in order: what tests read to see that nobody was charged twice. */
  readonly operations: Array<{ operation: 'capture' | 'void'; authorizationId: string; amount?: number }> = [];
  private readonly authorizations = new Map<string, { amount: number; state: 'authorized' | 'captured' | 'voided' }>();
  private readonly failures = { capture: 0, void: 0 };
  private readonly now: () => Date;
  private readonly ids: IdSource;
  private deliver: Deliver | undefined;

  constructor(private readonly options: SandboxAcquirerOptions) {
    this.now = options.now ?? (() => new Date());
    this.ids = options.ids ?? randomIds;
  }

  /** Fault injection: the next `times` captures (or voids) fail as if the acquirer were down; Pay-Box must retry them. */
  failNext(operation: 'capture' | 'void', times = 1): void {
    this.failures[operation] += times;
  }

  /** Where notifications go: the Pay-Box API's fetch (in process, as the acquirer's webhook would reach it). */
  deliverTo(deliver: Deliver): void {
    this.deliver = deliver;
  }

  async createHostedPayment(order: HostedPaymentOrder): Promise<{ url: string }> {
    const payload = toBase64Url(JSON.stringify(order));
    const token = `${payload}.${await this.sign(`page.${payload}`)}`;
    return { url: `${this.options.publicUrl().replace(/\/+$/, '')}/sandbox-acquirer/pay/${token}` };
  }

  /** The order behind a hosted page's token; undefined when the token is not this acquirer's. */
  async openPayment(token: string): Promise<(HostedPaymentOrder & { expired: boolean }) | undefined> {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || !equalInConstantTime(signature, await this.sign(`page.${payload}`))) return undefined;
    const order = JSON.parse(fromBase64Url(payload) ?? 'null') as HostedPaymentOrder | null;
    return order ? { ...order, expired: Date.parse(order.expiresAt) <= this.now().getTime() } : undefined;
  }

  /** A card typed on the hosted page. */
  async submitCard(token: string, card: CardEntry): Promise<CardAttemptResult> {
    const order = await this.openPayment(token);
    if (!order || order.expired) return { kind: 'unavailable' };
    const problems = this.problemsOf(card);
    if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
    const behaviour = sandboxTestCards[digitsOf(card.number) as keyof typeof sandboxTestCards];
    if (behaviour === 'authentication') return { kind: 'authentication', challenge: await this.sign(`challenge.${token}`) };
    if (behaviour === 'authorized') return this.authorize(order);
    return this.decline(order, behaviour);
  }

  /** The citizen's answer to the bank's extra check (3-D Secure), on the page the challenge led to. */
  async authenticate(token: string, challenge: string, approved: boolean): Promise<CardAttemptResult> {
    const order = await this.openPayment(token);
    if (!order || order.expired || !equalInConstantTime(challenge, await this.sign(`challenge.${token}`))) return { kind: 'unavailable' };
    return approved ? this.authorize(order) : this.decline(order, 'authentication_failed');
  }

  async readNotification(body: string, headers: Headers): Promise<CardNotification | undefined> {
    const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(headers.get(SANDBOX_SIGNATURE_HEADER) ?? '');
    if (!match) return undefined;
    const sentAt = Number(match[1]);
    if (Math.abs(this.now().getTime() / 1000 - sentAt) > SIGNATURE_TOLERANCE_S) return undefined;
    if (!equalInConstantTime(match[2]!, await this.sign(`${sentAt}.${body}`))) return undefined;
    return notificationOf(JSON.parse(body));
  }

  async capture(authorizationId: string, amount: number): Promise<void> {
    this.failIfAsked('capture');
    const authorization = this.authorizations.get(authorizationId);
    if (authorization?.state === 'voided') throw new AcquirerError(`authorisation ${authorizationId} was voided`);
    if (authorization && amount > authorization.amount) throw new AcquirerError(`capture of ${amount} exceeds the authorised ${authorization.amount}`);
    if (authorization?.state === 'captured') return;
    this.operations.push({ operation: 'capture', authorizationId, amount });
    if (authorization) authorization.state = 'captured';
  }

  async void(authorizationId: string): Promise<void> {
    this.failIfAsked('void');
    const authorization = this.authorizations.get(authorizationId);
    if (authorization?.state === 'captured') throw new AcquirerError(`authorisation ${authorizationId} was captured: refund it instead`);
    if (authorization?.state === 'voided') return;
    this.operations.push({ operation: 'void', authorizationId });
    if (authorization) authorization.state = 'voided';
  }

  private failIfAsked(operation: 'capture' | 'void'): void {
    if (this.failures[operation] === 0) return;
    this.failures[operation]--;
    throw new AcquirerError(`sandbox acquirer unavailable (${operation} fault injected)`);
  }

  private async authorize(order: HostedPaymentOrder): Promise<CardAttemptResult> {
    const authorizationId = this.ids.id('aut');
    this.authorizations.set(authorizationId, { amount: order.amount, state: 'authorized' });
    await this.notify({ reference: order.reference, outcome: 'authorized', authorizationId, amount: order.amount });
    return { kind: 'authorized' };
  }

  private async decline(order: HostedPaymentOrder, reason: CardDeclineReason): Promise<CardAttemptResult> {
    await this.notify({ reference: order.reference, outcome: 'declined', reason });
    return { kind: 'declined', reason };
  }

  /** Posts the signed notification, trying again a few times while Pay-Box does not acknowledge it. */
  private async notify(notification: CardNotification): Promise<void> {
    if (!this.deliver) throw new Error('SandboxAcquirer: call deliverTo() before taking cards');
    const body = JSON.stringify(notification);
    for (const delay of [0, ...NOTIFICATION_RETRIES_MS]) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const sentAt = Math.floor(this.now().getTime() / 1000);
      const request = new Request(`${this.options.publicUrl().replace(/\/+$/, '')}${ACQUIRER_NOTIFICATION_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: `t=${sentAt},v1=${await this.sign(`${sentAt}.${body}`)}` },
        body,
      });
      const acknowledged = await this.deliver(request).then((response) => response.ok, () => false);
      if (acknowledged) return;
    }
  }

  private problemsOf(card: CardEntry): Extract<CardAttemptResult, { kind: 'invalid' }>['problems'] {
    const problems: Extract<CardAttemptResult, { kind: 'invalid' }>['problems'] = {};
    const number = digitsOf(card.number);
    if (number === '') problems.number = 'missing';
    else if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) problems.number = 'invalid';
    else if (!(number in sandboxTestCards)) problems.number = 'not_a_test_card';
    const expiry = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(card.expiry);
    if (card.expiry.trim() === '') problems.expiry = 'missing';
    else if (!expiry || Number(expiry[1]) < 1 || Number(expiry[1]) > 12) problems.expiry = 'invalid';
    else if (endOfMonth(Number(expiry[2]), Number(expiry[1])) <= this.now().getTime()) problems.expiry = 'expired';
    if (card.cvc.trim() === '') problems.cvc = 'missing';
    else if (!/^\d{3,4}$/.test(card.cvc.trim())) problems.cvc = 'invalid';
    if (card.holder.trim() === '') problems.holder = 'missing';
    return problems;
  }

  private sign(text: string): Promise<string> {
    return hmacSha256(this.options.secret, text);
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 100;
const declineReasons: readonly unknown[] = ['card_declined', 'insufficient_funds', 'authentication_failed'] satisfies CardDeclineReason[];

/** A signed body read field by field: even a genuine signature does not let a malformed notification through. */
function notificationOf(parsed: unknown): CardNotification | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { reference, outcome, authorizationId, amount, reason } = parsed as Record<string, unknown>;
  if (!isText(reference)) return undefined;
  if (outcome === 'authorized' && isText(authorizationId) && Number.isSafeInteger(amount) && (amount as number) > 0) {
    return { reference, outcome, authorizationId, amount: amount as number };
  }
  if (outcome === 'declined' && declineReasons.includes(reason)) return { reference, outcome, reason: reason as CardDeclineReason };
  return undefined;
}

const digitsOf = (text: string): string => text.replace(/[\s-]/g, '');

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card is valid through the last day of its expiry month. */
const endOfMonth = (twoDigitYear: number, month: number): number => Date.UTC(2000 + twoDigitYear, month, 1);
