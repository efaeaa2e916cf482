import type { AdminEvent } from '@pay-box/contract';
import type { StaffClient } from './staff-client.js';
import type { TestServer } from './test-server.js';

/** An event of the cruscotto's feed as the browser's EventSource gets it: its id line, its event line, its data. */
export interface ReceivedEvent {
  id: string;
  event: string;
  data: AdminEvent;
  /** When it arrived (performance.now()). */
  at: number;
}

export interface EventFeed {
  events: ReceivedEvent[];
  /** Resolves with the first event (arrived or to come) that `match` accepts; fails after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** The heartbeat and other comment lines seen. */
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens /v1/admin/events as the staff client, with Last-Event-ID when given, and reads it as it comes. */
export async function openFeed(server: TestServer, staff: StaffClient, options: { lastEventId?: string; query?: string } = {}): Promise<EventFeed> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/v1/admin/events${options.query ?? ''}`, {
    headers: { cookie: staff.cookie, accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: abort.signal,
  });
  if (response.status !== 200) throw new Error(`feed refused: ${response.status} ${await response.text()}`);
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line);
            else fields.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart());
          }
          if (fields.has('data')) events.push({ id: fields.get('id')!, event: fields.get('event')!, data: JSON.parse(fields.get('data')!) as AdminEvent, at: performance.now() });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    events,
    comments,
    ended,
    close: () => abort.abort(),
    next: (match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((event) => event.event).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
  };
}
