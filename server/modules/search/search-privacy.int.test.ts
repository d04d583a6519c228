import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { Prisma } from "@/server/generated/prisma/client";
import { PUBLIC_ROW } from "@/server/modules/search/postgres-search";
import { env } from "@/lib/env";
import type { TSearchRequestInput } from "@/lib/schemas/search";
import type { SearchEngine, SearchEngineName, SearchKind, SearchViewer } from "@/server/modules/search/search-types";
import { searchExchange } from "@/server/modules/search/search-exchange";
import { searchViewerOf } from "@/server/modules/search/search-viewer";
import { recordSyncLag } from "@/server/modules/search/search-sync-state";
import { loadSearchDocuments } from "@/server/modules/search/load-search-documents";
import { actorOf, configuredTestEngines, seedDemo, type TestEngine } from "@/server/modules/search/search-test-fixtures";
import { DEMO_ACCOUNTS } from "@/prisma/seed/demo-accounts";

/**
 * Privacy, on every configured engine: another organisation's search never returns a hidden need, a hidden
 * listing or organisation, nor any private field (contacts, need notes, delivery codes) — those are not even
 * searchable. The expected sets come from the database by the app's own rules, so a leak or a loss both fail.
 */

const ENGINES: SearchEngineName[] = env.MEILI_HOST ? ["postgres", "meilisearch"] : ["postgres"];
const HIT_KEYS = new Set(["kind", "id", "title", "titleEn", "highlight", "distanceKm", "lat", "lng"]);
const SECRET_NOTE = "机密备注甲乙丙";
const SECRET_PHONE = "13988887777";
const SECRET_CODE = "QZ7781";

let t: TestDatabase;
let engines: TestEngine[] = [];
let supplier: SearchViewer;
let otherGov: SearchViewer;
let requester: SearchViewer;
let pendingOwner: SearchViewer;
let pendingOrgId: string;

beforeAll(async () => {
  t = await testDb();
  await seedDemo(t.db, t.url);
  // private data written where a careless indexer would pick it up
  const open = await t.db.need.findMany({ where: { status: { in: ["OPEN", "PARTIALLY_FILLED"] } }, select: { id: true } });
  await t.db.need.updateMany({ where: { id: { in: open.map((n) => n.id) } }, data: { notes: SECRET_NOTE, deliveryCode: SECRET_CODE } });
  await t.db.organization.updateMany({ data: { contactPhone: SECRET_PHONE, contactName: SECRET_NOTE } });
  engines = await configuredTestEngines(t.db, "privacy");
  await recordSyncLag(t.db, "meilisearch", 0);
  supplier = searchViewerOf(await actorOf(t.db, DEMO_ACCOUNTS.supplier.email));
  requester = searchViewerOf(await actorOf(t.db, DEMO_ACCOUNTS.requester.email));
  const pendingActor = await actorOf(t.db, DEMO_ACCOUNTS.pending.email);
  pendingOwner = searchViewerOf(pendingActor);
  pendingOrgId = pendingActor.memberships[0]!.orgId;
  const incidentOrgs = (await t.db.incident.findMany({ select: { orgId: true } })).map((i) => i.orgId);
  const gov = await t.db.membership.findFirstOrThrow({
    where: { org: { kind: "GOVERNMENT", verification: "VERIFIED", id: { notIn: incidentOrgs } } },
    select: { user: { select: { email: true } } },
  });
  otherGov = searchViewerOf(await actorOf(t.db, gov.user.email!));
}, 300_000);

afterAll(async () => {
  for (const e of engines) await e.cleanup();
  await t?.cleanup();
});

function engineOf(name: SearchEngineName): SearchEngine | null {
  return name === "meilisearch" ? engines.find((e) => e.engine.name === name)!.engine : null;
}

/** Every hit of a search, page by page. */
async function allHits(name: SearchEngineName, viewer: SearchViewer, input: TSearchRequestInput) {
  const hits: Array<Record<string, unknown> & { id: string; kind: SearchKind }> = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const res = await searchExchange(t.db, viewer, { ...input, limit: 50, cursor, relax: false }, { meili: engineOf(name) });
    expect(res.engine).toBe(name);
    hits.push(...(res.hits as never[]));
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return hits;
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id).sort();

describe.each(ENGINES)("search privacy on %s", (name) => {
  it("shows a supplier exactly the open, non-knight needs of live incidents (the supplier board) — no more", async () => {
    const expected = await t.db.need.findMany({
      where: { status: { in: ["OPEN", "PARTIALLY_FILLED"] }, category: { not: "KNIGHT" }, incident: { status: { in: ["ACTIVE", "CONTAINED"] } } },
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await allHits(name, supplier, { kinds: ["need"] }))).toEqual(ids(expected));
  });

  it("shows another government organisation none of the incidents' needs; the owning one its own, knight tasks included", async () => {
    expect(await allHits(name, otherGov, { kinds: ["need"] })).toEqual([]);
    const ownOrgIds = requester.orgIds;
    const own = await t.db.need.findMany({
      where: { status: { in: ["OPEN", "PARTIALLY_FILLED"] }, incident: { orgId: { in: ownOrgIds }, status: { in: ["ACTIVE", "CONTAINED"] } } },
      select: { id: true },
    });
    expect(ids(await allHits(name, requester, { kinds: ["need"] }))).toEqual(ids(own));
  });

  it("never shows others' unverified organisations or their listings, nor anyone's draft or retired listings", async () => {
    const hidden = await t.db.resource.findMany({
      where: { OR: [{ status: { in: ["DRAFT", "RETIRED"] } }, { ownerOrg: { id: pendingOrgId } }] }, select: { id: true },
    });
    const hiddenIds = new Set(hidden.map((r) => r.id));
    const supplierHits = await allHits(name, supplier, { kinds: ["resource"], q: "救援" });
    expect(supplierHits.length).toBeGreaterThan(0);
    expect(supplierHits.filter((h) => hiddenIds.has(h.id))).toEqual([]);
    const orgs = await allHits(name, supplier, { kinds: ["organization"] });
    const unverified = await t.db.organization.findMany({ where: { verification: { not: "VERIFIED" } }, select: { id: true } });
    const supplierOrgs = new Set(supplier.orgIds);
    expect(orgs.filter((o) => unverified.some((u) => u.id === o.id) && !supplierOrgs.has(o.id))).toEqual([]);
    // the pending organisation's owner sees it and its listings that are not drafts
    expect((await allHits(name, pendingOwner, { kinds: ["organization"] })).some((o) => o.id === pendingOrgId)).toBe(true);
    const ownListings = await t.db.resource.findMany({ where: { ownerOrgId: pendingOrgId, status: { in: ["AVAILABLE", "OUT_OF_SERVICE"] } }, select: { id: true } });
    const seen = new Set((await allHits(name, pendingOwner, { kinds: ["resource"] })).map((h) => h.id));
    expect(ownListings.every((r) => seen.has(r.id))).toBe(true);
  });

  it("has no private field in a hit, and private text is not searchable at all", async () => {
    const hits = await allHits(name, supplier, { q: "应急" });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) for (const k of Object.keys(h)) expect(HIT_KEYS.has(k), k).toBe(true);
    const admin: SearchViewer = { admin: true, userId: null, orgIds: [], audiences: [] };
    for (const q of [SECRET_NOTE, SECRET_PHONE, SECRET_CODE, "甲乙丙"]) expect(await allHits(name, admin, { q }), q).toEqual([]);
    const needIds = (await t.db.need.findMany({ select: { id: true } })).map((n) => n.id);
    const docs = await loadSearchDocuments(t.db, "need", needIds);
    expect(docs.length).toBeGreaterThan(0);
    expect(JSON.stringify(docs)).not.toMatch(new RegExp(`${SECRET_NOTE}|${SECRET_CODE}|${SECRET_PHONE}`));
    const orgDocs = await loadSearchDocuments(t.db, "organization", [pendingOrgId]);
    expect(JSON.stringify(orgDocs)).not.toContain(SECRET_PHONE);
  });
});

describe("search privacy, PostgreSQL index", () => {
  it("tests 'public' on the row's columns exactly where a document carries the public lexeme ('vis:all')", async () => {
    const [r] = await t.db.$queryRaw<{ public: bigint; private: bigint; disagree: bigint }[]>(Prisma.sql`
      SELECT count(*) FILTER (WHERE tsv @@ '''vis:all''') AS public, count(*) FILTER (WHERE NOT tsv @@ '''vis:all''') AS private,
        count(*) FILTER (WHERE (tsv @@ '''vis:all''') IS DISTINCT FROM ${PUBLIC_ROW}) AS disagree
      FROM search_document d`);
    expect(Number(r!.public)).toBeGreaterThan(0);
    expect(Number(r!.private)).toBeGreaterThan(0);
    expect(Number(r!.disagree)).toBe(0);
  });
});
