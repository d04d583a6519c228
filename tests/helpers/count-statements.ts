import pg from "pg";

let recording: string[] | null = null;
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
// Wrapped once, when a test file imports this (before its clients connect: server/db.ts binds each new
// connection's query at connect time, so a wrapper installed later would not see that connection).
proto.query = function (this: unknown, ...args: unknown[]) {
  if (recording) {
    const q = args[0];
    recording.push(typeof q === "string" ? q : String((q as { text?: string } | null)?.text ?? ""));
  }
  return original.apply(this, args);
};

/**
 * Runs `fn` and returns its result with the SQL statements it sent (every pg query in this process meanwhile,
 * BEGIN and COMMIT included): round trips, for tests that pin what a hot path costs. Import this module before
 * the test opens its database; run nothing else against the database meanwhile.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  recording = statements;
  try {
    return { result: await fn(), statements };
  } finally {
    recording = null;
  }
}
