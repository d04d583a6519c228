import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  apiKeyFromAuthorization,
  generateApiKey,
  hashApiKey,
  parseApiKey,
  randomBase62,
} from "@/server/modules/api-keys/key-format";

describe("API key format", () => {
  it("is mk_<8 base62>_<32 base62>, with its prefix and sha256 hash", () => {
    const k = generateApiKey();
    expect(k.key).toMatch(/^mk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(k.key.slice(3, 11)).toBe(k.prefix);
    expect(k.hashedKey).toBe(createHash("sha256").update(k.key).digest("hex"));
    expect(hashApiKey(k.key)).toBe(k.hashedKey);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix });
  });

  it("generates distinct keys", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it("uses the whole base62 alphabet roughly uniformly", () => {
    const s = randomBase62(62 * 400);
    const counts = new Map<string, number>();
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(250);
  });

  it("rejects malformed keys", () => {
    expect(parseApiKey("mk_short_x")).toBeNull();
    expect(parseApiKey(`mk_ABCDEFGH_${"a".repeat(31)}!`)).toBeNull();
    expect(parseApiKey(`sk_ABCDEFGH_${"a".repeat(32)}`)).toBeNull();
  });

  it("reads only Bearer mk_ tokens from the Authorization header", () => {
    expect(apiKeyFromAuthorization("Bearer mk_abc")).toBe("mk_abc");
    expect(apiKeyFromAuthorization("bearer   mk_abc ")).toBe("mk_abc");
    expect(apiKeyFromAuthorization("Basic dXNlcjpwdw==")).toBeNull();
    expect(apiKeyFromAuthorization("Bearer eyJhbGciOi")).toBeNull();
    expect(apiKeyFromAuthorization(null)).toBeNull();
  });
});
