import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Prisma 6.19 migrates offline through its Wasm schema engine (`engine: "js"`) via the pg adapter.
 * Two adapter bugs are worked around here only (see shared STACK-NOTES):
 *  1. the engine's catalogue queries return `name` / `name[]` / `"char"` columns the adapter cannot decode
 *     (prisma/orm#27403) — we report them as text / text[] / Character;
 *  2. the shadow database is dropped while its pool is still open — we close the pool first and drop WITH (FORCE);
 *  3. executeScript splits a migration on every `;` (breaking comments and $$ function bodies) — we send the
 *     whole script as one simple query, which PostgreSQL also runs atomically.
 */
const TEXT = 25;
const TEXT_ARRAY = 1009;
const RENAMED_OIDS: Record<number, number> = { 19: TEXT, 1002: TEXT_ARRAY, 1003: TEXT_ARRAY };
/** `"char"` (e.g. pg_constraint.contype): decoded as text, but typed as Prisma's Character column. */
const CHAR_OID = 18;
const CHARACTER_COLUMN = 6;

function connectionConfig(): pg.PoolConfig {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error("DATABASE_URL is not set: run migrations with `npm run db:migrate` (it starts the embedded PostgreSQL).");
  const u = new URL(raw);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.replace(/^\//, ""),
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function patchAdapter(adapter: Adapter): Adapter {
  type RawResult = { columnTypes: number[]; rows: unknown[] };
  const target = adapter as unknown as {
    performIO: (q: unknown) => Promise<pg.QueryResult | pg.QueryResult[]>;
    queryRaw: (q: unknown) => Promise<RawResult>;
    client: pg.Pool;
    onError: (e: unknown) => never;
  };
  const charColumns = new WeakMap<object, number[]>();
  adapter.executeScript = async (script: string) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  const original = target.performIO;
  target.performIO = async function (query: unknown) {
    const result = await original.call(this, query);
    // A multi-statement script returns one result per statement.
    for (const r of Array.isArray(result) ? result : [result]) {
      const chars: number[] = [];
      (r.fields ?? []).forEach((f, i) => {
        if (f.dataTypeID === CHAR_OID) chars.push(i);
        f.dataTypeID = f.dataTypeID === CHAR_OID ? TEXT : (RENAMED_OIDS[f.dataTypeID] ?? f.dataTypeID);
      });
      if (chars.length && r.rows) charColumns.set(r.rows, chars);
    }
    return result;
  };
  const queryRaw = target.queryRaw;
  target.queryRaw = async function (query: unknown) {
    const out = await queryRaw.call(this, query);
    for (const i of charColumns.get(out.rows) ?? []) out.columnTypes[i] = CHARACTER_COLUMN;
    return out;
  };
  return adapter;
}

class MigrationAdapterFactory extends PrismaPg {
  private readonly cfg: pg.PoolConfig;
  constructor(cfg: pg.PoolConfig) {
    super(cfg);
    this.cfg = cfg;
  }
  override async connect() {
    return patchAdapter(await super.connect());
  }
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_shadow_${Date.now().toString(36)}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg({ ...this.cfg, database });
    const conn = patchAdapter(await shadow.connect());
    const dispose = conn.dispose.bind(conn);
    conn.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return conn;
  }
}

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new MigrationAdapterFactory(connectionConfig()),
});
