import type { EventChannel, Logger } from '@pay-box/engine';
import pg from 'pg';

const CHANNEL = 'paybox_events';

/**
 * Events between the instances that share one PostgreSQL: NOTIFY to publish, one connection per
 * instance that LISTENs. A lost connection is opened again, with a growing pause; meanwhile events
 * are missed, and whoever waits on one finds the answer by polling the store.
 */
export class PostgresEventChannel implements EventChannel {
  private readonly receivers = new Set<(message: string) => void>();
  private listener: pg.Client | undefined;
  private reconnect: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly publisher: pg.Pool,
    private readonly log: Logger,
  ) {}

  static async open(url: string, log: Logger): Promise<PostgresEventChannel> {
    const channel = new PostgresEventChannel(url, new pg.Pool({ connectionString: url, max: 2, application_name: 'pay-box events' }), log);
    channel.publisher.on('error', () => {});
    await channel.listen();
    return channel;
  }

  async publish(message: string): Promise<void> {
    await this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, message]);
  }

  subscribe(receive: (message: string) => void): () => void {
    this.receivers.add(receive);
    return () => this.receivers.delete(receive);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => {});
    await this.publisher.end();
  }

  /** Opens the listening connection; throws when it cannot. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'pay-box events' });
    client.on('notification', ({ channel, payload }) => {
      if (channel === CHANNEL && payload !== undefined) this.receivers.forEach((receive) => receive(payload));
    });
    client.on('error', (error) => {
      this.log.warn('lost the events connection to PostgreSQL: reconnecting', { error: error.message });
      void client.end().catch(() => {});
      this.listenAgain(0);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) return void (await client.end());
    this.listener = client;
  }

  private listenAgain(attempt: number): void {
    this.listener = undefined;
    if (this.closed) return;
    this.reconnect = setTimeout(() => {
      this.listen().catch(() => this.listenAgain(attempt + 1));
    }, Math.min(30_000, 250 * 2 ** attempt));
  }
}
