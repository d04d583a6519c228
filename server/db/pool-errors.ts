import type pg from "pg";

/**
 * A pg pool whose connections the server ends (a restart, a failover, pg_terminate_backend) must not take the
 * process down. pg-pool listens for errors on idle clients only: a checked-out client — an interactive
 * transaction between two statements — emits 'error' with no listener, an uncaught exception. That killed an app
 * instance in the surge drill's PostgreSQL restart. So every client gets a listener for its whole life. The
 * error needs no handling there: the client's next query fails ("not queryable", answered 503 like any
 * unavailable database) and the pool drops the client when it is released. Idle errors go to `onIdleError`.
 */
export function survivesLostConnections(pool: pg.Pool, onIdleError: (e: Error) => void): pg.Pool {
  pool.on("error", onIdleError);
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return pool;
}
