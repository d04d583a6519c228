import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedIncidentFixtures(t.db);
});
afterAll(() => t.cleanup());

describe("incident permissions", () => {
  let id = "";
  beforeAll(async () => {
    id = (await caller(f.actors.memberA).incident.create(incidentInput)).id;
  });

  it("the creator's organisation lists and reads it; the creator is the commander", async () => {
    const list = await caller(f.actors.dispatcherA).incident.list({});
    expect(list.items.map((i) => i.id)).toContain(id);
    const got = await caller(f.actors.memberA).incident.get({ id });
    expect(got.incident).toMatchObject({ title: incidentInput.title, status: "ACTIVE", canEdit: true, canApprove: false });
    expect(got.incident.commander?.name).toBe("张敏");
    expect(got.incident.regionName).toEqual({ zh: "玄武区", en: "Xuanwu" });
    expect(got.timeline[0]).toMatchObject({ action: "incident.create", actorName: "张敏" });
  });

  it("another government organisation's member gets NOT_FOUND and an empty list", async () => {
    await expect(caller(f.actors.memberB).incident.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.memberB).incident.setStatus({ id, status: "CONTAINED" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.memberB).need.create(needInput(id, f.types.pump))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller(f.actors.memberB).incident.list({})).items.map((i) => i.id)).not.toContain(id);
  });

  it("a supplier is FORBIDDEN from every incident and need procedure", async () => {
    const s = caller(f.actors.supplier);
    await expect(s.incident.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.incident.get({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.incident.create(incidentInput)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.need.templates({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin reads every incident but cannot change it", async () => {
    const a = caller(f.actors.admin);
    expect((await a.incident.list({})).items.map((i) => i.id)).toContain(id);
    expect((await a.incident.get({ id })).incident.canEdit).toBe(false);
    await expect(a.incident.setStatus({ id, status: "CONTAINED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an unverified government organisation's member is told it awaits verification", async () => {
    await expect(caller(f.actors.pending).incident.create(incidentInput)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/awaiting verification/i),
    });
  });

  it("list filters by status, kind, severity and region (a city code matches its districts)", async () => {
    const m = caller(f.actors.memberA);
    expect((await m.incident.list({ regionCode: "320100" })).items.map((i) => i.id)).toContain(id);
    expect((await m.incident.list({ regionCode: "320200" })).items).toEqual([]);
    expect((await m.incident.list({ kind: "TYPHOON" })).items).toEqual([]);
    expect((await m.incident.list({ severity: "III", status: "ACTIVE", kind: "FLOOD" })).items.map((i) => i.id)).toContain(id);
  });
});

describe("incident lifecycle", () => {
  it("update with a stale version is a CONFLICT; a fresh one applies and is on the timeline", async () => {
    const m = caller(f.actors.memberA);
    const { id } = await m.incident.create({ ...incidentInput, title: "版本测试" });
    const { incident } = await m.incident.get({ id });
    const updated = await m.incident.update({ id, version: incident.version, severity: "II", commanderId: f.actors.dispatcherA.userId });
    await expect(m.incident.update({ id, version: incident.version, title: "旧版本" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(m.incident.update({ id, commanderId: f.actors.memberB.userId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const after = await m.incident.get({ id });
    expect(after.incident).toMatchObject({ severity: "II", title: "版本测试", version: updated.version });
    expect(after.incident.commander?.name).toBe("李调度");
    expect(after.timeline[0]).toMatchObject({ action: "incident.update", summary: "severity, commanderId" });
  });

  it("follows the state machine; an illegal move changes nothing", async () => {
    const m = caller(f.actors.memberA);
    const { id } = await m.incident.create({ ...incidentInput, status: "DRAFT" });
    await expect(m.incident.setStatus({ id, status: "CONTAINED" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await m.incident.get({ id })).incident.status).toBe("DRAFT");
    await m.incident.setStatus({ id, status: "ACTIVE" });
    await m.incident.setStatus({ id, status: "CONTAINED" });
    await m.incident.setStatus({ id, status: "ACTIVE" });
    await m.incident.setStatus({ id, status: "CLOSED" });
    await expect(m.incident.setStatus({ id, status: "ACTIVE" })).rejects.toMatchObject({ code: "CONFLICT" });
    const got = await m.incident.get({ id });
    expect(got.incident.status).toBe("CLOSED");
    expect(got.incident.closedAt).toBeInstanceOf(Date);
    await expect(m.need.create(needInput(id, f.types.pump))).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("activating a draft incident publishes its draft needs", async () => {
    const m = caller(f.actors.memberA);
    const { id, needIds } = await m.incident.create({ ...incidentInput, status: "DRAFT", templateCode: "FLOOD-TEST" });
    expect(needIds).toHaveLength(3);
    expect((await m.incident.get({ id })).needs.every((n) => n.status === "DRAFT")).toBe(true);
    await m.incident.setStatus({ id, status: "ACTIVE" });
    expect((await m.incident.get({ id })).needs.every((n) => n.status === "OPEN")).toBe(true);
  });

  it("closing with unfilled needs requires a reason; with one, every need is settled", async () => {
    const m = caller(f.actors.memberA);
    const { id, needIds } = await m.incident.create({ ...incidentInput, templateCode: "FLOOD-TEST" });
    const draft = await m.need.create(needInput(id, f.types.pump, { status: "DRAFT" }));
    await expect(m.incident.setStatus({ id, status: "CLOSED" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    let got = await m.incident.get({ id });
    expect(got.incident.status).toBe("ACTIVE");
    expect(got.needs.filter((n) => n.status === "OPEN")).toHaveLength(3);
    await expect(m.incident.setStatus({ id, status: "CLOSED", unmetReason: "OTHER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await m.incident.setStatus({ id, status: "CLOSED", unmetReason: "TOO_LATE" });
    got = await m.incident.get({ id });
    for (const nid of needIds) expect(got.needs.find((n) => n.id === nid)).toMatchObject({ status: "CLOSED", unmetReason: "TOO_LATE" });
    expect(got.needs.find((n) => n.id === draft.id)).toMatchObject({ status: "CANCELLED", unmetReason: null });
  });
});

describe("templates", () => {
  it("need.templates resolves items to catalogue types", async () => {
    const list = await caller(f.actors.memberA).need.templates({ kind: "FLOOD" });
    expect(list).toHaveLength(1);
    expect(list[0]!.items.map((i) => [i.typeCode, i.typeId, i.titleZh, i.quantity])).toEqual([
      ["EQ-PUMP-1", f.types.pump, "大流量排水泵", 2],
      ["EQ-BOAT-1", f.types.boat, "冲锋舟", 4],
      ["MT-SANDBAG", f.types.sandbag, "防汛沙袋", 5000],
    ]);
    expect(await caller(f.actors.memberA).need.templates({ kind: "TYPHOON" })).toEqual([]);
  });

  it("creating from a template posts the chosen items with edited quantities", async () => {
    const m = caller(f.actors.memberA);
    const { id, needIds } = await m.incident.create({
      ...incidentInput,
      templateCode: "FLOOD-TEST",
      templateItems: [{ typeCode: "EQ-BOAT-1", quantity: 6 }, { typeCode: "EQ-PUMP-1" }],
    });
    expect(needIds).toHaveLength(2);
    const { needs, incident, timeline } = await m.incident.get({ id });
    expect(needs.map((n) => [n.title, n.quantity, n.priority, n.status])).toEqual([
      ["冲锋舟", 6, "LIFE_SAFETY", "OPEN"],
      ["大流量排水泵", 2, "URGENT", "OPEN"],
    ]);
    expect(needs[1]!.requiredCapabilities).toEqual({ flow_m3h: 1000 });
    expect(incident).toMatchObject({ needsOpen: 2, needsTotal: 2, fill: { requested: 8, committed: 0, onScene: 0 } });
    expect(timeline.filter((e) => e.action === "need.create")).toHaveLength(2);
  });

  it("a failure on the last item leaves nothing behind (one transaction)", async () => {
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'BOOM' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER need_boom BEFORE INSERT ON need FOR EACH ROW EXECUTE FUNCTION fail_on_boom()`);
    const before = await Promise.all([t.db.incident.count(), t.db.need.count(), t.db.auditEvent.count()]);
    await expect(
      caller(f.actors.memberA).incident.create({
        ...incidentInput,
        title: "事务测试",
        templateCode: "FLOOD-TEST",
        templateItems: [{ typeCode: "EQ-PUMP-1" }, { typeCode: "EQ-BOAT-1" }, { typeCode: "MT-SANDBAG", title: "BOOM" }],
      }),
    ).rejects.toThrow();
    const after = await Promise.all([t.db.incident.count(), t.db.need.count(), t.db.auditEvent.count()]);
    expect(after).toEqual(before);
    expect(await t.db.incident.count({ where: { title: "事务测试" } })).toBe(0);
    await t.db.$executeRawUnsafe(`DROP TRIGGER need_boom ON need`);
  });
});
