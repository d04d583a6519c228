import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES } from "@/lib/schemas/api-keys";
import { RATE_LIMITS } from "@/server/modules/rate-limit/rate-limit-config";

/** The README's REST section is what integrators read: it must list every scope and the budgets actually set. */
const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const start = readme.indexOf("## REST API v1");
const rest = readme.slice(start, readme.indexOf("\n## ", start + 1));

const figure = (n: number) => n.toLocaleString("en-US");

describe("README: REST API v1", () => {
  it("documents every API key scope", () => {
    expect(start).toBeGreaterThan(0);
    for (const scope of API_KEY_SCOPES) expect(rest, scope).toContain(`\`${scope}\``);
    expect(rest).toContain('lacks the scope "…"');
  });

  it("documents each request budget as configured, and the headers of a refusal", () => {
    for (const [who, b] of Object.entries(RATE_LIMITS)) {
      expect(rest, who).toContain(`${figure(b.limit)} per ${b.windowSeconds} s`);
    }
    for (const h of ["429", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"]) expect(rest).toContain(h);
  });
});
