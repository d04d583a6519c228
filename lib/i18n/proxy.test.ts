import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

/** The locale proxy (proxy.ts at the repo root), tested here because unit tests live under lib/. */
function run(path: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(new URL(path, "http://localhost:3000"), { headers }));
}

describe("locale proxy", () => {
  it("redirects / by cookie, then Accept-Language, then zh-CN", () => {
    expect(run("/", { cookie: "NEXT_LOCALE=en" }).headers.get("location")).toBe("http://localhost:3000/en");
    expect(run("/", { "accept-language": "en-US,en;q=0.9" }).headers.get("location")).toBe("http://localhost:3000/en");
    expect(run("/").headers.get("location")).toBe("http://localhost:3000/zh-CN");
  });

  it("keeps the path and query when adding a locale", () => {
    const res = run("/dashboard?tab=2");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost:3000/zh-CN/dashboard?tab=2");
  });

  it("canonicalises the locale's spelling", () => {
    expect(run("/ZH-cn/dashboard").headers.get("location")).toBe("http://localhost:3000/zh-CN/dashboard");
  });

  it("passes localised paths through and tells the layouts the locale", () => {
    const res = run("/en/dashboard");
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("x-middleware-request-x-muster-locale")).toBe("en");
  });

  it("runs for every path, but routes only pages: API routes, Next internals and files pass through", () => {
    expect(config.matcher).toEqual(["/:path*"]);
    for (const p of ["/api/trpc/x", "/api/health", "/api", "/_next/static/a.js", "/favicon.ico", "/icon.svg", "/sw.js"]) {
      const res = run(p);
      expect(res.headers.get("location"), p).toBeNull();
      expect(res.headers.get("x-middleware-next"), p).toBe("1");
      expect(res.headers.get("x-middleware-request-x-muster-locale"), p).toBeNull();
      expect(res.headers.get("content-security-policy"), p).toMatch(/^default-src 'none'/);
    }
    expect(run("/apiary").headers.get("location")).toBe("http://localhost:3000/zh-CN/apiary");
  });
});

describe("security headers from the proxy", () => {
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

  it("gives each page request a fresh nonce, in the response and in the request header Next reads it from", () => {
    const a = run("/en/dashboard");
    const b = run("/en/dashboard");
    const nonce = nonceOf(a.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(a.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("puts the headers on locale redirects and on API responses too", () => {
    for (const res of [run("/"), run("/api/health")]) {
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    expect(run("/api/health").headers.get("content-security-policy")).toContain("sandbox");
  });
});
