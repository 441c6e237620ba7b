import type { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { needsRequestScope, requestCommitted, requestScope, requestState } from '../../lib/db/request-state';
import { type EntityManager, TransactionContext } from '@mikro-orm/core';
import { ScopedStorage, switchOffOrmTransactionStorage } from '../../lib/db/scoped-storage';

/** Whether Node's AsyncLocalStorage behind a ScopedStorage is on (Node 20 keeps the flag as a plain field). */
const isOn = (scoped: ScopedStorage<unknown>) =>
  (scoped as unknown as { storage: AsyncLocalStorage<unknown> & { enabled: boolean } }).storage.enabled;

describe('a storage that is on only while one of its scopes is open (lib/db/scoped-storage.ts)', () => {
  it('keeps each scope its own store across awaits, and is off once the last scope closes', async () => {
    const storage = new ScopedStorage<{ name: string }>();
    expect(isOn(storage)).toBe(false);
    const seen: (string | undefined)[] = [];
    const work = (name: string, turns: number) =>
      storage.run({ name }, async () => {
        for (let i = 0; i < turns; i++) await nextTurn();
        seen.push(`${name}:${storage.get()?.name}`);
      });
    const first = work('a', 3);
    const second = work('b', 1);
    expect(isOn(storage)).toBe(true);
    await second;
    // 'a' is still open: the storage stays on and 'a' still sees its own store
    expect(isOn(storage)).toBe(true);
    await first;
    expect(seen).toEqual(['b:b', 'a:a']);
    expect(isOn(storage)).toBe(false);
    expect(storage.get()).toBeUndefined();
  });

  it('closes the scope of work that fails, at once or later', async () => {
    const storage = new ScopedStorage<number>();
    await expect(
      storage.run(1, async () => {
        await nextTurn();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(() =>
      storage.enter(2, () => {
        throw new Error('at once');
      }),
    ).toThrow('at once');
    expect(isOn(storage)).toBe(false);
  });

  it('counts a scope closed twice once', async () => {
    const storage = new ScopedStorage<number>();
    const closeFirst = storage.enter(1, () => undefined);
    const closeSecond = storage.enter(2, () => undefined);
    closeFirst();
    closeFirst();
    expect(isOn(storage)).toBe(true);
    closeSecond();
    expect(isOn(storage)).toBe(false);
  });
});

describe("MikroORM's storage of transaction contexts", () => {
  it('is switched off by the hub once no transaction is open (em.transactional leaves it on)', async () => {
    const ormStorage = (TransactionContext as unknown as { storage: { enabled: boolean } }).storage;
    const em = { _id: 1, name: 'default' } as unknown as EntityManager;
    await TransactionContext.create(em, async () => {
      await nextTurn();
      expect(TransactionContext.getEntityManager()).toBe(em);
    });
    expect(ormStorage.enabled).toBe(true);
    switchOffOrmTransactionStorage();
    expect(ormStorage.enabled).toBe(false);
  });
});

describe("a request's scope (lib/db/request-state.ts)", () => {
  it('is opened for a document that can hold a change, a body without one, or a department that reads replicas', () => {
    expect(needsRequestScope({ query: '{ resident(id: "1") { name } }' }, false)).toBe(false);
    expect(
      needsRequestScope({ query: 'query R($representations: [_Any!]!) { _entities { __typename } }' }, false),
    ).toBe(false);
    expect(needsRequestScope({ query: 'mutation { applyForAssistance(input: {}) { id } }' }, false)).toBe(true);
    expect(needsRequestScope({ query: '{ resident(id: "1") { name } }' }, true)).toBe(true);
    expect(needsRequestScope([{ query: '{ a }' }], false)).toBe(true);
    expect(needsRequestScope({ extensions: { persistedQuery: {} } }, false)).toBe(true);
    expect(needsRequestScope(null, false)).toBe(true);
  });

  it('holds the state until the response closes, and none when not needed', async () => {
    const response = new EventEmitter();
    let unscoped: unknown = 'not run';
    requestScope(response, false, () => {
      unscoped = requestState();
    });
    expect(unscoped).toBeUndefined();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let beforeClose!: Promise<boolean>;
    let afterClose!: Promise<unknown>;
    requestScope(response, true, () => {
      requestState()!.committed = true;
      beforeClose = nextTurn().then(() => requestCommitted());
      afterClose = gate.then(() => requestState());
    });
    expect(await beforeClose).toBe(true);
    response.emit('close');
    release();
    // work of the request still running after its response closed finds no state (the storage is off)
    expect(await afterClose).toBeUndefined();
  });
});
