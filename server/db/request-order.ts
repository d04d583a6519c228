import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

/**
 * Oldest request first on the database pools.
 *
 * pg-pool hands a free connection to its waiters in the order they asked, one query at a time. A request makes
 * several queries in turn (its caller, its budget, its transaction), and under a storm each of them queued behind
 * every query asked for since the previous one: all requests slowed down together. Right after a database
 * restart, the requests held while it was down (restart-pause.ts) all finished together, seconds late. In the
 * surge drill the first write after the restart took 7.8 s, while throughput was back after 2.8 s.
 *
 * Here a waiting query is served in the order its request started: a request that has started finishes before
 * newer ones take connections, so under overload the wait moves to a request's first query. Work outside a
 * request (jobs, the live hub, pages) counts from the moment it asks, as before.
 */
const requestStart = new AsyncLocalStorage<number>();

/** Runs an HTTP request's handler so that its queries are served by the request's start (see above). */
export function inRequestOrder<T>(handle: () => T): T {
  return requestStart.run(performance.now(), handle);
}

/** Each waiter's request start (or the moment it asked). */
const startOf = new WeakMap<object, number>();

/** pg-pool's waiting list, kept in request order: pg-pool itself only push()es, shift()s and splice()s it. */
class RequestOrderedQueue<T extends object> extends Array<T> {
  // slice, splice and map give plain arrays
  static get [Symbol.species]() {
    return Array;
  }

  override push(...items: T[]): number {
    for (const item of items) {
      const key = requestStart.getStore() ?? performance.now();
      startOf.set(item, key);
      // after every waiter of the same or an earlier start: arrival order among equals, as pg-pool's own
      let at = this.length;
      while (at > 0 && startOf.get(this[at - 1]!)! > key) at--;
      this.splice(at, 0, item);
    }
    return this.length;
  }
}

/** Makes `pool` serve its waiters in request order. Throws when pg-pool's internals are not what this relies on. */
export function serveOldestRequestFirst(pool: pg.Pool): void {
  const internals = pool as unknown as { _pendingQueue?: unknown };
  if (!Array.isArray(internals._pendingQueue) || internals._pendingQueue.length > 0) {
    throw new Error("pg-pool's waiting list (_pendingQueue) is not an empty array: request ordering cannot be installed");
  }
  internals._pendingQueue = new RequestOrderedQueue();
}
