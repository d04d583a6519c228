import { describe, expect, it, vi } from "vitest";

describe("lib/env", () => {
  it("rejects a malformed setting with a sentence naming the variable", async () => {
    vi.resetModules();
    vi.stubEnv("PORT", "not-a-port");
    await expect(import("./env")).rejects.toThrow(/Invalid environment configuration[\s\S]*PORT/);
    vi.unstubAllEnvs();
  });

  it("puts APP_URL on the configured PORT when APP_URL is unset, and keeps an APP_URL that is set", async () => {
    vi.resetModules();
    vi.stubEnv("PORT", "3917");
    vi.stubEnv("APP_URL", "");
    expect((await import("./env")).env.APP_URL).toBe("http://localhost:3917");
    vi.resetModules();
    vi.stubEnv("APP_URL", "https://muster.example.cn");
    expect((await import("./env")).env.APP_URL).toBe("https://muster.example.cn");
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
