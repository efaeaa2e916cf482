import type { AdminEvent } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import type { EventRow } from '../ports/live.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';

/** Events read from the store at a time: a reconnection after a long absence catches up in batches. */
const BATCH = 200;

export interface FollowOptions {
  /** Replay the events after this sequence number; null: only what happens from now on. */
  afterSeq: number | null;
  /** False: end once the replay is done. */
  follow: boolean;
  /** How often to read the store when nothing wakes the reader (another process's event that was not relayed). */
  pollMs: number;
  /** True once the reader should stop: the client went away, or the server is draining. */
  stopped: () => boolean;
  /** Ends a wait at once when the client goes away. */
  signal: AbortSignal;
}

export type FeedEvent = AdminEvent & { seq: number };

const feedEvent = (row: EventRow): FeedEvent => ({ seq: row.seq, id: row.id, type: row.type, createdAt: row.createdAt, data: row.data });

/**
 * The comune's feed from a position on: the rows of the append-only events table, each once and in
 * commit order. It waits for the engine's word that the feed grew (in this process, or relayed from
 * another one sharing the store), and reads the store every `pollMs` anyway, so that nothing relies
 * on a message arriving.
 */
export async function* followEvents(ctx: EngineContext, principal: StaffPrincipal, options: FollowOptions): AsyncGenerator<FeedEvent> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  let last = options.afterSeq ?? (await ctx.store.read((tx) => tx.events.lastSeq(comuneId)));
  let grew = false;
  let wake: (() => void) | undefined;
  const unsubscribe = ctx.events.on('events.appended', (event) => {
    if (event.comuneId !== comuneId) return;
    grew = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  options.signal.addEventListener('abort', onAbort);
  try {
    while (!options.stopped()) {
      grew = false;
      const rows = await ctx.store.read((tx) => tx.events.after(comuneId, last, BATCH));
      for (const row of rows) {
        last = row.seq;
        yield feedEvent(row);
      }
      if (rows.length === BATCH) continue;
      if (!options.follow) return;
      if (grew || options.stopped()) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, options.pollMs);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    }
  } finally {
    unsubscribe();
    options.signal.removeEventListener('abort', onAbort);
  }
}
