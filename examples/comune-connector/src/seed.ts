import { makeNoticeNumber, type ConnectorCredit } from '@pay-box/sdk/contract';
import { demoComune, demoDebtors } from '@pay-box/sdk/demo';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The tributi office's own IUV range: far above the bases Pay-Box gives the credits it creates
 * itself (from 1 up), so that no notice number of this system can ever be one of Pay-Box's.
 */
const FIRST_IUV_BASE = 5_000_000_000_001;

type SeedCredit = Omit<ConnectorCredit, 'noticeNumber' | 'debtor' | 'dueDate'> & { debtorIndex: number; dueInDays: number };

/**
 * The credits of the demo comune (Valdimonte) and of its citizens, for services its Pay-Box demo
 * already has (TARI, MENSA): one of every status, so a lookup shows how each one reads.
 */
const seedCredits: SeedCredit[] = [
  { serviceCode: 'TARI', debtorIndex: 0, description: 'TARI 2026 rata 1 di 3 - via Roma 12, 4 occupanti', publicDescription: 'TARI 2026 rata 1 di 3', amount: 9_600, dueInDays: 15, status: 'open' },
  { serviceCode: 'TARI', debtorIndex: 0, description: 'TARI 2026 rata 2 di 3 - via Roma 12, 4 occupanti', publicDescription: 'TARI 2026 rata 2 di 3', amount: 9_600, dueInDays: 75, status: 'open' },
  { serviceCode: 'TARI', debtorIndex: 0, description: 'TARI 2026 rata 3 di 3 - via Roma 12, 4 occupanti', publicDescription: 'TARI 2026 rata 3 di 3', amount: 9_600, dueInDays: 135, status: 'open' },
  { serviceCode: 'TARI', debtorIndex: 1, description: 'TARI 2026 rata unica - via Garibaldi 3', publicDescription: 'TARI 2026 rata unica', amount: 18_450, dueInDays: 15, status: 'open' },
  { serviceCode: 'TARI', debtorIndex: 6, description: 'TARI 2026 utenza non domestica - laboratorio di via del Forno 1', publicDescription: 'TARI 2026 utenza non domestica', amount: 112_300, dueInDays: 30, status: 'open' },
  { serviceCode: 'TARI', debtorIndex: 2, description: 'TARI 2025 saldo - piazza Duomo 7, pagato allo sportello', publicDescription: 'TARI 2025 saldo', amount: 4_320, dueInDays: -30, status: 'paid' },
  { serviceCode: 'MENSA', debtorIndex: 3, description: 'Mensa scolastica gennaio 2027 - Esposito Marco, scuola primaria', publicDescription: 'Mensa scolastica gennaio 2027', amount: 5_850, dueInDays: 20, status: 'open' },
  { serviceCode: 'MENSA', debtorIndex: 5, description: 'Mensa scolastica dicembre 2026 - Romano Elisa, annullata per esonero ISEE', publicDescription: 'Mensa scolastica dicembre 2026', amount: 4_420, dueInDays: 5, status: 'cancelled' },
];

/** The seed as the protocol describes credits, due dates counted from the day of the first start. */
export function seedConnectorCredits(today: Date): ConnectorCredit[] {
  return seedCredits.map(({ debtorIndex, dueInDays, ...credit }, index) => {
    const debtor = demoDebtors[debtorIndex];
    if (!debtor) throw new RangeError(`no demo debtor ${debtorIndex}`);
    return {
      ...credit,
      noticeNumber: makeNoticeNumber(demoComune.segregationCode, String(FIRST_IUV_BASE + index)),
      debtor: { type: debtor.type, taxCode: debtor.taxCode, name: debtor.name },
      dueDate: new Date(today.getTime() + dueInDays * DAY_MS).toISOString().slice(0, 10),
    };
  });
}
