import type { Store } from '@pay-box/engine';

/** A real store whose reads can be made to fail on demand: a disk that errors, a database that is locked. */
export interface FaultyStore extends Store {
  failReads(error: Error): void;
  heal(): void;
}

export function faultyStore(store: Store): FaultyStore {
  let failure: Error | undefined;
  return {
    transaction: (work) => store.transaction(work),
    read: (work) => (failure ? Promise.reject(failure) : store.read(work)),
    snapshot: (work) => (failure ? Promise.reject(failure) : store.snapshot(work)),
    diagnostics: store.diagnostics,
    shared: store.shared,
    get discards() {
      return store.discards;
    },
    exclusively: (name, work) => store.exclusively(name, work),
    close: () => store.close(),
    failReads: (error) => (failure = error),
    heal: () => (failure = undefined),
  };
}
