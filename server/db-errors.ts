/**
 * Whether a database error names one of these constraints, SQLSTATEs or Prisma codes. Prisma and its pg
 * driver adapter put them in different places (message, meta, cause), so all three are searched as text.
 */
export function dbErrorMentions(e: unknown, names: string[]): boolean {
  if (typeof e !== "object" || e === null) return false;
  const text = `${(e as Error).message ?? ""} ${safeJson((e as { meta?: unknown }).meta)} ${safeJson((e as { cause?: unknown }).cause)}`;
  return names.some((n) => text.includes(n));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return ""; // unserialisable: the message is enough
  }
}

/** The CHECK that keeps a need's filled total (the sum of its four buckets) within its quantity. */
export const NEED_OVERFILL_CHECK = "need_filled_within_quantity_check";

/** A write would have filled a need beyond its quantity (refused by NEED_OVERFILL_CHECK, SQLSTATE 23514). */
export function isNeedOverfill(e: unknown): boolean {
  return dbErrorMentions(e, [NEED_OVERFILL_CHECK]);
}

/**
 * What a database that is restarting, shutting down or out of connections (or a pool with none free) looks like, wherever it surfaces:
 * pg SQLSTATEs (57P01-03 shutdown/starting, class 08 connection, 53300 too many connections), Node socket
 * errors, the pg driver's own messages, Prisma's driver-adapter kinds and engine codes (P1001/P1017/P2024).
 */
const UNAVAILABLE_MARKERS = [
  "DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections",
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT",
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300",
  "P1001", "P1002", "P1017", "P2024",
  "Connection terminated", "Client has encountered a connection error", "Connection is closed",
  "terminating connection", "the database system is", "Can't reach database server", "Server has closed the connection",
  "timeout exceeded when trying to connect", "Timed out fetching a new connection",
  // Every pooled connection busy for the transaction's maxWait (a surge): nothing was written, retry shortly.
  "Unable to start a transaction in the given time",
  // A transaction that outlived its timeout while waiting its turn (e.g. for the audit chain's lock) is rolled
  // back by Prisma before any commit: nothing written, retry shortly.
  "cannot be executed on an expired transaction",
  // PostgreSQL aborted the transaction to break a deadlock / a serialisation conflict: rolled back, and
  // retrying is the documented answer.
  "40P01", "deadlock detected", "40001", "could not serialize access",
];

/**
 * The database could not be reached, dropped the connection or rolled the transaction back (busy, deadlock):
 * a transient condition the caller should retry
 * (HTTP 503 with Retry-After), never an internal error. Walks the cause chain, as Prisma and tRPC wrap errors.
 */
export function isDbUnavailable(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && typeof cur === "object" && cur !== null; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_MARKERS.includes(code)) return true;
    if (dbErrorMentions(cur, UNAVAILABLE_MARKERS)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** The one sentence a caller gets while the database is unavailable. */
export const DB_UNAVAILABLE_MESSAGE = "The service is briefly unavailable (its database is restarting or busy). Retry in a few seconds.";

/** Seconds a client should wait before retrying a 503 (sent as Retry-After). */
export const DB_UNAVAILABLE_RETRY_AFTER_S = 2;

/** Prisma's interactive transaction timeout when none is given (`$transaction(fn, { timeout })`). */
export const PRISMA_TRANSACTION_TIMEOUT_MS = 5000;

/**
 * A transaction that outlived its timeout is rolled back by Prisma from a timer; a query in flight at that moment
 * has come back `null` (the surge drill, once: create-need read `row.id` of null and answered 500). Nothing was
 * committed, so the TypeError that follows is the expiry, and is answered as one (503, retry). Any other error, or
 * a TypeError inside the time, is left as it is: that is a bug to see.
 */
export function asExpiryWhenLate(e: unknown, elapsedMs: number, timeoutMs: number): unknown {
  if (!(e instanceof TypeError) || elapsedMs < timeoutMs || isDbUnavailable(e)) return e;
  return new Error(
    `A query cannot be executed on an expired transaction: it ran ${Math.round(elapsedMs)} ms against a timeout of ${timeoutMs} ms, and was rolled back (${e.message})`,
    { cause: e },
  );
}
