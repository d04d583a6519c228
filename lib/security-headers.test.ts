import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, responseKindFor, securityHeaders, tileImageSource, type SecurityHeaderOptions } from "@/lib/security-headers";

const OSM = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
const prod: SecurityHeaderOptions = { nonce: "abc123+/==", dev: false, tileUrl: OSM, appUrl: "http://localhost:3000" };

/** "a b; c d" → { a: ["b"], c: ["d"] } */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("responseKindFor", () => {
  it("splits pages, API routes and static files", () => {
    for (const p of ["/", "/zh-CN", "/en/knight/tasks/abc", "/apiary"]) expect(responseKindFor(p), p).toBe("document");
    for (const p of ["/api", "/api/health", "/api/trpc/live.myTopics", "/api/live", "/api/v1/incidents", "/api/task-photos/x"]) expect(responseKindFor(p), p).toBe("api");
    for (const p of ["/_next/static/chunks/a.js", "/sw.js", "/offline.html", "/icons/knight.svg", "/manifest.webmanifest"]) expect(responseKindFor(p), p).toBe("static");
  });
});

describe("document Content-Security-Policy", () => {
  it("runs only nonced scripts (and what they load): no 'unsafe-inline' or 'unsafe-eval' for scripts", () => {
    const d = directives(contentSecurityPolicy("document", prod));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123+/=='", "'strict-dynamic'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    // A nonce among the style sources would make browsers ignore 'unsafe-inline' (and break style attributes).
    expect(d["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("allows 'unsafe-eval' only under next dev", () => {
    expect(directives(contentSecurityPolicy("document", { ...prod, dev: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("loads images from itself, data:/blob: (photo previews) and the map tile host", () => {
    expect(directives(contentSecurityPolicy("document", prod))["img-src"]).toEqual(["'self'", "data:", "blob:", "https://*.tile.openstreetmap.org"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(contentSecurityPolicy("document", prod)).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("document", { ...prod, appUrl: "https://muster.example" })).toContain("upgrade-insecure-requests");
  });

  it("refuses to build a document policy without a nonce", () => {
    expect(() => contentSecurityPolicy("document", { ...prod, nonce: undefined })).toThrow(/nonce/);
  });
});

describe("api and static policies", () => {
  it("api responses load nothing and open sandboxed", () => {
    const d = directives(contentSecurityPolicy("api", prod));
    expect(d["default-src"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d).toHaveProperty("sandbox");
  });

  it("static files run no script; the service worker may fetch its own origin", () => {
    const d = directives(contentSecurityPolicy("static", prod));
    expect(d["default-src"]).toEqual(["'none'"]);
    expect(d["script-src"]).toBeUndefined();
    expect(d["connect-src"]).toEqual(["'self'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
  });
});

describe("tileImageSource", () => {
  it("turns a Leaflet template into a CSP source", () => {
    expect(tileImageSource(OSM)).toBe("https://*.tile.openstreetmap.org");
    expect(tileImageSource("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")).toBe("http://127.0.0.1:8080");
    expect(tileImageSource("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}")).toBe("https:");
    expect(tileImageSource("/tiles/{z}/{x}/{y}.png")).toBeNull();
  });
});

describe("securityHeaders", () => {
  it("sets the fixed headers on every kind of response", () => {
    for (const kind of ["document", "api", "static"] as const) {
      const h = securityHeaders(kind, prod);
      expect(h["X-Frame-Options"]).toBe("DENY");
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
      expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["Strict-Transport-Security"]).toBeUndefined();
    }
  });

  it("allows geolocation and camera on this origin only and turns the rest off", () => {
    const policy = securityHeaders("document", prod)["Permissions-Policy"].split(", ");
    expect(policy.filter((p) => !p.endsWith("=()"))).toEqual(["geolocation=(self)", "camera=(self)"]);
    expect(policy).toEqual(expect.arrayContaining(["microphone=()", "payment=()", "usb=()"]));
  });

  it("adds HSTS when APP_URL is https", () => {
    expect(securityHeaders("api", { ...prod, appUrl: "https://muster.example" })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different each time", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});
