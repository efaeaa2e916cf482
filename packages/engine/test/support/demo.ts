import {
  createEngine,
  MemoryBankBook,
  pbkdf2PasswordHasher,
  SandboxAcquirer,
  SandboxBank,
  type DispatchOptions,
  type Engine,
  type PublishablePrincipal,
  type SandboxBankOptions,
  type Store,
  type TerminalPrincipal,
  type TransferRail,
  type WebhookOptions,
} from '@pay-box/engine';
import type { DemoCredentials } from '@pay-box/engine/demo';
import type { OpenedStore, StoreFactory } from '../../../../test-support/stores.js';
import { countingIds, steppingClock } from './books.js';

export interface DemoOptions {
  /** The sandbox bank; its `faults` start once the demo is seeded (its payment of the day before goes through cleanly). */
  bank?: Omit<SandboxBankOptions, 'book'>;
  transferWaitMs?: number;
  dispatch?: Partial<DispatchOptions>;
  /** Webhooks' transport, URL guard and retry policy (none sent by default). */
  webhooks?: Partial<WebhookOptions>;
  /** Fixed ids and a clock that steps a second per reading: two stores given the same calls write the same rows. */
  deterministic?: boolean;
}

export interface Demo {
  engine: Engine;
  store: Store;
  bank: SandboxBank;
  /** The card acquirer of the web channel; its notifications reach the engine running now. */
  acquirer: SandboxAcquirer;
  demo: DemoCredentials;
  /** The principals of the demo's keys, as the API resolves them. */
  shop: TerminalPrincipal;
  otherShop: TerminalPrincipal;
  website: PublishablePrincipal;
  opened: OpenedStore;
  /**
   * A process restarting: `crashed` abandons the engine as a killed process would (nothing it had
   * under way finishes), otherwise it stops gracefully. The store is opened again and a new engine
   * runs on it, sending through `rail` (the bank by default); the bank goes on as it was.
   */
  restart(options?: { crashed?: boolean; rail?: TransferRail }): Promise<Demo>;
  dispose(): Promise<void>;
}

/** The engine on a store of the given kind, seeded with the demo (a sandbox bank in memory that answers at once). */
export async function openDemo(factory: StoreFactory, options: DemoOptions = {}): Promise<Demo> {
  const opened = await factory.open();
  const { faults, ...bankOptions } = options.bank ?? {};
  const bank = new SandboxBank({ book: new MemoryBankBook(), latencyMs: 0, ...bankOptions });
  const ids = options.deterministic ? countingIds() : undefined;
  const acquirer = new SandboxAcquirer({ secret: 'sandbox-acquirer-secret-for-tests-only', publicUrl: () => 'http://paybox.test' });
  const engineOn = (store: Store, rail: TransferRail) =>
    createEngine({
      store,
      rail,
      acquirer,
      settings: { publicUrl: 'http://paybox.test', institutionName: 'Pay-Box Istituto di Pagamento S.p.A.', transferWaitMs: options.transferWaitMs ?? 2_000 },
      dispatch: { retryBaseMs: 20, retryMaxMs: 200, ...options.dispatch },
      passwords: pbkdf2PasswordHasher(1_000),
      ...(options.webhooks && { webhooks: options.webhooks }),
      ...(ids && { ids, clock: steppingClock(Date.parse('2026-11-26T08:00:00Z')) }),
    });
  const engine = engineOn(opened.store, bank);
  const demo = await engine.demo.seed({ staffPassword: 'demo-password' });
  await engine.transfers.idle();
  if (faults) bank.injectFaults(faults);
  const principal = async (key: string) => (await engine.keys.authenticate(key))!;
  const principals = {
    shop: (await principal(demo.terminalKey)) as TerminalPrincipal,
    otherShop: (await principal(demo.otherTerminalKey)) as TerminalPrincipal,
    website: (await principal(demo.publishableKey)) as PublishablePrincipal,
  };
  const running = (current: Engine, store: Store): Demo => {
    // The acquirer's webhook reaches whichever engine runs now, as it would reach the server at its URL.
    acquirer.deliverTo(async (request) => {
      const effect = await current.checkoutSessions.recordNotification(await request.text(), request.headers);
      return Response.json({ received: true, effect });
    });
    return {
      engine: current,
      store,
      bank,
      acquirer,
      demo,
      ...principals,
      opened,
      async restart({ crashed = false, rail } = {}) {
        if (!crashed) await current.close();
        const reopened = await opened.reopen();
        return running(engineOn(reopened, rail ?? bank), reopened);
      },
      async dispose() {
        await current.close();
        await bank.close();
        await opened.dispose();
      },
    };
  };
  return running(engine, opened.store);
}
