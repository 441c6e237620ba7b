import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionContext } from '@mikro-orm/core';
import { Gauge } from 'prom-client';
import { registry } from '../metrics';

/** every ScopedStorage of the process, for the gauge below */
const storages: ScopedStorage<unknown>[] = [];
const ormStorage = () => (TransactionContext as unknown as { storage: AsyncLocalStorage<unknown> }).storage;

/**
 * An AsyncLocalStorage that is on only while one of its scopes is open.
 *
 * In Node 20 an AsyncLocalStorage, once it has run a scope, stays on for the life of the process, and while any is on
 * every promise of the process pays a hook that copies the stores into it. A subgraph's answer makes a promise per
 * field: that hook was a seventh of a roster's CPU in a department (docs/performance.md), paid by every read for state
 * only a change or a department with read replicas uses. So a scope is opened only where it carries something, and
 * the storage is switched off again when the last open scope closes. Node turns its hook off when no storage is on.
 */
export class ScopedStorage<T> {
  private readonly storage = new AsyncLocalStorage<T>();
  private open = 0;

  constructor() {
    storages.push(this);
  }

  /** Whether a scope is open (and so Node's storage on). */
  get isOn(): boolean {
    return this.open > 0;
  }

  /** The store of the scope the code running now is in; undefined outside every scope. */
  get(): T | undefined {
    return this.open ? this.storage.getStore() : undefined;
  }

  /**
   * Runs `run` in a scope with `store` that stays open until `close` is called (for an HTTP request: when its
   * response is closed). `close` may be called more than once.
   */
  enter(store: T, run: () => void): () => void {
    this.open++;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      if (--this.open === 0) this.storage.disable();
    };
    try {
      this.storage.run(store, run);
    } catch (error) {
      close();
      throw error;
    }
    return close;
  }

  /** Runs `work` in a scope with `store`, closed when `work` settles. */
  async run<R>(store: T, work: () => Promise<R>): Promise<R> {
    let result!: Promise<R>;
    const close = this.enter(store, () => {
      result = work();
    });
    try {
      return await result;
    } finally {
      close();
    }
  }
}

/**
 * Switches off MikroORM's own AsyncLocalStorage of transaction contexts, which `em.transactional` turns on and never
 * off. Call only while no transaction of the process is open: the hub opens them all through
 * lib/writes/unit-of-work.ts `inTransaction`, which calls this when its last one ends, and the transaction's work is
 * handed its EntityManager, never looked up from that storage.
 */
export function switchOffOrmTransactionStorage(): void {
  ormStorage().disable();
}

new Gauge({
  name: 'hub_async_context_storages_on',
  help: 'AsyncLocalStorages of this process that are on (while one is, every promise pays a hook): 0 between requests, and during reads in a department without read replicas',
  registers: [registry],
  collect() {
    const orm = (ormStorage() as unknown as { enabled?: boolean }).enabled === true;
    this.set(storages.filter((s) => s.isOn).length + (orm ? 1 : 0));
  },
});
