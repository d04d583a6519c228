import { describe, expect, it, vi } from "vitest";

describe("lib/env", () => {
  it("rejects a malformed setting with a sentence naming the variable", async () => {
    vi.resetModules();
    vi.stubEnv("PORT", "not-a-port");
    await expect(import("./env")).rejects.toThrow(/Invalid environment configuration[\s\S]*PORT/);
    vi.unstubAllEnvs();
  });

  it("asks for `npm run demo` or a DATABASE_URL when the app has no database", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "");
    const { requireDatabaseUrl } = await import("./env");
    expect(() => requireDatabaseUrl()).toThrow(/npm run demo/);
    vi.unstubAllEnvs();
  });
});
