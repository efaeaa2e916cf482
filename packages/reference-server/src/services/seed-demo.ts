import { makeNoticeNumber } from '@pay-box/sdk/contract';
import {
  DEMO_FLOAT,
  demoAgents,
  demoAllowedOrigins,
  demoComune,
  demoCredits,
  demoFees,
  demoServices,
  demoStaff,
  LOW_BALANCE_THRESHOLD,
  SAMPLE_NOTICE_COUNT,
  type DemoCredentials,
} from '@pay-box/sdk/demo';
import { accounts } from '../ledger/ledger.js';
import { createApiKey } from './api-keys.js';
import type { ServiceContext } from './context.js';
import { hashPassword } from './staff-passwords.js';

export type { DemoCredentials };

const DAY_MS = 86_400_000;

/**
 * Seeds the demo on an empty database, from the same data the SDK's fake uses: one comune with its
 * catalogue and fees, two shops with EUR 5,000.00 of float and one terminal each, 20 open credits
 * and one staff user. Runs inside a write. The staff password is the caller's (random on a real start);
 * `extraOrigins` are allowed for the publishable key besides the demo's own (the server's origin).
 */
export function seedDemo(ctx: ServiceContext, staffPassword: string, extraOrigins: string[] = []): DemoCredentials {
  const { repos, ids } = ctx;
  const now = ctx.clock.now();
  const createdAt = now.toISOString();
  const comune = { id: ids.id('com'), ...demoComune };
  repos.tenants.insertComune(comune, createdAt);
  for (const [channel, fees] of Object.entries(demoFees)) repos.tenants.setFees(comune.id, channel as keyof typeof demoFees, fees);

  const serviceIds = new Map<string, string>();
  for (const service of demoServices) {
    const id = ids.id('svc');
    repos.tenants.insertService({
      id,
      comuneId: comune.id,
      code: service.code,
      name: service.name,
      description: service.description,
      acceptsUnexpected: service.unexpected !== null,
      fields: service.unexpected?.fields ?? null,
      amountRule: service.unexpected?.amountRule ?? null,
    });
    serviceIds.set(service.code, id);
  }

  const agents = demoAgents.map((agent, index) => {
    const row = { id: ids.id('agt'), comuneId: comune.id, lowBalanceThreshold: LOW_BALANCE_THRESHOLD, ...agent };
    repos.tenants.insertAgent(row, createdAt);
    ctx.ledger.post(
      'top_up',
      row.id,
      [
        { account: accounts.institutionBank(), amount: DEMO_FLOAT },
        { account: accounts.agentFloat(row.id), amount: -DEMO_FLOAT },
      ],
      now,
    );
    return { row, key: createApiKey(ctx, { kind: 'terminal', agentId: row.id, label: `Cassa ${index + 1}` }) };
  });

  for (const credit of demoCredits) {
    const noticeNumber = makeNoticeNumber(comune.segregationCode, repos.tenants.nextIuvBase(comune.id));
    repos.credits.insert({
      id: ids.id('crd'),
      comuneId: comune.id,
      serviceId: serviceIds.get(credit.serviceCode)!,
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtorType: credit.debtor.type,
      debtorTaxCode: credit.debtor.taxCode,
      debtorName: credit.debtor.name,
      description: credit.description,
      amount: credit.amount,
      dueDate: new Date(now.getTime() + credit.dueInDays * DAY_MS).toISOString().slice(0, 10),
      status: 'open',
      unexpected: false,
      fields: null,
      createdAt,
      paidAt: null,
    });
  }

  const staff = { email: demoStaff.email, password: staffPassword };
  repos.tenants.insertStaffUser({ id: ids.id('usr'), comuneId: comune.id, email: staff.email, passwordHash: hashPassword(staffPassword), role: 'admin' }, createdAt);

  const allowedOrigins = [...new Set([...extraOrigins, ...demoAllowedOrigins])];
  const publishable = createApiKey(ctx, { kind: 'publishable', comuneId: comune.id, allowedOrigins });
  return {
    terminalKey: agents[0]!.key.secret,
    otherTerminalKey: agents[1]!.key.secret,
    publishableKey: publishable.secret,
    comuneId: comune.id,
    agentId: agents[0]!.row.id,
    otherAgentId: agents[1]!.row.id,
    staff,
    sampleNoticeNumbers: repos.credits.openNoticeNumbers(comune.id, SAMPLE_NOTICE_COUNT),
  };
}
