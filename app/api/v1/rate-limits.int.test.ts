import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { generateApiKey, hashApiKey } from "@/server/modules/api-keys/key-format";
import { createSessionForUser } from "@/server/auth/session-store";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { createRestHandler } from "@/server/api/rest-handler";
import { DEFAULT_RATE_LIMITER, RATE_LIMITS, type RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { checkRequestBudget } from "@/server/modules/rate-limit/request-budget";
import { pruneRateLimitBuckets } from "@/server/modules/rate-limit/rate-limit";

/**
 * Request budgets end to end: REST handlers (and a tRPC handler wired like app/api/trpc) on a real database,
 * with tiny budgets and a fake clock (no sleeping). Windows are 60 s; the clock starts 1 s into one.
 */
let t: TestDatabase;
let otherClient: PrismaClient;
let orgId = "";
let userId = "";
let cookie = "";
let clock = new Date("2026-12-06T08:00:01.000Z");
const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

const tiny: RateLimiter = {
  now: () => clock,
  budgets: {
    apiKey: { limit: 3, windowSeconds: 60 },
    platformKey: { limit: 5, windowSeconds: 60 },
    commandKey: { limit: 4, windowSeconds: 60 },
    user: { limit: 2, windowSeconds: 60 },
    anonymous: { limit: 2, windowSeconds: 60 },
    authFailure: { limit: 2, windowSeconds: 60 },
    search: { limit: 2, windowSeconds: 60 },
    pdfExport: { limit: 2, windowSeconds: 60 },
  },
};

async function addKey(scopes: string[]): Promise<string> {
  const k = generateApiKey();
  await t.db.apiKey.create({ data: { orgId, name: "rl", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes } });
  return k.key;
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000/api/v1${path}`, { headers });
const withKey = (key: string, ip = "198.51.100.1") => ({ authorization: `Bearer ${key}`, "x-forwarded-for": ip });

beforeAll(async () => {
  t = await testDb();
  // A second app instance: its own client and pool on the same database.
  otherClient = createPrismaClient(t.url, 2);
  await t.db.region.create({ data: { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE", lat: 32.06, lng: 118.8 } });
  const user = await t.db.user.create({ data: { email: "rl-admin@example.com", kind: "ADMIN", platformRole: "ADMIN" }, select: { id: true } });
  userId = user.id;
  const org = await t.db.organization.create({
    data: { name: "限流测试公司", kind: "ENTERPRISE", regionCode: "320000", contactName: "王工", contactPhone: "13800000000", address: "南京", verification: "VERIFIED" },
    select: { id: true },
  });
  orgId = org.id;
  const s = await createSessionForUser(t.db, userId);
  cookie = `${s.cookieName}=${s.sessionToken}`;
});
afterAll(async () => {
  await otherClient?.$disconnect();
  await t?.cleanup();
});

describe("REST request budgets", () => {
  it("a key over its budget gets 429 with Retry-After and RateLimit headers, and recovers when the window ends", async () => {
    const rest = createRestHandler({ db: t.db, limiter: tiny });
    const key = await addKey(["catalogue:read"]);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await rest(get("/resource-types", withKey(key)));
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("3");
      expect(res.headers.get("ratelimit-policy")).toBe("3;w=60");
      expect(res.headers.get("retry-after")).toBeNull();
      remaining.push(res.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const refused = await rest(get("/resource-types", withKey(key)));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("59");
    expect(refused.headers.get("ratelimit-reset")).toBe("59");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(await refused.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("Retry after 59 s"), fieldErrors: null });

    tick(30);
    expect((await rest(get("/resource-types", withKey(key)))).headers.get("retry-after")).toBe("29");
    tick(29);
    const recovered = await rest(get("/resource-types", withKey(key)));
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get("ratelimit-remaining")).toBe("2");
  });

  it("two app instances (own database clients) draw on one budget", async () => {
    const a = createRestHandler({ db: t.db, limiter: tiny });
    const b = createRestHandler({ db: otherClient, limiter: tiny });
    const key = await addKey(["catalogue:read", "platform:riders"]); // the platform budget: 5
    const statuses: number[] = [];
    for (const instance of [a, b, a, b, a, b, a]) statuses.push((await instance(get("/resource-types", withKey(key)))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("a key's budget follows its scopes (counted with the key's lookup): command:read → the command budget, platform:riders before it", async () => {
    // windows of different lengths and a clock where each window started at another second, so a hit counted in
    // the wrong budget's window shows in RateLimit-Reset
    const b = tiny.budgets;
    const at = new Date("2026-12-06T08:01:13.000Z");
    const mixed: RateLimiter = {
      now: () => at,
      budgets: { ...b, apiKey: { limit: 3, windowSeconds: 60 }, commandKey: { limit: 4, windowSeconds: 40 }, platformKey: { limit: 5, windowSeconds: 25 } },
    };
    const rest = createRestHandler({ db: t.db, limiter: mixed });
    const seen = async (key: string, calls: number) => {
      const out: string[] = [];
      for (let i = 0; i < calls; i++) {
        const res = await rest(get("/resource-types", withKey(key)));
        out.push(`${res.status} ${res.headers.get("ratelimit-policy")} left ${res.headers.get("ratelimit-remaining")} reset ${res.headers.get("ratelimit-reset")}`);
      }
      return out;
    };
    const reset = (w: number) => w - ((at.getTime() / 1000) % w);
    const command = await seen(await addKey(["catalogue:read", "command:read"]), 5);
    expect(command).toEqual([3, 2, 1, 0].map((left) => `200 4;w=40 left ${left} reset ${reset(40)}`).concat(`429 4;w=40 left 0 reset ${reset(40)}`));
    const platform = await seen(await addKey(["command:read", "catalogue:read", "platform:riders"]), 6);
    expect(platform).toEqual([4, 3, 2, 1, 0].map((left) => `200 5;w=25 left ${left} reset ${reset(25)}`).concat(`429 5;w=25 left 0 reset ${reset(25)}`));
    const plain = await seen(await addKey(["catalogue:read"]), 4);
    expect(plain).toEqual([2, 1, 0].map((left) => `200 3;w=60 left ${left} reset ${reset(60)}`).concat(`429 3;w=60 left 0 reset ${reset(60)}`));
    expect(new Set([reset(25), reset(40), reset(60)]).size).toBe(3);
  });

  it("a revoked or expired key is not counted on its own budget: its calls pay the IP's failed-key budget", async () => {
    const rest = createRestHandler({ db: t.db, limiter: tiny });
    const revoked = await addKey(["catalogue:read"]);
    const expired = await addKey(["catalogue:read"]);
    await t.db.apiKey.updateMany({ where: { hashedKey: hashApiKey(revoked) }, data: { revokedAt: new Date() } });
    await t.db.apiKey.updateMany({ where: { hashedKey: hashApiKey(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ip = "203.0.113.77";
    expect((await rest(get("/resource-types", withKey(revoked, ip)))).status).toBe(401);
    expect((await rest(get("/resource-types", withKey(expired, ip)))).status).toBe(401);
    expect((await rest(get("/resource-types", withKey(revoked, ip)))).status).toBe(429);
    const buckets = await t.db.rateLimitBucket.findMany({ where: { key: { startsWith: "key:" } }, select: { key: true } });
    const ids = await t.db.apiKey.findMany({ where: { hashedKey: { in: [hashApiKey(revoked), hashApiKey(expired)] } }, select: { id: true } });
    expect(ids).toHaveLength(2);
    expect(buckets.filter((b) => ids.some((k) => b.key === `key:${k.id}`))).toEqual([]);
    tick(60);
  });

  it("invalid keys are slowed per IP: past the failed-key budget that IP gets 429, yet a valid key still passes", async () => {
    const rest = createRestHandler({ db: t.db, limiter: tiny });
    const valid = await addKey(["catalogue:read"]);
    const guess = () => generateApiKey().key;
    const attacker = "203.0.113.66";
    expect((await rest(get("/resource-types", withKey(guess(), attacker)))).status).toBe(401);
    expect((await rest(get("/resource-types", withKey(guess(), attacker)))).status).toBe(401);
    const slowed = await rest(get("/resource-types", withKey(guess(), attacker)));
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await rest(get("/resource-types", withKey(guess(), attacker)))).status).toBe(429);
    // a valid key is not refused for its address's failures (the address may be forged to lock it out)
    expect((await rest(get("/resource-types", withKey(valid, attacker)))).status).toBe(200);
    // other addresses are not affected
    expect((await rest(get("/resource-types", withKey(valid, "198.51.100.2")))).status).toBe(200);
    expect((await rest(get("/resource-types", withKey(guess(), "198.51.100.2")))).status).toBe(401);
    tick(60);
    expect((await rest(get("/resource-types", withKey(guess(), attacker)))).status).toBe(401);
  });

  it("anonymous calls are counted per IP", async () => {
    const rest = createRestHandler({ db: t.db, limiter: tiny });
    const ip = { "x-forwarded-for": "192.0.2.10" };
    expect((await rest(get("/stats", ip))).status).toBe(200);
    expect((await rest(get("/stats", ip))).status).toBe(200);
    expect((await rest(get("/stats", ip))).status).toBe(429);
    expect((await rest(get("/stats", { "x-forwarded-for": "192.0.2.11" }))).status).toBe(200);
    tick(60);
  });
});

describe("tRPC request budgets (signed-in people)", () => {
  const trpc = (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext({ headers: req.headers, db: t.db, http: { transport: "trpc", resHeaders, limiter: tiny } }),
    });
  const mutation = () =>
    trpc(
      new Request("http://localhost:3000/api/trpc/notification.markRead", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize({ ids: [] })),
      }),
    );
  const query = () => trpc(new Request("http://localhost:3000/api/trpc/dashboard.viewer", { headers: { cookie } }));

  it("counts mutations per user (429 with Retry-After past the budget) and never queries", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await query();
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
    expect((await mutation()).status).toBe(200);
    const last = await mutation();
    expect(last.status).toBe(200);
    expect(last.headers.get("ratelimit-remaining")).toBe("0");
    const refused = await mutation();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await query()).status).toBe(200);
  });
});

describe("the shared counter", () => {
  it("counts a 500-accept burst on a platform key exactly, refusing none (real budgets)", async () => {
    const key = { via: "apiKey" as const, userId, roles: ["API_CLIENT" as const], memberships: [], apiKey: { id: "burst", orgId, scopes: ["platform:riders"] } };
    const now = new Date("2026-12-06T09:00:00.500Z");
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, () =>
        checkRequestBudget(t.db, { ...DEFAULT_RATE_LIMITER, now: () => now }, { actor: key, ip: "10.0.0.1", presentedKey: true, transport: "rest", type: "mutation" }),
      ),
    );
    expect(outcomes.filter((o) => !o?.allowed)).toEqual([]);
    const row = await t.db.rateLimitBucket.findUniqueOrThrow({ where: { key: "key:burst" } });
    expect(row.hits).toBe(500);
    expect(Math.min(...outcomes.map((o) => Number(o!.headers["RateLimit-Remaining"])))).toBe(RATE_LIMITS.platformKey.limit - 500);
  });
});

describe("housekeeping", () => {
  it("drops counters whose window ended over a day ago, keeps the rest", async () => {
    const now = new Date("2026-12-06T10:00:00.000Z");
    await t.db.rateLimitBucket.createMany({
      data: [
        { key: "ip:old", windowStart: new Date(now.getTime() - 25 * 3600_000), hits: 3 },
        { key: "ip:recent", windowStart: new Date(now.getTime() - 3600_000), hits: 3 },
      ],
    });
    expect(await pruneRateLimitBuckets(t.db, now)).toBeGreaterThanOrEqual(1);
    const left = (await t.db.rateLimitBucket.findMany({ where: { key: { in: ["ip:old", "ip:recent"] } }, select: { key: true } })).map((r) => r.key);
    expect(left).toEqual(["ip:recent"]);
  });
});
