import type { AmountRule, FieldDefinition } from '@pay-box/contract';
import type { NewServiceRow } from '../ports/rows.js';

/**
 * The demo data, one source for both the reference server (it seeds it on its first start) and the
 * SDK's mock (@pay-box/sdk/mock, which runs this engine), so a POS tested offline meets the same
 * comune, services, shops and credits as on the demo server. Data, and its rows. Amounts in integer cents.
 */
export const demoComune = {
  id: 'com_Valdimonte0001',
  name: 'Comune di Valdimonte',
  fiscalCode: '82000123453',
  treasuryIban: 'IT41S0100003245000000001234',
  segregationCode: '47',
};

export const DEMO_FLOAT = 500_000;
export const LOW_BALANCE_THRESHOLD = 50_000;

/** What a citizen pays on top, per channel, and the shop's share of it (it keeps that in cash). */
export const demoFees = {
  agent: { citizenFee: 150, agentShare: 100 },
  web: { citizenFee: 100, agentShare: 0 },
  app: { citizenFee: 0, agentShare: 0 },
} as const;

export const INSTITUTION_NAME = 'Pay-Box Istituto di Pagamento S.p.A.';

const weekdays = [1, 2, 3, 4, 5, 6];

export const demoAgents = [
  {
    id: 'agt_Tabaccheria0001',
    name: 'Tabaccheria Centrale di Neri Carla',
    taxCode: '01111222335',
    address: 'Via Roma 1, Valdimonte',
    // A tabaccheria's day: mornings and afternoons, Monday to Saturday, closed on Sunday.
    openingHours: weekdays.flatMap((day) => [
      { day, opens: '07:30', closes: '13:00' },
      { day, opens: '15:30', closes: '19:30' },
    ]),
  },
  {
    id: 'agt_Edicola00000002',
    name: 'Edicola del Mercato',
    taxCode: '01234560785',
    address: 'Piazza Garibaldi 4, Valdimonte',
    // A newsstand opens early every day, Sunday mornings too.
    openingHours: [...weekdays.map((day) => ({ day, opens: '06:00', closes: '12:30' })), { day: 7, opens: '07:00', closes: '12:00' }],
  },
];

/** Origins the demo's publishable key accepts: the server's own pages and a local dev server. */
export const demoAllowedOrigins = ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://localhost:5173'];

export const demoStaff = { email: 'tributi@comune.valdimonte.example', name: 'Ufficio Tributi', password: 'demo-password' };

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

/**
 * The demo's violations of the Codice della Strada, with the amount of each (the minimum of its
 * sanction, as the comune's table has it): what a pre-notice left on a windscreen names.
 */
const violations: Array<{ value: string; it: string; en: string; amount: number }> = [
  { value: 'ART7-ZTL', it: 'Art. 7 c. 14 - accesso in zona a traffico limitato', en: 'Art. 7(14) - entering a limited traffic zone', amount: 8_300 },
  { value: 'ART7-TICKET', it: 'Art. 7 c. 15 - sosta senza ticket o oltre l’orario', en: 'Art. 7(15) - parking without a ticket or past its time', amount: 2_900 },
  { value: 'ART80-REVISIONE', it: 'Art. 80 c. 14 - revisione del veicolo scaduta', en: 'Art. 80(14) - vehicle test overdue', amount: 17_300 },
  { value: 'ART142-VELOCITA', it: 'Art. 142 c. 8 - velocità oltre il limite di 10-40 km/h', en: 'Art. 142(8) - speeding by 10-40 km/h', amount: 17_300 },
  { value: 'ART146-SEMAFORO', it: 'Art. 146 c. 3 - semaforo rosso', en: 'Art. 146(3) - red light', amount: 16_700 },
  { value: 'ART158-SOSTA', it: 'Art. 158 c. 2 - divieto di sosta', en: 'Art. 158(2) - no parking', amount: 4_200 },
  { value: 'ART158-DISABILI', it: 'Art. 158 c. 2 - sosta su stallo per disabili', en: 'Art. 158(2) - parking in a disabled bay', amount: 16_800 },
];

const preNoticeFields: FieldDefinition[] = [
  {
    name: 'preNoticeNumber',
    label: { it: 'Numero del preavviso', en: 'Pre-notice number' },
    type: 'text',
    required: true,
    maxLength: 20,
    pattern: '[A-Za-z0-9/-]{1,20}',
    hint: { it: 'Stampato sul preavviso di accertamento lasciato sul veicolo', en: 'Printed on the pre-notice left on the vehicle' },
  },
  { name: 'plate', label: { it: 'Targa', en: 'Number plate' }, type: 'text', required: true, maxLength: 10, pattern: '[A-Za-z0-9]{2,10}' },
  { name: 'date', label: { it: 'Data della violazione', en: 'Date of the violation' }, type: 'date', required: true, notAfterToday: true },
  { name: 'place', label: { it: 'Luogo', en: 'Place' }, type: 'text', required: true, maxLength: 60 },
  {
    name: 'violation',
    label: { it: 'Violazione', en: 'Violation' },
    type: 'select',
    required: true,
    options: violations.map(({ value, it, en }) => ({ value, label: { it, en } })),
  },
];

/** The amount of the violation, 30% off when paid within 5 days of it (art. 202 c. 1 Codice della Strada). */
const preNoticeAmountRule: AmountRule = {
  type: 'table',
  keyField: 'violation',
  amounts: Object.fromEntries(violations.map(({ value, amount }) => [value, amount])),
  reduction: { percent: 30, withinDays: 5, fromField: 'date' },
};

/** The catalogue, in the order the API lists it (by code). */
export const demoServices = [
  { code: 'MENSA', name: 'Mensa scolastica', description: 'Retta mensile della mensa delle scuole comunali.', unexpected: null },
  {
    code: 'MERCATO',
    name: 'Canone mercatale - spunta',
    description: 'Occupazione giornaliera di un posteggio libero al mercato (spuntisti).',
    unexpected: { fields: marketFields, amountRule: marketAmountRule },
  },
  {
    code: 'MULTA',
    name: 'Sanzioni codice della strada',
    description: 'Verbali della polizia locale; un preavviso di accertamento si paga anche prima che il verbale sia registrato.',
    unexpected: { fields: preNoticeFields, amountRule: preNoticeAmountRule },
  },
  { code: 'TARI', name: 'TARI - Tassa sui rifiuti', description: 'Tassa sui rifiuti, avvisi annuali in una o due rate.', unexpected: null },
];

/** The people and firms the demo's credits are of. */
export const demoDebtors = [
  { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi', type: 'person' as const },
  { taxCode: 'BNCGLI90D43F205U', name: 'Giulia Bianchi', type: 'person' as const },
  { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi', type: 'person' as const },
  { taxCode: 'SPSNNA82A55L219U', name: 'Anna Esposito', type: 'person' as const },
  { taxCode: 'FRRPLA69P30A944S', name: 'Paolo Ferrari', type: 'person' as const },
  { taxCode: 'RMNCHR95B48D612T', name: 'Chiara Romano', type: 'person' as const },
  { taxCode: '01234560785', name: 'Forno Valdimonte S.r.l.', type: 'company' as const },
];

/**
 * The 20 open credits: [service, debtor index, the comune's own description, the citizen-safe one,
 * cents, days until due]. The comune's text names family members and addresses, as real ones do.
 */
const openCredits: Array<[string, number, string, string, number, number]> = [
  ['TARI', 0, 'TARI 2026 rata 1 di 2 - via Roma 12', 'TARI 2026 rata 1 di 2', 14_350, 20],
  ['TARI', 0, 'TARI 2026 rata 2 di 2 - via Roma 12', 'TARI 2026 rata 2 di 2', 14_350, 110],
  ['TARI', 1, 'TARI 2026 rata unica - via Garibaldi 3', 'TARI 2026 rata unica', 21_800, 20],
  ['TARI', 2, 'TARI 2026 rata 1 di 2 - piazza Duomo 7', 'TARI 2026 rata 1 di 2', 9_875, 20],
  ['TARI', 3, 'TARI 2026 rata unica - via dei Mille 44', 'TARI 2026 rata unica', 17_210, 20],
  ['TARI', 4, 'TARI 2026 rata unica - corso Italia 90', 'TARI 2026 rata unica', 26_400, 20],
  ['TARI', 6, 'TARI 2026 utenza non domestica - via del Forno 1', 'TARI 2026 utenza non domestica', 84_520, 20],
  ['TARI', 5, 'TARI 2026 rata unica - vicolo Stretto 2', 'TARI 2026 rata unica', 8_960, 20],
  ['MENSA', 0, 'Mensa scolastica novembre 2026 - Rossi Luca', 'Mensa scolastica novembre 2026', 6_240, 10],
  ['MENSA', 1, 'Mensa scolastica novembre 2026 - Bianchi Sara', 'Mensa scolastica novembre 2026', 5_460, 10],
  ['MENSA', 3, 'Mensa scolastica novembre 2026 - Esposito Marco', 'Mensa scolastica novembre 2026', 7_020, 10],
  ['MENSA', 5, 'Mensa scolastica novembre 2026 - Romano Elisa', 'Mensa scolastica novembre 2026', 4_680, 10],
  ['MENSA', 2, 'Mensa scolastica dicembre 2026 - Verdi Giorgio', 'Mensa scolastica dicembre 2026', 3_900, 40],
  ['MENSA', 4, 'Mensa scolastica dicembre 2026 - Ferrari Anna', 'Mensa scolastica dicembre 2026', 3_120, 40],
  ['MULTA', 2, 'Verbale n. 1284/2026 - sosta vietata, art. 158 CdS', 'Verbale n. 1284/2026, art. 158 CdS', 4_200, 55],
  ['MULTA', 4, 'Verbale n. 1301/2026 - ZTL, art. 7 CdS', 'Verbale n. 1301/2026, art. 7 CdS', 8_300, 55],
  ['MULTA', 0, 'Verbale n. 1322/2026 - sosta senza ticket, art. 7 CdS', 'Verbale n. 1322/2026, art. 7 CdS', 2_900, 55],
  ['MULTA', 1, 'Verbale n. 1357/2026 - eccesso di velocità, art. 142 CdS', 'Verbale n. 1357/2026, art. 142 CdS', 17_300, 55],
  ['MULTA', 5, 'Verbale n. 1360/2026 - sosta su stallo disabili, art. 158 CdS', 'Verbale n. 1360/2026, art. 158 CdS', 16_800, 55],
  ['MULTA', 3, 'Verbale n. 1399/2026 - mancata revisione, art. 80 CdS', 'Verbale n. 1399/2026, art. 80 CdS', 17_300, 55],
];

/**
 * The demo's ids are fixed, like its data, so that the documentation's examples work on any demo
 * server and on the SDK's mock alike. Keys and secrets are never fixed: each demo draws its own.
 */
export const demoCredits = openCredits.map(([serviceCode, debtorIndex, description, publicDescription, amount, dueInDays], index) => ({
  id: `crd_Valdimonte${String(index + 1).padStart(4, '0')}`,
  serviceCode,
  debtor: demoDebtors[debtorIndex]!,
  description,
  publicDescription,
  amount,
  dueInDays,
}));

export const demoServiceId = (code: string): string => `svc_Valdimonte${code}`;

/** The demo's catalogue as rows of a comune: the demo's own, or a copy for another comune (load and concurrency runs). */
export function demoServiceRows(comuneId: string, serviceId: (code: string) => string = demoServiceId): NewServiceRow[] {
  return demoServices.map((service) => ({
    id: serviceId(service.code),
    comuneId,
    code: service.code,
    name: service.name,
    description: service.description,
    acceptsUnexpected: service.unexpected !== null,
    fields: service.unexpected?.fields ?? null,
    amountRule: service.unexpected?.amountRule ?? null,
  }));
}

/**
 * One credit the demo shop already collected the day before the demo starts, with its receipt and
 * its transfer settled at the sandbox bank: something to read, print and verify from the first minute.
 */
export const demoPastPayment = {
  credit: {
    id: 'crd_Valdimonte0021',
    serviceCode: 'TARI',
    debtor: demoDebtors[2]!,
    description: 'TARI 2025 saldo - piazza Duomo 7',
    publicDescription: 'TARI 2025 saldo',
    amount: 6_480,
    dueInDays: -10,
  },
  paymentId: 'pay_Valdimonte0001',
  receiptId: 'rcp_Valdimonte0001',
  transferId: 'trf_Valdimonte0001',
  outboxId: 'obx_Valdimonte0001',
  verificationCode: 'VA1D-M0NT-E001',
};

/** How many notice numbers demo-credentials.json lists. */
export const SAMPLE_NOTICE_COUNT = 8;

/** What the reference server writes to `<dataDir>/demo-credentials.json` on its first start. */
export interface DemoCredentials {
  /** Terminal secret key of the demo shop. */
  terminalKey: string;
  /** Terminal key of another shop of the same comune (`otherAgentId`): it sees none of the first shop's payments. */
  otherTerminalKey: string;
  /** The comune's key for web sites: lookups only, debtors masked. */
  publishableKey: string;
  comuneId: string;
  /** The shop of `terminalKey`. */
  agentId: string;
  otherAgentId: string;
  staff: { email: string; password: string };
  /** Notice numbers of open demo credits. */
  sampleNoticeNumbers: string[];
}
