import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { createKnight, ORIGIN } from "@/server/modules/dispatch/test-fixtures";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";

/**
 * The migration that began enforcing scopes gives keys created before it (scopes '{}') the scopes their
 * organisation's use needs. Its UPDATE is replayed here on keys made without scopes.
 */
const MIGRATION = "prisma/migrations/20261206070000_api_key_scopes_rate_limits/migration.sql";
const backfill = fs.readFileSync(MIGRATION, "utf8").slice(fs.readFileSync(MIGRATION, "utf8").indexOf('UPDATE "api_key"'));

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const keyIds = { platform: "", gov: "", supplier: "", scoped: "" };

async function addKey(orgId: string, scopes: string[] = []): Promise<string> {
  const k = generateApiKey();
  const row = await t.db.apiKey.create({ data: { orgId, name: "old", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.admin.userId, scopes }, select: { id: true } });
  return row.id;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  const platform = await t.db.organization.create({
    data: { name: "配送平台", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320102", contactName: "联系人", contactPhone: "025-84000002", address: "南京" },
    select: { id: true },
  });
  await createKnight(t.db, ORIGIN, { platformOrgId: platform.id, externalRiderId: "R-1" });
  keyIds.platform = await addKey(platform.id);
  keyIds.gov = await addKey(f.orgs.govA);
  keyIds.supplier = await addKey(f.orgs.enterprise);
  keyIds.scoped = await addKey(f.orgs.enterprise, ["catalogue:read"]);
});
afterAll(async () => t?.cleanup());

describe("scope backfill for keys made before scopes were enforced", () => {
  it("gives each key what its organisation uses, within what its kind may hold, and leaves scoped keys alone", async () => {
    await t.db.$executeRawUnsafe(backfill);
    const scopesOf = async (id: string) => (await t.db.apiKey.findUniqueOrThrow({ where: { id }, select: { scopes: true } })).scopes;
    expect(await scopesOf(keyIds.platform)).toEqual(["catalogue:read", "platform:riders"]);
    // Everything a government key could hold when the backfill ran; command:read came later and is never backfilled.
    expect(await scopesOf(keyIds.gov)).toEqual(SCOPES_BY_ORG_KIND.GOVERNMENT.filter((s) => s !== "command:read"));
    expect(await scopesOf(keyIds.supplier)).toEqual(["catalogue:read", "listings:read", "listings:write", "offers:respond"]);
    expect(await scopesOf(keyIds.scoped)).toEqual(["catalogue:read"]);
    for (const id of [keyIds.supplier, keyIds.platform]) {
      expect((await scopesOf(id)).every((s) => (SCOPES_BY_ORG_KIND.ENTERPRISE as readonly string[]).includes(s))).toBe(true);
    }
  });
});
