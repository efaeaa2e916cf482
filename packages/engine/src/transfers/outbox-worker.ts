import type { EngineContext } from '../context.js';
import type { OutboxRow } from '../ports/rows.js';
import { deliverWebhook } from '../webhooks/deliver-webhook.js';
import { sendWriteBack } from '../connectors/send-write-back.js';

export interface OutboxWorkerOptions {
  /** Poll interval when nothing wakes the worker. */
  pollMs: number;
  /** Most dispatches under way at once. */
  concurrency: number;
}

export const defaultOutboxWorkerOptions: OutboxWorkerOptions = { pollMs: 1_000, concurrency: 32 };

/**
 * The safety net behind the payment path: payments send their own transfer (and card payments their
 * capture) right after their commit, and this loop claims what is left in the outbox (a send that
 * timed out, a bank or an acquirer still processing, the work of a run that crashed) when it falls
 * due, and hands it to the transfer dispatcher or the card operations. It also sends webhook
 * deliveries and write-backs to the comunes' systems, which only it sends: each kind has its own retry
 * policy (webhooks: a fixed schedule and a cap; write-backs: backoff for a week; both then dead, for
 * an admin to send again; transfers and card operations: backoff until the bank or acquirer answers).
 */
export class OutboxWorker {
  private running = false;
  private readonly working = new Set<Promise<void>>();
  private wake: (() => void) | undefined;
  /** Set by a kick that came while the loop was not asleep, so that it does not go to sleep. */
  private kicked = false;
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: OutboxWorkerOptions = defaultOutboxWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const stopEnqueued = this.ctx.events.on('outbox.enqueued', () => this.kick());
    // A commit that recorded events may have written webhook deliveries with them.
    const stopAppended = this.ctx.events.on('events.appended', () => this.kick());
    this.unsubscribe = () => {
      stopEnqueued();
      stopAppended();
    };
    this.loop = this.run();
  }

  /** Stops claiming, and waits for the dispatches under way. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.kick();
    await this.loop;
    await Promise.allSettled([...this.working]);
  }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.working.size;
      const claimed = free > 0 ? await this.claim(free) : [];
      for (const row of claimed) {
        const work = this.dispatch(row).finally(() => {
          this.working.delete(work);
          this.kick();
        });
        this.working.add(work);
      }
      if (claimed.length === 0 && this.running) await this.sleep();
    }
  }

  private dispatch(row: OutboxRow): Promise<void> {
    const { kind } = row;
    if (kind === 'transfer') return this.ctx.dispatcher.dispatch(row);
    if (kind === 'webhook') return deliverWebhook(this.ctx, row);
    if (kind === 'write_back') return sendWriteBack(this.ctx, row);
    return this.ctx.cardOperations.run({ ...row, kind });
  }

  private async claim(limit: number): Promise<OutboxRow[]> {
    const now = this.ctx.clock.now();
    const leaseUntil = new Date(now.getTime() + this.ctx.dispatch.leaseMs).toISOString();
    try {
      return await this.ctx.store.transaction((tx) => tx.outbox.claimDue(now.toISOString(), leaseUntil, limit));
    } catch (error) {
      this.ctx.log.error('outbox claim failed', { error: String(error) });
      return [];
    }
  }

  private async sleep(): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return;
    }
    const nextDue = await this.ctx.store.read((tx) => tx.outbox.nextDueAt()).catch(() => undefined);
    const untilDue = nextDue ? Date.parse(nextDue) - this.ctx.clock.now().getTime() : this.options.pollMs;
    const delay = Math.max(5, Math.min(this.options.pollMs, untilDue));
    if (this.kicked || !this.running) {
      this.kicked = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.kicked = false;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.wake = done;
    });
  }
}
