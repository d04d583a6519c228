import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { SearchDocument, SearchEngine } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { loadSearchDocuments } from "@/server/modules/search/load-search-documents";
import { seedOfferFixtures, createNeed, createResource } from "@/server/modules/offers/test-fixtures";
import { verifyOrganization } from "@/server/modules/orgs/verify-org";
import { runSyncBatch } from "@/server/modules/search/sync/sync-batch";
import { startSearchSync } from "@/server/modules/search/sync/sync-worker";
import { reconcileEngine, totalDrift } from "@/server/modules/search/sync/reconcile";
import { reindexAll } from "@/server/modules/search/sync/reindex";
import { pruneSearchOutbox } from "@/server/modules/search/sync/outbox-claim";
import { reconcileSlice, searchJobHandlers, SEARCH_RECONCILE_QUEUE, type ReconcileCursor } from "@/server/jobs/search-jobs";
import { drainOutbox, hitIds, pendingSearchRows, waitFor } from "@/server/modules/search/sync/search-sync-test-kit";

let t: TestDatabase;
let pg: SearchEngine;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;

beforeAll(async () => {
  t = await testDb();
  pg = postgresEngine(t.db);
  f = await seedOfferFixtures(t.db);
  await drainOutbox(t.db, [pg]);
});
afterAll(async () => t.cleanup());

const indexedVersion = async (kind: string, id: string) =>
  (await t.db.$queryRaw<{ v: string }[]>`SELECT version::text AS v FROM search_document WHERE kind = ${kind} AND id = ${id}`)[0]?.v ?? null;

describe("search sync (outbox → engines)", () => {
  it("listing: create → searchable, woken by NOTIFY alone; a change replaces the document; delete → gone", async () => {
    // A poll of 10 minutes: only the NOTIFY sent on commit can wake the worker within the wait below.
    const sync = startSearchSync(t.db, { url: t.url, engines: [pg], pollMs: 600_000 });
    try {
      await waitFor(async () => (await pendingSearchRows(t.db)) === 0);
      const id = await createResource(t.db, f.orgs.enterprise, f.types.pump, 3, "龙吸水排涝车");
      expect(await waitFor(async () => (await hitIds(pg, { q: "龙吸水" })).includes(id))).toBe(true);

      await t.db.$executeRaw`UPDATE resource SET title = '大流量冲锋舟' WHERE id = ${id}`; // a raw-SQL write path
      expect(await waitFor(async () => (await hitIds(pg, { q: "冲锋舟" })).includes(id))).toBe(true);
      expect(await hitIds(pg, { q: "龙吸水" })).not.toContain(id);

      await t.db.resource.delete({ where: { id } });
      expect(await waitFor(async () => (await indexedVersion("resource", id)) === null)).toBe(true);
      expect(await hitIds(pg, { q: "冲锋舟" })).not.toContain(id);
      expect(sync.latencies().length).toBeGreaterThanOrEqual(3);
    } finally {
      await sync.stop();
    }
  });

  it("need: follows its incident (title, closing), and organisation / type documents sync too", async () => {
    const needId = await createNeed(t.db, f.incidentId, f.types.sandbag, f.actors.dispatcherA.userId, 100);
    await drainOutbox(t.db, [pg]);
    expect(await indexedVersion("need", needId)).not.toBeNull();

    await t.db.incident.update({ where: { id: f.incidentId }, data: { title: "秦淮河堤防管涌" } });
    await drainOutbox(t.db, [pg]);
    expect(await hitIds(pg, { q: "管涌", kinds: ["need"] })).toContain(needId);

    await t.db.incident.update({ where: { id: f.incidentId }, data: { status: "CLOSED" } });
    await drainOutbox(t.db, [pg]);
    expect(await indexedVersion("need", needId)).toBeNull();
    await t.db.incident.update({ where: { id: f.incidentId }, data: { status: "ACTIVE" } });
    await drainOutbox(t.db, [pg]);
    expect(await indexedVersion("need", needId)).not.toBeNull();

    await t.db.organization.update({ where: { id: f.orgs.govB }, data: { name: "无锡市防汛抗旱指挥部" } });
    await drainOutbox(t.db, [pg]);
    expect(await hitIds(pg, { q: "防汛抗旱指挥部", kinds: ["organization"] })).toContain(f.orgs.govB);
  });

  it("an organisation's verification changes its listings' documents (verified, public)", async () => {
    const pending = await t.db.organization.create({
      data: { name: "栖霞救援装备有限公司", kind: "ENTERPRISE", verification: "PENDING", regionCode: "320102", contactName: "联系人", contactPhone: "13900000000", address: "南京" },
      select: { id: true },
    });
    const ids = [await createResource(t.db, pending.id, f.types.pump, 1, "排涝泵车甲"), await createResource(t.db, pending.id, f.types.boat, 1, "冲锋舟乙")];
    await drainOutbox(t.db, [pg]);
    const verified = async () => (await t.db.$queryRaw<{ verified: boolean }[]>`SELECT verified FROM search_document WHERE kind = 'resource' AND id = ANY(${ids}::text[])`).map((r) => r.verified);
    expect(await verified()).toEqual([false, false]);

    await verifyOrganization(t.db, f.actors.admin, { orgId: pending.id });
    await drainOutbox(t.db, [pg]);
    expect(await verified()).toEqual([true, true]);
  });

  it("a resource type rename reaches its listings: they are found by the new name", async () => {
    const id = await createResource(t.db, f.orgs.enterprise, f.types.boat, 1, "救生艇 8 座");
    await drainOutbox(t.db, [pg]);
    expect(await hitIds(pg, { q: "两栖搜救", kinds: ["resource"] })).not.toContain(id);
    await t.db.resourceType.update({ where: { id: f.types.boat }, data: { nameZh: "两栖搜救艇" } });
    await drainOutbox(t.db, [pg]);
    expect(await hitIds(pg, { q: "两栖搜救", kinds: ["resource"] })).toContain(id);
  });

  it("a fan-out touches a bounded chunk per batch and continues in later batches until every dependent is reindexed", async () => {
    for (let i = 0; i < 4; i++) await createResource(t.db, f.orgs.enterprise, f.types.boat, 1, `救援艇 ${i}`);
    await drainOutbox(t.db, [pg]);
    const boats = (await t.db.resource.findMany({ where: { typeId: f.types.boat }, select: { id: true } })).map((r) => r.id);
    expect(boats.length).toBeGreaterThanOrEqual(5);
    await t.db.resourceType.update({ where: { id: f.types.boat }, data: { nameZh: "气垫救援船" } });

    expect((await runSyncBatch(t.db, { engines: [pg], fanOutChunk: 2 })).failed).toBe(false);
    const pending = await t.db.$queryRaw<{ topic: string; fan_out: unknown }[]>`
      SELECT topic, payload->'fanOut' AS fan_out FROM outbox_event WHERE processed_at IS NULL AND topic LIKE 'search.%' ORDER BY topic`;
    // two listings touched (queued for indexing), the rest left to the type's continuation row
    expect(pending.filter((p) => p.topic === "search.resource")).toHaveLength(2);
    expect(pending.filter((p) => p.topic === "search.type")).toEqual([{ topic: "search.type", fan_out: { table: "resource", after: expect.any(String) } }]);

    await drainOutbox(t.db, [pg], { fanOutChunk: 2 });
    expect(new Set(await hitIds(pg, { q: "气垫救援船", kinds: ["resource"], limit: 50 }))).toEqual(new Set(boats));
    expect(await pendingSearchRows(t.db)).toBe(0);
  });

  it("version guard: an older document (or removal) pushed after a newer one changes nothing", async () => {
    const id = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "旧标题排水泵");
    const [old] = await loadSearchDocuments(t.db, "resource", [id]);
    await t.db.resource.update({ where: { id }, data: { title: "新标题排水泵" } });
    const [fresh] = await loadSearchDocuments(t.db, "resource", [id]);
    expect(BigInt(fresh!.version)).toBeGreaterThan(BigInt(old!.version));
    await pg.upsert([fresh!]);
    await pg.upsert([old!]);
    await pg.remove([{ kind: "resource", id, version: old!.version }]);
    expect(await indexedVersion("resource", id)).toBe(fresh!.version);
    expect(await hitIds(pg, { q: "新标题" })).toContain(id);
    await drainOutbox(t.db, [pg]);
  });

  it("retries: a failing primary engine rolls the batch back (attempts, lastError, backoff); a failing secondary does not hold the primary", async () => {
    await drainOutbox(t.db, [pg]);
    const id = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "重试测试泵");
    const down = (name: SearchEngine["name"]): SearchEngine => ({ ...pg, name, upsert: async () => { throw new Error(`${name} is down`); } });

    const r = await runSyncBatch(t.db, { engines: [down("postgres")] });
    expect(r.failed).toBe(true);
    const row = await t.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: id, topic: "search.resource" }, select: { attempts: true, lastError: true, processedAt: true, availableAt: true } });
    expect(row).toMatchObject({ attempts: 1, lastError: "postgres is down", processedAt: null });
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect((await runSyncBatch(t.db, { engines: [pg] })).rows).toBe(0); // waiting out its backoff
    expect(await indexedVersion("resource", id)).toBeNull();

    await t.db.outboxEvent.updateMany({ where: { aggregateId: id }, data: { availableAt: new Date() } });
    const ok = await runSyncBatch(t.db, { engines: [pg, down("meilisearch")] });
    expect(ok.failed).toBe(false);
    expect(await indexedVersion("resource", id)).not.toBeNull();
    const retry = await t.db.outboxEvent.findMany({ where: { aggregateId: id, processedAt: null }, select: { payload: true, attempts: true, lastError: true } });
    expect(retry).toEqual([{ payload: { engine: "meilisearch" }, attempts: 2, lastError: "meilisearch is down" }]);
  });

  it("reconcile finds injected drift (missing, stale, orphan, ahead) and repairs it", async () => {
    await t.db.outboxEvent.updateMany({ where: { processedAt: null }, data: { availableAt: new Date() } });
    await drainOutbox(t.db, [pg]);
    expect(totalDrift(await reconcileEngine(t.db, pg, { repair: false }))).toBe(0);

    const [a, b, c] = (await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM search_document WHERE kind = 'resource' ORDER BY id LIMIT 3`).map((r) => r.id);
    await t.db.$executeRaw`DELETE FROM search_document WHERE kind = 'resource' AND id = ${a}`;
    await t.db.$executeRaw`UPDATE search_document SET version = version - 1, title = '过期' WHERE kind = 'resource' AND id = ${b}`;
    await t.db.$executeRaw`UPDATE search_document SET version = nextval('search_version_seq') WHERE kind = 'resource' AND id = ${c}`;
    const [doc] = await loadSearchDocuments(t.db, "resource", [b!]);
    const orphan: SearchDocument = { ...doc!, id: "orphan-not-in-db", title: "孤儿文档" };
    await pg.upsert([orphan]);

    const found = await reconcileEngine(t.db, pg);
    expect(found.resource).toEqual({ missing: 1, stale: 1, orphan: 1, newer: 1 });
    expect(totalDrift(await reconcileEngine(t.db, pg, { repair: false }))).toBe(0);
    expect(await indexedVersion("resource", "orphan-not-in-db")).toBeNull();
    expect(await hitIds(pg, { q: "孤儿文档" })).toEqual([]);
  });

  it("the reconcile job walks in slices from a saved cursor, repairs drift across them, prunes dead typo terms, re-arms", async () => {
    await drainOutbox(t.db, [pg]);
    const [a, b] = (await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM search_document WHERE kind = 'resource' ORDER BY id LIMIT 2`).map((r) => r.id);
    await t.db.$executeRaw`DELETE FROM search_document WHERE kind = 'resource' AND id = ${a}`;
    const [doc] = await loadSearchDocuments(t.db, "resource", [b!]);
    await pg.upsert([{ ...doc!, id: "orphan-sliced", title: "切片孤儿" }]);
    await t.db.$executeRaw`INSERT INTO search_term (term) VALUES ('qqzzxnowhere') ON CONFLICT DO NOTHING`;
    const [live] = await t.db.$queryRaw<{ term: string }[]>`SELECT term FROM search_term WHERE term <> 'qqzzxnowhere' ORDER BY term LIMIT 1`;

    // a zero slice: one page per run, each run handing on its cursor (an unknown stage starts from the beginning)
    let cursor: ReconcileCursor | null = { stage: "gone-engine:resource:db", after: null, drift: 0 };
    let runs = 0;
    for (; cursor !== null; runs++) cursor = await reconcileSlice(t.db, [pg], cursor, 0);
    expect(runs).toBeGreaterThanOrEqual(10); // 4 kinds × 2 walks, the terms, the outbox
    expect(totalDrift(await reconcileEngine(t.db, pg, { repair: false }))).toBe(0);
    expect(await indexedVersion("resource", a!)).not.toBeNull();
    expect(await indexedVersion("resource", "orphan-sliced")).toBeNull();
    const terms = (await t.db.$queryRaw<{ term: string }[]>`SELECT term FROM search_term WHERE term IN ('qqzzxnowhere', ${live!.term})`).map((r) => r.term);
    expect(terms).toEqual([live!.term]);

    // the job: continues from the payload's cursor, and once the walk ends re-arms itself an hour on, cursor cleared
    const handler = searchJobHandlers(t.db)[SEARCH_RECONCILE_QUEUE]!;
    const cursorIn: ReconcileCursor = { stage: "postgres:type:engine", after: null, drift: 0 };
    await handler({ id: "unused", queue: SEARCH_RECONCILE_QUEUE, payload: { cursor: cursorIn }, attempts: 1, maxAttempts: 5 });
    const job = await t.db.job.findUnique({ where: { key: SEARCH_RECONCILE_QUEUE } });
    expect(job!.payload).toEqual({});
    expect(job!.doneAt).toBeNull();
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it("reindex rebuilds from the database: an emptied and polluted index comes back exactly", async () => {
    await drainOutbox(t.db, [pg]);
    const before = await t.db.$queryRaw<{ kind: string; id: string; version: string }[]>`SELECT kind, id, version::text FROM search_document ORDER BY kind, id`;
    const [doc] = await loadSearchDocuments(t.db, "organization", [f.orgs.govA]);
    await t.db.$executeRaw`DELETE FROM search_document WHERE kind IN ('resource', 'type')`;
    await pg.upsert([{ ...doc!, id: "orphan-org" }]);
    const progress: string[] = [];
    const r = await reindexAll(t.db, [pg], { onProgress: (p) => progress.push(p.kind) });
    expect(r.removed).toBe(1);
    expect(r.documents).toBe(before.length);
    expect(new Set(progress)).toEqual(new Set(["resource", "need", "organization", "type"]));
    const after = await t.db.$queryRaw<{ kind: string; id: string; version: string }[]>`SELECT kind, id, version::text FROM search_document ORDER BY kind, id`;
    expect(after).toEqual(before);
  });

  it("processed search outbox rows older than a day are pruned; pending ones never", async () => {
    const id = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "清理测试");
    await drainOutbox(t.db, [pg]);
    await t.db.$executeRaw`UPDATE outbox_event SET processed_at = now() - interval '2 days' WHERE aggregate_id = ${id}`;
    await t.db.$executeRaw`UPDATE resource SET title = '清理测试二' WHERE id = ${id}`; // pending
    const pruned = await pruneSearchOutbox(t.db);
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: id } })).toBe(1);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: id, processedAt: null } })).toBe(1);
  });
});
