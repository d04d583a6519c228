import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { resolveDatabase } from "@/scripts/lib/database";

/**
 * A scratch database for one benchmark run: created on DATABASE_URL's server (and dropped by stop()), or an
 * ephemeral embedded PostgreSQL in <MUSTER_DATA_DIR>/<tag> when DATABASE_URL is unset.
 */
export async function scratchDatabase(tag: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!env.DATABASE_URL) {
    // Scratch means empty: a previous run's data (or one killed half-way) must not leak into this one.
    const dataDir = path.resolve(env.MUSTER_DATA_DIR, tag);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const database = await resolveDatabase({ dataDir, ephemeral: true, quiet: true });
    return {
      url: database.url,
      stop: async () => {
        await database.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = env.DATABASE_URL;
  const name = `muster_${tag.replace(/-/g, "_")}_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), stop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
