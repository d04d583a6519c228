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

  it("never runs for API routes, Next internals or files", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const p of ["/api/trpc/x", "/api/health", "/api", "/_next/static/a.js", "/favicon.ico", "/icon.svg"]) {
      expect(matcher.test(p), p).toBe(false);
    }
    for (const p of ["/", "/dashboard", "/zh-CN/admin/organizations", "/apiary"]) expect(matcher.test(p), p).toBe(true);
  });
});
