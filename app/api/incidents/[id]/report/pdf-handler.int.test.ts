import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createSessionForUser } from "@/server/auth/session-store";
import { seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { createRenderGate } from "@/server/modules/command/aar/render-gate";
import { RATE_LIMITS, type RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { servePdf, type PdfDeps } from "@/app/api/incidents/[id]/report/pdf-handler";

/**
 * The PDF export's guards through its handler, with real sessions and the real budget table: the reader's
 * budget (429 + Retry-After, per person) and the render cap (503 + Retry-After). Chromium is replaced by a
 * renderer the test controls, since what is under test is who gets to start one and when.
 */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const cookies: Record<string, string> = {};
let clock = new Date("2026-12-06T10:00:00.000Z");
const limiter: RateLimiter = { now: () => clock, budgets: { ...RATE_LIMITS, pdfExport: { limit: 2, windowSeconds: 60 } } };
const renders: { path: string; cookie: string | null }[] = [];
const PDF = new TextEncoder().encode("%PDF-1.7 test");
const render: PdfDeps["render"] = async (path, cookie) => (renders.push({ path, cookie }), PDF);
const roomy = () => createRenderGate({ maxConcurrent: 2, maxQueued: 2, maxWaitMs: 60_000, retryAfterSeconds: 20 });

function get(who: string | null, deps: PdfDeps) {
  const headers = new Headers();
  if (who) headers.set("cookie", cookies[who]!);
  return servePdf(new Request(`http://localhost:3000/api/incidents/${f.incidentId}/report/pdf?locale=en`, { headers }), f.incidentId, deps);
}

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  for (const [name, actor] of Object.entries({ dispatcherA: f.actors.dispatcherA, memberA: f.actors.memberA, supplier: f.actors.supplier })) {
    const s = await createSessionForUser(t.db, actor.userId);
    cookies[name] = `${s.cookieName}=${s.sessionToken}`;
  }
});
afterAll(async () => {
  await t?.cleanup();
});

describe("PDF export budget", () => {
  it("two exports per window per person, then 429 with Retry-After and no browser; others and the next window are unaffected", async () => {
    const deps = { render, gate: roomy(), limiter };
    for (let i = 0; i < 2; i++) {
      const res = await get("dispatcherA", deps);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
    }
    expect(renders.at(-1)).toEqual({ path: `/en/incidents/${f.incidentId}/report`, cookie: cookies.dispatcherA });
    const refused = await get("dispatcherA", deps);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).message).toContain("at most 2 every 60 s");
    expect(renders).toHaveLength(2);
    expect((await get("memberA", deps)).status).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    expect((await get("dispatcherA", deps)).status).toBe(200);
    expect(renders).toHaveLength(4);
  });

  it("access is checked first: no session 401, a supplier 403, neither starts a browser", async () => {
    const deps = { render, gate: roomy(), limiter };
    const before = renders.length;
    expect((await get(null, deps)).status).toBe(401);
    expect((await get("supplier", deps)).status).toBe(403);
    expect(renders).toHaveLength(before);
  });
});

describe("PDF render cap", () => {
  it("with one render running and no room to wait, the next gets 503 with Retry-After; once it ends, exports go through", async () => {
    clock = new Date(clock.getTime() + 60_000);
    let finish!: () => void;
    const running = new Promise<void>((r) => (finish = r));
    const slow: PdfDeps["render"] = async () => (await running, PDF);
    const deps = { render: slow, gate: createRenderGate({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 60_000, retryAfterSeconds: 9 }), limiter };
    const first = get("dispatcherA", deps);
    while (deps.gate.stats().running === 0) await new Promise((r) => setTimeout(r, 5));
    const busy = await get("memberA", deps);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("9");
    expect(await busy.json()).toMatchObject({ code: "PDF_BUSY", printPage: `/en/incidents/${f.incidentId}/report` });
    finish();
    expect((await first).status).toBe(200);
    expect((await get("memberA", deps)).status).toBe(200);
  });
});
