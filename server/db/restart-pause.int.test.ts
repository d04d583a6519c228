import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, waitForDatabase, type PrismaClient } from "@/server/db";
import { freePort } from "@/server/db/embedded-postgres";
import { isDbUnavailable } from "@/server/db-errors";
import { createContext } from "@/server/api/trpc";
import { createRestHandler } from "@/server/api/rest-handler";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";

/**
 * A database restart as the app sees it: a port that refuses connections until `up()`, then forwards to the
 * test database. Requests that arrive meanwhile wait for it (server/db/restart-pause.ts) instead of failing.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

type Restarting = { url: string; up: () => Promise<void>; close: () => Promise<void> };

async function restartingDatabase(): Promise<Restarting> {
  const target = new URL(t.url);
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  const url = new URL(t.url);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    up: () => new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
    close: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise((r) => server.close(r));
    },
  };
}

let restarting: Restarting | null = null;
let client: PrismaClient | null = null;
afterEach(async () => {
  await client?.$disconnect();
  await restarting?.close();
  client = null;
  restarting = null;
});

/** A client whose database is down: its first query is refused, and the client now knows it. */
async function clientOfDownDatabase(patienceMs: number) {
  restarting = await restartingDatabase();
  client = createPrismaClient(restarting.url, 2, { restartPatienceMs: patienceMs });
  const refused = await client.$queryRaw`SELECT 1`.then(() => null, (e: unknown) => e);
  expect(isDbUnavailable(refused)).toBe(true);
  return { db: client, down: restarting };
}

describe("a request that arrives while the database restarts", () => {
  it("waits for the database to come back, then runs", async () => {
    const { db, down } = await clientOfDownDatabase(5000);
    const started = Date.now();
    setTimeout(() => void down.up(), 400);
    await waitForDatabase(db);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(4000);
    expect(await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    // up again: nobody waits (well under the 5 s patience; the bound leaves room for a GC pause on a busy machine)
    const again = Date.now();
    await waitForDatabase(db);
    expect(Date.now() - again).toBeLessThan(500);
  });

  it("waits at most its patience, then goes on (and answers 503 as before)", async () => {
    const { db } = await clientOfDownDatabase(300);
    const started = Date.now();
    await waitForDatabase(db);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const res = await createRestHandler({ db })(
      new Request("http://localhost:3000/api/v1/offers/a1/accept", { method: "POST", headers: { authorization: "Bearer mk_test_0123456789abcdef0123456789abcdef" } }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  it("resolves an API-key caller once the database is back, instead of a 503", async () => {
    const f = await seedIncidentFixtures(t.db);
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId: f.orgs.govA, name: "restart", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.memberA.userId, scopes: [...SCOPES_BY_ORG_KIND.GOVERNMENT] } });
    const { db, down } = await clientOfDownDatabase(5000);
    setTimeout(() => void down.up(), 300);
    const ctx = await createContext({ headers: new Headers({ authorization: `Bearer ${k.key}` }), db, http: { transport: "rest", resHeaders: new Headers() } });
    expect(ctx.actor).toMatchObject({ via: "apiKey" });
  });

  it("anonymous calls (the health check) do not wait", async () => {
    const { db } = await clientOfDownDatabase(5000);
    const started = Date.now();
    const ctx = await createContext({ headers: new Headers(), db });
    expect(ctx.actor).toBeNull();
    expect(Date.now() - started).toBeLessThan(200);
  });
});
