import { api, ApiError } from '../api/client.js';
import type { FeedEvent } from '../api/types.js';

export type Connection = 'connecting' | 'open' | 'retrying';

const RETRY_AFTER_MS = 3_000;

/**
 * The comune's events from `/v1/admin/events` (server-sent events), for the types asked. EventSource
 * reconnects by itself with Last-Event-ID after a dropped connection; when the server refused
 * outright (a restart under way, an ended session) a new one resumes from the last id seen, once
 * the session is known to be still there (a 401 ends it in the whole app, through the client).
 */
export class AdminEvents {
  private source: EventSource | undefined;
  private lastEventId = '';
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly types: readonly string[],
    private readonly onEvent: (event: FeedEvent<unknown>) => void,
    private readonly onConnection: (state: Connection) => void = () => {},
  ) {
    this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.source?.close();
  }

  private connect(): void {
    if (this.closed) return;
    const url = this.lastEventId ? `/v1/admin/events?lastEventId=${encodeURIComponent(this.lastEventId)}` : '/v1/admin/events';
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    this.onConnection('connecting');
    source.onopen = () => this.onConnection('open');
    for (const type of this.types) {
      source.addEventListener(type, (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) this.lastEventId = message.lastEventId;
        this.onEvent(JSON.parse(message.data) as FeedEvent<unknown>);
      });
    }
    source.onerror = () => {
      this.onConnection('retrying');
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      this.retryLater();
    };
  }

  /** Connects again once the session answers; keeps trying while the server does not (a 401 ends the app's session instead). */
  private retryLater(): void {
    this.retry = setTimeout(() => {
      api.get('/v1/admin/session').then(
        () => this.connect(),
        (error: unknown) => {
          if (!(error instanceof ApiError && error.status === 401)) this.retryLater();
        },
      );
    }, RETRY_AFTER_MS);
  }
}
