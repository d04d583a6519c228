import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { postgresLogLinesToShow } from "./postgres-log";

export type ResolvedDatabase = {
  url: string;
  source: "external" | "embedded";
  stop: () => Promise<void>;
};

function describe(url: string) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

/** Fails with one sentence when the server behind DATABASE_URL can't be reached. */
export async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(
      `Cannot reach the PostgreSQL at DATABASE_URL (${describe(url)}): ${reason}. ` +
        "Start that server or fix DATABASE_URL — or unset DATABASE_URL to use the embedded PostgreSQL.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL set → use that server. Unset → start (or reuse) the embedded PostgreSQL
 * whose data lives in `<dataDir>/pg` (git-ignored).
 */
export async function resolveDatabase(opts: {
  externalUrl?: string;
  dataDir: string;
  database?: string;
  ephemeral?: boolean;
  sharedBuffers?: string;
  quiet?: boolean;
}): Promise<ResolvedDatabase> {
  if (opts.externalUrl) {
    await assertReachable(opts.externalUrl);
    return { url: opts.externalUrl, source: "external", stop: async () => {} };
  }
  const started = Date.now();
  const db = await startEmbeddedPostgres({
    dataDir: path.resolve(opts.dataDir),
    database: opts.database,
    ephemeral: opts.ephemeral,
    sharedBuffers: opts.sharedBuffers,
    log: opts.quiet ? undefined : (chunk) => { for (const line of postgresLogLinesToShow(chunk)) console.error(`[postgres] ${line}`); },
  });
  if (!opts.quiet) {
    console.info(
      `[muster] embedded PostgreSQL ${db.reused ? "reused" : "started"} on 127.0.0.1:${db.port} in ${((Date.now() - started) / 1000).toFixed(1)} s (data: ${opts.dataDir}/pg)`,
    );
  }
  return { url: db.url, source: "embedded", stop: db.stop };
}
