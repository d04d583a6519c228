import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInAs, takeCspViolations } from "@/tests/helpers/browser";
import { liveStreamPath } from "@/lib/schemas/live";

const base = () => inject("appBaseUrl");

/** The headers every response carries, whatever produced it (proxy.ts + lib/security-headers.ts). */
function expectSecurityHeaders(res: Response, what: string): string {
  const h = res.headers;
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(h.get("permissions-policy"), what).toMatch(/^geolocation=\(self\), camera=\(self\), .*microphone=\(\)/);
  // The served app is plain http here: no HSTS (lib/security-headers.test.ts covers https).
  expect(h.get("strict-transport-security"), what).toBeNull();
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  return csp;
}

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

describe("security headers on every kind of response, from the built app", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("pages: a fresh nonce per request, on every script Next renders; no inline script runs without it", async () => {
    const first = await fetch(`${base()}/en/sign-in`);
    expect(first.status).toBe(200);
    const csp = expectSecurityHeaders(first, "page");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org");
    const nonce = nonceOf(csp);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const second = await fetch(`${base()}/en/sign-in`);
    expect(nonceOf(second.headers.get("content-security-policy") ?? "")).not.toBe(nonce);

    const redirect = await fetch(`${base()}/`, { redirect: "manual" });
    expect(redirect.status).toBe(307);
    expectSecurityHeaders(redirect, "locale redirect");
  });

  it("tRPC, REST, health and task-photo routes: a policy under which nothing loads or runs", async () => {
    const responses: [string, Response][] = [
      ["tRPC", await fetch(`${base()}/api/trpc/auth.governmentOrgs`)],
      ["REST", await fetch(`${base()}/api/v1/health`)],
      ["REST 401", await fetch(`${base()}/api/v1/incidents/nope`)],
      ["health", await fetch(`${base()}/api/health`)],
      ["photo", await fetch(`${base()}/api/task-photos/nope`)],
    ];
    expect(responses.map(([what, r]) => [what, r.status])).toEqual([["tRPC", 200], ["REST", 200], ["REST 401", 401], ["health", 200], ["photo", 401]]);
    for (const [what, res] of responses) {
      expect(expectSecurityHeaders(res, what), what).toBe("default-src 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'; form-action 'none'; sandbox");
    }
  });

  it("the live SSE stream carries them too", async () => {
    const page = await signInAs(browser, base(), "knight@muster.demo");
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const topics = await page.request.get(`${base()}/api/trpc/live.myTopics`);
    const { topics: mine } = superjson.deserialize<{ topics: string[] }>((await topics.json()).result.data);
    expect(mine.length).toBeGreaterThan(0);
    const ac = new AbortController();
    const stream = await fetch(`${base()}${liveStreamPath(mine)}`, { headers: { accept: "text/event-stream", cookie }, signal: ac.signal });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      expect(stream.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(expectSecurityHeaders(stream, "SSE")).toContain("default-src 'none'");
      // A refusal is a plain status before any stream (a browser's EventSource stops on it).
      const anonymous = await fetch(`${base()}${liveStreamPath(mine)}`, { headers: { accept: "text/event-stream" } });
      expect(anonymous.status).toBe(401);
      expect(expectSecurityHeaders(anonymous, "SSE 401")).toContain("default-src 'none'");
    } finally {
      ac.abort();
      await page.context().close();
    }
  });

  it("static files: Next's chunks, the service worker and public files", async () => {
    const html = await (await fetch(`${base()}/en/sign-in`)).text();
    const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(chunk).toBeTruthy();
    for (const path of [chunk!, "/sw.js", "/offline.html", "/manifest.webmanifest"]) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status, path).toBe(200);
      const csp = expectSecurityHeaders(res, path);
      expect(csp, path).toMatch(/^default-src 'none'; connect-src 'self'/);
      expect(csp, path).not.toContain("script-src");
    }
  });

  it("browser pages report policy violations to the test (the check every browser test relies on)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base()}/en/sign-in`);
    await page.getByTestId("signin-submit").waitFor();
    expect(takeCspViolations()).toEqual([]);
    // An image from a host the policy does not name is refused, and the refusal reaches the test.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("img"), { src: "https://tracker.invalid/p.png", alt: "" })));
    await expect.poll(() => takeCspViolations(), { timeout: 10_000 }).toEqual([expect.stringMatching(/img-src refused https:\/\/tracker\.invalid\/p\.png/)]);
    await context.close();
  });
});
