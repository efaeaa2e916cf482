import type { AmountRule, FieldDefinition } from '../contract/services.js';

/**
 * The demo comune the fake starts with: the same kind of data the reference server writes on its
 * first start. Amounts in integer cents.
 */
export const demoComune = {
  name: 'Comune di Borgo Esempio',
  fiscalCode: '83000390019',
  segregationCode: '01',
};

export const INITIAL_FLOAT = 500_000;
export const LOW_BALANCE_THRESHOLD = 50_000;

/** What a citizen pays on top, per channel, and the shop's share of it (it keeps that in cash). */
export const demoFees = {
  agent: { citizenFee: 200, agentShare: 120 },
  web: { citizenFee: 100, agentShare: 0 },
} as const;

export const INSTITUTION_NAME = 'Pay-Box Istituto di Pagamento S.p.A.';

export const demoAgents = [
  { name: 'Tabaccheria Centrale', address: 'Via Roma 1, Borgo Esempio' },
  { name: 'Edicola della Stazione', address: 'Piazza della Stazione 3, Borgo Esempio' },
];

export const demoStaff = { email: 'operatore@borgo-esempio.it', password: 'demo-password' };

const text = (it: string, en: string) => ({ it, en });

const marketFields: FieldDefinition[] = [
  {
    name: 'market',
    label: text('Mercato', 'Market'),
    type: 'select',
    required: true,
    options: [
      { value: 'piazza-garibaldi', label: text('Mercato di Piazza Garibaldi (martedì)', 'Piazza Garibaldi market (Tuesday)') },
      { value: 'viale-europa', label: text('Mercato di Viale Europa (sabato)', 'Viale Europa market (Saturday)') },
    ],
  },
  { name: 'date', label: text('Data', 'Date'), type: 'date', required: true },
  { name: 'stallNumber', label: text('Numero posteggio', 'Stall number'), type: 'text', required: true, maxLength: 10, pattern: '[A-Za-z0-9-]+' },
  {
    name: 'squareMeters',
    label: text('Metri quadrati', 'Square metres'),
    type: 'decimal',
    required: true,
    min: 1,
    max: 200,
    hint: text('Arrotondati per eccesso', 'Rounded up'),
  },
  {
    name: 'sector',
    label: text('Settore', 'Sector'),
    type: 'select',
    required: true,
    options: [
      { value: 'food', label: text('Alimentare', 'Food') },
      { value: 'non_food', label: text('Non alimentare', 'Non-food') },
      { value: 'farmer', label: text('Produttore agricolo', 'Farmer') },
    ],
  },
  { name: 'licenceNumber', label: text('Numero autorizzazione', 'Licence number'), type: 'text', required: true, maxLength: 30 },
];

const marketAmountRule: AmountRule = { type: 'perUnit', unitField: 'squareMeters', unitAmount: 150, rounding: 'up' };

export const demoServices = [
  { code: 'MENSA', name: 'Mensa scolastica', description: 'Pasti della refezione scolastica.', fields: null, amountRule: null },
  { code: 'MERCATO', name: 'Canone mercatale', description: 'Canone giornaliero dei posteggi nei mercati (spunta).', fields: marketFields, amountRule: marketAmountRule },
  { code: 'MULTA', name: 'Sanzioni al codice della strada', description: 'Verbali della polizia locale.', fields: null, amountRule: null },
  { code: 'TARI', name: 'Tassa sui rifiuti', description: 'TARI: tassa sui rifiuti urbani.', fields: null, amountRule: null },
];

export type DemoCreditStatus = 'open' | 'cancelled';

/** Credits with notice numbers; the last one exceeds a new float, the cancelled one cannot be paid. */
export const demoCredits: Array<{
  serviceCode: string;
  debtor: { type: 'person' | 'company'; name: string; taxCode: string };
  description: string;
  amount: number;
  dueDate: string | null;
  status: DemoCreditStatus;
}> = [
  {
    serviceCode: 'TARI',
    debtor: { type: 'person', name: 'Mario Rossi', taxCode: 'RSSMRA85T10H501O' },
    description: 'TARI 2026, rata 1 di 2',
    amount: 18_750,
    dueDate: '2026-12-16',
    status: 'open',
  },
  {
    serviceCode: 'MENSA',
    debtor: { type: 'person', name: 'Giulia Bianchi', taxCode: 'BNCGLI90D43F205U' },
    description: 'Mensa scolastica, novembre 2026',
    amount: 6_240,
    dueDate: '2026-12-10',
    status: 'open',
  },
  {
    serviceCode: 'MULTA',
    debtor: { type: 'person', name: 'Luca Verdi', taxCode: 'VRDLCU78L21L219J' },
    description: 'Verbale n. 2026/4512, divieto di sosta',
    amount: 4_200,
    dueDate: null,
    status: 'open',
  },
  {
    serviceCode: 'TARI',
    debtor: { type: 'person', name: 'Anna Esposito', taxCode: 'SPSNNA82B55F839D' },
    description: 'TARI 2026, rata 2 di 2',
    amount: 15_300,
    dueDate: '2027-03-16',
    status: 'open',
  },
  {
    serviceCode: 'MENSA',
    debtor: { type: 'person', name: 'Marco Ferrari', taxCode: 'FRRMRC75P30A944T' },
    description: 'Mensa scolastica, settembre 2026 (annullato)',
    amount: 5_980,
    dueDate: '2026-10-10',
    status: 'cancelled',
  },
  {
    serviceCode: 'TARI',
    debtor: { type: 'company', name: 'Albergo Centrale S.r.l.', taxCode: '02740580978' },
    description: 'TARI 2026 utenza non domestica, saldo',
    amount: 612_000,
    dueDate: '2026-12-16',
    status: 'open',
  },
];
