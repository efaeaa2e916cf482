import { makeNoticeNumber, type AmountRule, type FieldDefinition } from '@pay-box/sdk/contract';
import { accounts } from '../ledger/ledger.js';
import { createApiKey } from './api-keys.js';
import type { ServiceContext } from './context.js';
import { hashPassword } from './staff-passwords.js';

/** What `npm start` prints on first start and writes to `<data dir>/demo-credentials.json`. */
export interface DemoCredentials {
  terminalKey: string;
  otherTerminalKey: string;
  publishableKey: string;
  comuneId: string;
  agentId: string;
  otherAgentId: string;
  staff: { email: string; password: string };
  sampleNoticeNumbers: string[];
}

const DEMO_FLOAT = 500_000;

const marketFields: FieldDefinition[] = [
  {
    name: 'market',
    label: { it: 'Mercato', en: 'Market' },
    type: 'select',
    required: true,
    options: [
      { value: 'GIOVEDI-CENTRO', label: { it: 'Mercato settimanale del giovedì, centro', en: 'Thursday weekly market, centre' } },
      { value: 'SABATO-CONTADINO', label: { it: 'Mercato contadino del sabato', en: 'Saturday farmers’ market' } },
    ],
  },
  { name: 'date', label: { it: 'Data di occupazione', en: 'Date of occupation' }, type: 'date', required: true },
  { name: 'stallNumber', label: { it: 'Numero posteggio', en: 'Stall number' }, type: 'text', required: true, maxLength: 8, pattern: '[A-Za-z0-9-]{1,8}' },
  {
    name: 'squareMeters',
    label: { it: 'Superficie (m²)', en: 'Area (m²)' },
    type: 'decimal',
    required: true,
    min: 1,
    max: 200,
    hint: { it: 'Arrotondata per eccesso al metro quadro', en: 'Rounded up to the whole square metre' },
  },
  {
    name: 'sector',
    label: { it: 'Settore merceologico', en: 'Sector' },
    type: 'select',
    required: true,
    options: [
      { value: 'ALIMENTARE', label: { it: 'Alimentare', en: 'Food' } },
      { value: 'NON_ALIMENTARE', label: { it: 'Non alimentare', en: 'Non-food' } },
      { value: 'PRODUTTORE_AGRICOLO', label: { it: 'Produttore agricolo', en: 'Farmer' } },
    ],
  },
  { name: 'licenceNumber', label: { it: 'Numero autorizzazione', en: 'Licence number' }, type: 'text', required: true, maxLength: 30 },
];

/** Canone mercatale for spuntisti: EUR 1.50 per square metre per day, square metres rounded up. */
const marketAmountRule: AmountRule = { type: 'perUnit', unitField: 'squareMeters', unitAmount: 150, rounding: 'up' };

const debtors = [
  { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi', type: 'person' as const },
  { taxCode: 'BNCGLI90D43F205U', name: 'Giulia Bianchi', type: 'person' as const },
  { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi', type: 'person' as const },
  { taxCode: 'SPSNNA82A55L219U', name: 'Anna Esposito', type: 'person' as const },
  { taxCode: 'FRRPLA69P30A944S', name: 'Paolo Ferrari', type: 'person' as const },
  { taxCode: 'RMNCHR95B48D612T', name: 'Chiara Romano', type: 'person' as const },
  { taxCode: '01234560785', name: 'Forno Valdimonte S.r.l.', type: 'company' as const },
];

/** The 20 open credits: [service, debtor index, description, cents, days until due]. */
const openCredits: Array<[string, number, string, number, number]> = [
  ['TARI', 0, 'TARI 2026 rata 1 di 2 - via Roma 12', 14_350, 20],
  ['TARI', 0, 'TARI 2026 rata 2 di 2 - via Roma 12', 14_350, 110],
  ['TARI', 1, 'TARI 2026 rata unica - via Garibaldi 3', 21_800, 20],
  ['TARI', 2, 'TARI 2026 rata 1 di 2 - piazza Duomo 7', 9_875, 20],
  ['TARI', 3, 'TARI 2026 rata unica - via dei Mille 44', 17_210, 20],
  ['TARI', 4, 'TARI 2026 rata unica - corso Italia 90', 26_400, 20],
  ['TARI', 6, 'TARI 2026 utenza non domestica - via del Forno 1', 84_520, 20],
  ['TARI', 5, 'TARI 2026 rata unica - vicolo Stretto 2', 8_960, 20],
  ['MENSA', 0, 'Mensa scolastica novembre 2026 - Rossi Luca', 6_240, 10],
  ['MENSA', 1, 'Mensa scolastica novembre 2026 - Bianchi Sara', 5_460, 10],
  ['MENSA', 3, 'Mensa scolastica novembre 2026 - Esposito Marco', 7_020, 10],
  ['MENSA', 5, 'Mensa scolastica novembre 2026 - Romano Elisa', 4_680, 10],
  ['MENSA', 2, 'Mensa scolastica dicembre 2026 - Verdi Giorgio', 3_900, 40],
  ['MENSA', 4, 'Mensa scolastica dicembre 2026 - Ferrari Anna', 3_120, 40],
  ['MULTA', 2, 'Verbale n. 1284/2026 - sosta vietata, art. 158 CdS', 4_200, 55],
  ['MULTA', 4, 'Verbale n. 1301/2026 - ZTL, art. 7 CdS', 8_300, 55],
  ['MULTA', 0, 'Verbale n. 1322/2026 - sosta senza ticket, art. 7 CdS', 2_900, 55],
  ['MULTA', 1, 'Verbale n. 1357/2026 - eccesso di velocità, art. 142 CdS', 17_300, 55],
  ['MULTA', 5, 'Verbale n. 1360/2026 - sosta su stallo disabili, art. 158 CdS', 16_800, 55],
  ['MULTA', 3, 'Verbale n. 1399/2026 - mancata revisione, art. 80 CdS', 17_300, 55],
];

/**
 * Seeds the demo on an empty database: one comune with its catalogue and fees, two shops with
 * EUR 5,000.00 of float and one terminal each, 20 open credits and one staff user. Runs inside a write.
 */
export function seedDemo(ctx: ServiceContext, staffPassword: string): DemoCredentials {
  const { repos, ids } = ctx;
  const now = ctx.clock.now();
  const createdAt = now.toISOString();
  const comune = {
    id: ids.id('com'),
    fiscalCode: '82000123453',
    name: 'Comune di Valdimonte',
    treasuryIban: 'IT41S0100003245000000001234',
    segregationCode: '47',
  };
  repos.tenants.insertComune(comune, createdAt);
  repos.tenants.setFees(comune.id, 'agent', { citizenFee: 150, agentShare: 100 });
  repos.tenants.setFees(comune.id, 'web', { citizenFee: 100, agentShare: 0 });
  repos.tenants.setFees(comune.id, 'app', { citizenFee: 0, agentShare: 0 });

  const service = (code: string, name: string, description: string, unexpected?: { fields: FieldDefinition[]; amountRule: AmountRule }) => {
    const row = {
      id: ids.id('svc'),
      comuneId: comune.id,
      code,
      name,
      description,
      acceptsUnexpected: unexpected !== undefined,
      fields: unexpected?.fields ?? null,
      amountRule: unexpected?.amountRule ?? null,
    };
    repos.tenants.insertService(row);
    return row;
  };
  const services = new Map(
    [
      service('TARI', 'TARI - Tassa sui rifiuti', 'Tassa sui rifiuti, avvisi annuali in una o due rate.'),
      service('MENSA', 'Mensa scolastica', 'Retta mensile della mensa delle scuole comunali.'),
      service('MULTA', 'Sanzioni codice della strada', 'Verbali della polizia locale.'),
      service('MERCATO', 'Canone mercatale - spunta', 'Occupazione giornaliera di un posteggio libero al mercato (spuntisti).', {
        fields: marketFields,
        amountRule: marketAmountRule,
      }),
    ].map((row) => [row.code, row]),
  );

  const agents = [
    { name: 'Tabaccheria Centrale di Neri Carla', taxCode: '01111222335', address: 'Via Roma 1, Valdimonte' },
    { name: 'Edicola del Mercato', taxCode: '01234560785', address: 'Piazza Garibaldi 4, Valdimonte' },
  ].map((agent, index) => {
    const row = { id: ids.id('agt'), comuneId: comune.id, lowBalanceThreshold: 50_000, ...agent };
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

  const day = 86_400_000;
  for (const [serviceCode, debtorIndex, description, amount, dueInDays] of openCredits) {
    const debtor = debtors[debtorIndex]!;
    const noticeNumber = makeNoticeNumber(comune.segregationCode, repos.tenants.nextIuvBase(comune.id));
    repos.credits.insert({
      id: ids.id('crd'),
      comuneId: comune.id,
      serviceId: services.get(serviceCode)!.id,
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtorType: debtor.type,
      debtorTaxCode: debtor.taxCode,
      debtorName: debtor.name,
      description,
      amount,
      dueDate: new Date(now.getTime() + dueInDays * day).toISOString().slice(0, 10),
      status: 'open',
      unexpected: false,
      fields: null,
      createdAt,
      paidAt: null,
    });
  }

  const staff = { email: 'tributi@comune.valdimonte.example', password: staffPassword };
  repos.tenants.insertStaffUser({ id: ids.id('usr'), comuneId: comune.id, email: staff.email, passwordHash: hashPassword(staffPassword), role: 'admin' }, createdAt);

  const publishable = createApiKey(ctx, {
    kind: 'publishable',
    comuneId: comune.id,
    allowedOrigins: ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://localhost:5173'],
  });
  return {
    terminalKey: agents[0]!.key.secret,
    otherTerminalKey: agents[1]!.key.secret,
    publishableKey: publishable.secret,
    comuneId: comune.id,
    agentId: agents[0]!.row.id,
    otherAgentId: agents[1]!.row.id,
    staff,
    sampleNoticeNumbers: repos.credits.openNoticeNumbers(comune.id, 8),
  };
}
