import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hashApiKey, parseApiKey } from "@/server/modules/api-keys/key-format";
import { buildDataset, DEFAULT_KNIGHTS, DEFAULT_SCALE } from "./build-dataset";
import { DEMO_PLATFORM_API_KEY, DEMO_PLATFORM_BRAND, DEMO_PLATFORM_RIDERS, DEMO_PLATFORM_SPEC, riderOnDutyCurl } from "./delivery-platform";
import { DEMO_ACCOUNTS } from "./demo-accounts";

/** The demo delivery platform as `npm run demo` seeds it (default seed and scale), without a database. */
describe("demo delivery platform (pure)", () => {
  const build = (now: string) =>
    buildDataset({ seed: "muster", scale: DEFAULT_SCALE, knights: DEFAULT_KNIGHTS, now: new Date(now), adminId: null, passwordHash: "hash" });
  const d = build("2026-03-01T08:00:00Z");
  const org = d.orgs.find((o) => o.slug === DEMO_PLATFORM_SPEC.slug)!;

  it("is a verified enterprise with Chinese and English names, owned by the platform demo account", () => {
    expect(org.row).toMatchObject({ name: "金陵即时配送有限公司", nameEn: "Jinling Express Delivery Co., Ltd.", kind: "ENTERPRISE", verification: "VERIFIED" });
    const owner = d.memberships.find((m) => m.orgId === org.id && m.role === "OWNER")!;
    expect(d.users.find((u) => u.id === owner.userId)).toMatchObject({ email: DEMO_ACCOUNTS.platform.email, phone: DEMO_ACCOUNTS.platform.phone });
    expect(new Set(d.orgs.map((o) => o.row.unifiedSocialCreditCode)).size).toBe(d.orgs.length);
  });

  it("holds one key in the ordinary key format, stored only as its hash and prefix", () => {
    expect(parseApiKey(DEMO_PLATFORM_API_KEY)).toEqual({ prefix: "demoJLEX" });
    expect(d.apiKeys).toEqual([expect.objectContaining({ orgId: org.id, prefix: "demoJLEX", hashedKey: hashApiKey(DEMO_PLATFORM_API_KEY) })]);
    expect(JSON.stringify(d.apiKeys)).not.toContain(DEMO_PLATFORM_API_KEY);
  });

  it("links Nanjing two-wheelers with room for the seeded deliveries and no live seeded task, each with its own rider id", () => {
    const riders = d.knights.filter((k) => k.profile.platformOrgId === org.id);
    expect(riders.map((k) => k.profile.externalRiderId)).toEqual(Array.from({ length: DEMO_PLATFORM_RIDERS }, (_, i) => `JL-${String(i + 1).padStart(3, "0")}`));
    const live = new Set(d.incidents.assignments.filter((a) => ["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"].includes(a.status as string)).map((a) => a.knightId));
    for (const { profile: p } of riders) {
      expect(p).toMatchObject({ status: "ACTIVE", deliveryPlatform: DEMO_PLATFORM_BRAND });
      expect(["EBIKE", "MOTORCYCLE"]).toContain(p.vehicle);
      expect(p.payloadKg).toBeGreaterThanOrEqual(25);
      expect(p.homeDistrictCode.startsWith("3201")).toBe(true);
      expect(live.has(p.id)).toBe(false);
    }
    expect(riders.some((k) => k.user.email === DEMO_ACCOUNTS.knight.email)).toBe(false);
  });

  it("prints the README's example: JL-001 next to the pickup of 秦淮区's delivery task, whatever the seed's clock", () => {
    const curl = riderOnDutyCurl(d.platform, "http://localhost:3000")!;
    expect(build("2026-11-29T09:00:00Z").platform).toEqual(d.platform);
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(curl);
    expect(readme).toContain(DEMO_PLATFORM_API_KEY);
  });
});
