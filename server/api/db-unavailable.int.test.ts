import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createPrismaClient, disconnectDb, type PrismaClient } from "@/server/db";
import { freePort } from "@/server/db/embedded-postgres";
import { appRouter } from "@/server/api/root";
import { createRestHandler } from "@/server/api/rest-handler";
import type { Context } from "@/server/api/trpc";
import { isDbUnavailable } from "@/server/db-errors";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";

/**
 * A restarting database (surge drill, issue 17): every request that needs it must answer a clear 503 with
 * Retry-After — never a 500 — whether the failure hits while resolving the caller (context) or inside the
 * procedure. The "database" here is a port nothing listens on: ECONNREFUSED, as during a restart.
 */
let dead: PrismaClient;
let deadUrl = "";
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  deadUrl = `postgresql://muster@127.0.0.1:${await freePort()}/muster`;
  dead = createPrismaClient(deadUrl, 2, { restartPatienceMs: 0 }); // the answer itself is under test, not the wait
});
afterAll(async () => {
  await dead.$disconnect();
  process.env.DATABASE_URL = savedUrl;
  await disconnectDb();
});

async function expectClear503(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("2");
  const text = await res.text();
  expect(text).not.toMatch(/stack|ECONNREFUSED|at .*\.ts:\d+/);
  expect(text).toMatch(/unavailable/i);
  return text;
}

describe("database unavailable → 503", () => {
  it("recognises a refused connection from Prisma as unavailable, and not an ordinary error", async () => {
    const err = await dead.$queryRaw`SELECT 1`.then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isDbUnavailable(err)).toBe(true);
    expect(isDbUnavailable(new Error("Unique constraint failed on the fields: (`email`)"))).toBe(false);
    // A surge: every pooled connection busy past the transaction's maxWait — nothing written, retry shortly.
    const busy = Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });
    expect(isDbUnavailable(busy)).toBe(true);
    const expired = Object.assign(new Error("Transaction API error: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms"), { code: "P2028" });
    expect(isDbUnavailable(expired)).toBe(true);
    const deadlock = Object.assign(new Error("Raw query failed. Code: `40P01`. Message: `deadlock detected`"), { code: "P2010" });
    expect(isDbUnavailable(deadlock)).toBe(true);
  });

  it("REST: an API-key request whose key cannot be resolved answers 503 SERVICE_UNAVAILABLE", async () => {
    const handle = createRestHandler({ db: dead });
    const res = await handle(
      new Request("http://localhost:3000/api/v1/offers/a1/accept", { method: "POST", headers: { authorization: "Bearer mk_test_0123456789abcdef0123456789abcdef" } }),
    );
    const body = JSON.parse(await expectClear503(res));
    expect(body.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("tRPC route: a signed-in request during the restart answers 503", async () => {
    process.env.DATABASE_URL = deadUrl;
    await disconnectDb();
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({})));
    const res = await trpcGet(new Request(`http://localhost:3000/api/trpc/catalogue.listTypes?input=${input}`, { headers: { cookie: "authjs.session-token=abc" } }));
    await expectClear503(res);
  });

  it("tRPC: a procedure whose own query fails on the dead connection answers 503 through the error mapping", async () => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({})));
    const req = new Request(`http://localhost/api/trpc/catalogue.listTypes?input=${input}`);
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: (): Context => ({ db: dead, actor: { via: "session", userId: "u1", roles: ["SUPPLIER"], memberships: [] }, headers: req.headers, ip: null }),
      responseMeta: ({ errors }) => (errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: { "Retry-After": "2" } } : {}),
    });
    const body = JSON.parse(await expectClear503(res));
    expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
  });
});
