import type { CreditStatus } from '../contract/credits.js';
import type { TransferStatus } from '../contract/payments.js';
import type { Service } from '../contract/services.js';
import { makeNoticeNumber } from '../domain/notice-number.js';
import type { FieldValues } from '../domain/unexpected-fields.js';
import { demoAgents, demoComune, demoCredits, demoServices, demoStaff, LOW_BALANCE_THRESHOLD, SAMPLE_NOTICE_COUNT, type DemoCredentials } from '../demo/index.js';
import type { SeededIds } from './seeded-random.js';

export interface FakeCredit {
  id: string;
  serviceCode: string;
  noticeNumber: string;
  iuv: string;
  debtor: { type: 'person' | 'company'; name: string; taxCode: string };
  description: string;
  amount: number;
  dueDate: string | null;
  status: CreditStatus;
  unexpected: boolean;
  fields: FieldValues | null;
  paidAt: string | null;
}

export interface FakeAgent {
  id: string;
  name: string;
  address: string;
  lowBalanceThreshold: number;
}

/** A change of a shop's float: positive for a top-up, negative for a payment. */
export interface FloatMovement {
  agentId: string;
  kind: 'top_up' | 'payment';
  amount: number;
  at: string;
}

export interface FakePayment {
  id: string;
  creditId: string;
  agentId: string;
  terminalId: string;
  amount: number;
  citizenFee: number;
  agentFeeShare: number;
  institutionFeeShare: number;
  floatDebited: number;
  createdAt: string;
  receipt: { id: string; number: string; verificationCode: string; issuedAt: string };
  transfer: { id: string; status: TransferStatus; bankReference: string | null; settledAt: string | null };
}

export type FakePrincipal =
  | { kind: 'terminal'; keyId: string; agentId: string; terminalId: string }
  | { kind: 'publishable'; keyId: string };

export interface FakeState {
  comune: { id: string; name: string; fiscalCode: string; segregationCode: string };
  services: Service[];
  credits: Map<string, FakeCredit>;
  agents: Map<string, FakeAgent>;
  /** API key secret -> who calls with it. */
  keys: Map<string, FakePrincipal>;
  payments: Map<string, FakePayment>;
  movements: FloatMovement[];
  counters: Map<string, number>;
  /** `<api key id> <key>` -> the payment the first request made. */
  idempotency: Map<string, { operation: string; requestHash: string; paymentId: string }>;
  /** Keys whose first request is still running. */
  running: Set<string>;
  credentials: DemoCredentials;
}

/** The next value of a named counter (IUV bases, receipt numbers per year, bank references). */
export function nextCounter(state: FakeState, name: string): number {
  const value = (state.counters.get(name) ?? 0) + 1;
  state.counters.set(name, value);
  return value;
}

/** A new aux-3 notice number of the demo comune. */
export function nextNoticeNumber(state: FakeState): string {
  const iuvBase = String(nextCounter(state, 'iuv')).padStart(13, '0');
  return makeNoticeNumber(state.comune.segregationCode, iuvBase);
}

export function floatBalance(state: FakeState, agentId: string, until?: (at: string) => boolean): number {
  return state.movements.filter((m) => m.agentId === agentId && (until?.(m.at) ?? true)).reduce((sum, m) => sum + m.amount, 0);
}

/** The demo comune, its services, two shops with `initialFloat` each, keys and 20 open credits. */
export function createDemoState(ids: SeededIds, now: Date, initialFloat: number): FakeState {
  const at = now.toISOString();
  const agents = demoAgents.map((agent) => ({ ...agent, id: ids.id('agt'), lowBalanceThreshold: LOW_BALANCE_THRESHOLD }));
  const terminalKeys = agents.map((agent) => ({ secret: ids.apiKey('sk_'), keyId: ids.id('key'), agentId: agent.id, terminalId: ids.id('trm') }));
  const publishableKey = ids.apiKey('pk_');
  const state: FakeState = {
    comune: { id: ids.id('com'), ...demoComune },
    services: demoServices.map(({ unexpected, ...service }) =>
      unexpected ? { ...service, acceptsUnexpectedCredits: true, ...unexpected } : { ...service, acceptsUnexpectedCredits: false },
    ),
    credits: new Map(),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    keys: new Map<string, FakePrincipal>([
      ...terminalKeys.map(({ secret, ...principal }): [string, FakePrincipal] => [secret, { kind: 'terminal', ...principal }]),
      [publishableKey, { kind: 'publishable', keyId: ids.id('key') }],
    ]),
    payments: new Map(),
    movements: agents.map((agent) => ({ agentId: agent.id, kind: 'top_up', amount: initialFloat, at })),
    counters: new Map(),
    idempotency: new Map(),
    running: new Set(),
    credentials: {
      terminalKey: terminalKeys[0]!.secret,
      otherTerminalKey: terminalKeys[1]!.secret,
      publishableKey,
      comuneId: '',
      agentId: agents[0]!.id,
      otherAgentId: agents[1]!.id,
      staff: { ...demoStaff },
      sampleNoticeNumbers: [],
    },
  };
  state.credentials.comuneId = state.comune.id;
  const day = 86_400_000;
  for (const { dueInDays, debtor, ...demo } of demoCredits) {
    const noticeNumber = nextNoticeNumber(state);
    const id = ids.id('crd');
    state.credits.set(id, {
      ...demo,
      id,
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtor: { ...debtor },
      dueDate: new Date(now.getTime() + dueInDays * day).toISOString().slice(0, 10),
      status: 'open',
      unexpected: false,
      fields: null,
      paidAt: null,
    });
  }
  const noticeNumbers = [...state.credits.values()].map((credit) => credit.noticeNumber);
  state.credentials.sampleNoticeNumbers = noticeNumbers.sort().slice(0, SAMPLE_NOTICE_COUNT);
  return state;
}
