import { makeNoticeNumber } from '@pay-box/contract';
import type { CreditRow, Engine } from '@pay-box/engine';
import { demoComune, demoFees, demoServiceRows } from '@pay-box/engine/demo';

/**
 * Data for load and concurrency runs, written through the engine's storage port beside a running
 * server (the comune's own data, as its connector would bring it): more credits for a comune, more
 * shops, more comuni each with a shop. Everything valid: tax codes and IBANs pass their checks, so the sandbox
 * bank accepts every transfer.
 */

export interface LoadCredit {
  id: string;
  amount: number;
  noticeNumber: string;
}


/** A company tax code (partita IVA) ending in its check digit. */
function companyTaxCode(body: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(body[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** An Italian IBAN with its mod-97 check digits. */
function italianIban(bban: string): string {
  const digits = `${bban}IT00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return `IT${String(98 - remainder).padStart(2, '0')}${bban}`;
}

/** Adds `count` open credits of `amount` cents (TARI) to a comune, with the next notice numbers of its IUV sequence. */
export async function addCredits(engine: Engine, comuneId: string, count: number, amount = 2_500): Promise<LoadCredit[]> {
  const { store, ids, clock } = engine.context;
  return store.transaction(async (tx) => {
    const comune = (await tx.comuni.get(comuneId))!;
    const service = (await tx.services.list(comuneId)).find((row) => row.code === 'TARI')!;
    const credits: LoadCredit[] = [];
    for (let n = 0; n < count; n++) {
      const noticeNumber = makeNoticeNumber(comune.segregationCode, await tx.comuni.nextIuvBase(comuneId));
      const row: CreditRow = {
        id: ids.id('crd'),
        comuneId,
        serviceId: service.id,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtorType: 'person',
        debtorTaxCode: 'RSSMRA85T10H501O',
        debtorName: 'Mario Rossi',
        description: `TARI 2026 - utenza ${n + 1}`,
        publicDescription: 'TARI 2026',
        amount,
        dueDate: null,
        status: 'open',
        unexpected: false,
        fields: null,
        createdAt: clock.now().toISOString(),
        paidAt: null,
      };
      await tx.credits.insert(row);
      credits.push({ id: row.id, amount, noticeNumber });
    }
    return credits;
  });
}

export interface LoadShop {
  agentId: string;
  terminalKey: string;
}

/** Adds a shop to a comune, its float topped up with `float` cents, and a terminal key for it. */
export async function addShop(engine: Engine, comuneId: string, options: { id: string; name: string; float: number }): Promise<LoadShop> {
  const { store, clock } = engine.context;
  const number = options.id.replace(/\D/g, '').padStart(7, '0').slice(-7);
  await store.transaction((tx) =>
    tx.agents.insert({ id: options.id, comuneId, name: options.name, taxCode: companyTaxCode(`011${number}`), address: `Via Roma ${Number(number)}`, lowBalanceThreshold: 50_000, openingHours: [] }, clock.now().toISOString()),
  );
  await engine.agents.topUp(options.id, options.float);
  const key = await engine.keys.create({ kind: 'terminal', agentId: options.id, label: 'Cassa 1' });
  return { agentId: options.id, terminalKey: key.secret };
}

/** Adds `count` shops to a comune (`agt_Negozio<n>`), each with `float` cents. */
export async function addShops(engine: Engine, comuneId: string, count: number, float: number): Promise<LoadShop[]> {
  const shops: LoadShop[] = [];
  for (let index = 1; index <= count; index++) {
    shops.push(await addShop(engine, comuneId, { id: `agt_Negozio${String(index).padStart(8, '0')}`, name: `Negozio ${index}`, float }));
  }
  return shops;
}

export interface LoadComune extends LoadShop {
  comuneId: string;
}

/** Adds `count` comuni like the demo's (its catalogue and fees), numbered from `first`, each with one shop holding `float` cents. */
export async function addComuni(engine: Engine, options: { count: number; first?: number; float: number }): Promise<LoadComune[]> {
  const { store, clock } = engine.context;
  const created: LoadComune[] = [];
  const first = options.first ?? 1;
  for (let index = first; index < first + options.count; index++) {
    const number = String(index).padStart(4, '0');
    const comuneId = `com_Carico${number.padStart(8, '0')}`;
    await store.transaction(async (tx) => {
      await tx.comuni.insert(
        {
          id: comuneId,
          name: `Comune di Prova ${index}`,
          fiscalCode: companyTaxCode(`820${number}000`),
          treasuryIban: italianIban(`X0100003245${number.padStart(12, '0')}`),
          segregationCode: demoComune.segregationCode,
        },
        clock.now().toISOString(),
      );
      for (const [channel, fees] of Object.entries(demoFees)) await tx.fees.set(comuneId, channel as keyof typeof demoFees, fees);
      for (const service of demoServiceRows(comuneId, (code) => `svc_Carico${number}${code}`)) await tx.services.insert(service);
    });
    const shop = await addShop(engine, comuneId, { id: `agt_Carico${number.padStart(9, '0')}`, name: `Tabaccheria ${index}`, float: options.float });
    created.push({ comuneId, ...shop });
  }
  return created;
}
