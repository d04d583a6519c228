import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { createResource } from "@/server/modules/offers/test-fixtures";
import { loadAar } from "@/server/modules/command/aar/load-aar";
import { aarCsv } from "@/server/modules/command/aar/aar-csv";
import { createImprovementItem, deleteImprovementItem, updateImprovementItem } from "@/server/modules/command/aar/improvement-plan";
import { ZCreateImprovementItemInput } from "@/lib/schemas/aar";
import type { TAarReport } from "@/lib/schemas/aar";
import { postJournal, reverseJournal } from "@/server/modules/ledger/post-journal";

/**
 * The after-action report on a fixed scenario (times from T0), figures computed by hand:
 * N1 pumps ×2 posted T0 — A1 offered +10, accepted +20, en route +30, on scene +50, released +170;
 *   A2 offered +12, accepted +40, en route +100, on scene +130; A3 and A4 declined ("车辆检修中").
 * N2 sandbags ×5 posted +30, closed unmet (NO_SUPPLIER_IN_RANGE), never offered.
 * Every step also has its audit event, so each finding can be checked against the events behind it.
 * Money (ledger journals posted through postJournal, fen):
 *   paid order from the enterprise: accepted 1000.00, reduced 200.00, paid 500.00 by card, refunded 100.00
 *     → cost 700.00, paid 400.00, outstanding 300.00;
 *   compensation to the enterprise: approved 300.00 + 150.00 (+ 50.00 approved then reversed), paid 300.00
 *     → approved 450.00, paid 300.00, outstanding 150.00; claimed and undecided: 120.00 pending + 20.00 disputed;
 *   in kind: the co-op 80.00, the enterprise 30.00 → 110.00;
 *   recoverable from 某化工厂: 450.00, recovered 100.00 → 350.00 still owed.
 */
const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (m: number) => new Date(T0.getTime() + m * 60_000);

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const seq: Record<string, string> = {};
let report: TAarReport;

async function audit(label: string, action: string, entityType: string, entityId: string, data: Record<string, unknown> = {}) {
  const { id } = await recordAudit(t.db, { actorId: f.actors.dispatcherA.userId, orgId: f.orgs.govA, action, entityType, entityId, data });
  const row = await t.db.auditEvent.findUniqueOrThrow({ where: { id }, select: { seq: true } });
  seq[label] = row.seq.toString();
}

async function unit(needId: string, title: string, patch: Partial<Prisma.AssignmentUncheckedCreateInput>): Promise<string> {
  const resourceId = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, title);
  return (await t.db.assignment.create({ data: { needId, resourceId, windowStart: at(0), windowEnd: at(600), status: "OFFERED", ...patch }, select: { id: true } })).id;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  const base = { incidentId: f.incidentId, unit: "unit", stagingLat: 32.05, stagingLng: 118.79, stagingAddress: "南京", neededBy: at(600), durationMinutes: 240, maxDistanceKm: 100, createdById: f.actors.dispatcherA.userId };
  const n1 = (await t.db.need.create({ data: { ...base, typeId: f.types.pump, category: "EQUIPMENT", title: "排水泵", quantity: 2, status: "FILLED", createdAt: at(0), qtyOnScene: 1, qtyReleased: 1 }, select: { id: true } })).id;
  const n2 = (await t.db.need.create({ data: { ...base, typeId: f.types.sandbag, category: "MATERIAL", title: "沙袋", quantity: 5, unit: "bag", status: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE", paymentMode: "REIMBURSABLE", createdAt: at(30) }, select: { id: true } })).id;
  const a1 = await unit(n1, "泵 1", { status: "RELEASED", offeredAt: at(10), acceptedAt: at(20), enRouteAt: at(30), onSceneAt: at(50), completedAt: at(160), releasedAt: at(170) });
  const a2 = await unit(n1, "泵 2", { status: "ON_SCENE", offeredAt: at(12), acceptedAt: at(40), enRouteAt: at(100), onSceneAt: at(130) });
  const a3 = await unit(n1, "泵 3", { status: "DECLINED", offeredAt: at(11), respondedAt: at(14), declineReason: "车辆检修中" });
  const a4 = await unit(n1, "泵 4", { status: "DECLINED", offeredAt: at(13), respondedAt: at(15), declineReason: "车辆检修中" });

  await audit("n1.create", "need.create", "Need", n1, { status: "OPEN", quantity: 2 });
  await audit("a1.offer", "assignment.offer", "Assignment", a1);
  await audit("a3.offer", "assignment.offer", "Assignment", a3);
  await audit("a2.offer", "assignment.offer", "Assignment", a2);
  await audit("a4.offer", "assignment.offer", "Assignment", a4);
  await audit("a3.decline", "assignment.decline", "Assignment", a3, { reason: "车辆检修中" });
  await audit("a4.decline", "assignment.decline", "Assignment", a4, { reason: "车辆检修中" });
  await audit("a1.accept", "assignment.accept", "Assignment", a1, { quantity: 1 });
  await audit("a1.enRoute", "assignment.progress", "Assignment", a1, { status: "EN_ROUTE" });
  await audit("n2.create", "need.create", "Need", n2, { status: "OPEN", quantity: 5 });
  await audit("a2.accept", "assignment.accept", "Assignment", a2, { quantity: 1 });
  await audit("a1.onScene", "assignment.progress", "Assignment", a1, { status: "ON_SCENE" });
  await audit("a2.enRoute", "assignment.progress", "Assignment", a2, { status: "EN_ROUTE" });
  await audit("a2.onScene", "assignment.progress", "Assignment", a2, { status: "ON_SCENE" });
  await audit("a1.released", "assignment.progress", "Assignment", a1, { status: "RELEASED" });
  await audit("n2.close", "need.setStatus", "Need", n2, { to: "CLOSED" });

  await postMoney(a2);
  report = await loadAar(t.db, f.actors.dispatcherA, f.incidentId);
});

let coop: string;
async function postMoney(a2: string) {
  const inc = f.incidentId;
  const { govA, enterprise } = f.orgs;
  coop = (await t.db.organization.create({ data: { name: "江宁救援物资合作社", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320102", contactName: "联系人", contactPhone: "025-84000001", address: "南京市" }, select: { id: true } })).id;
  const orderId = (await t.db.order.create({ data: { buyerOrgId: govA, sellerOrgId: enterprise, amountCents: 100_000, incidentId: inc, status: "ACCEPTED" }, select: { id: true } })).id;
  const j = (kind: Parameters<typeof postJournal>[1]["kind"], lines: Parameters<typeof postJournal>[1]["lines"], orderIdOf: string | null = null) => postJournal(t.db, { kind, incidentId: inc, orderId: orderIdOf, lines });
  await j("order.accepted", [{ account: "buyer_receivable", orgId: govA, debitCents: 100_000 }, { account: "incident_clearing", creditCents: 100_000 }], orderId);
  await j("order.reduced", [{ account: "incident_clearing", debitCents: 20_000 }, { account: "buyer_receivable", orgId: govA, creditCents: 20_000 }], orderId);
  await j("order.paid", [{ account: "stripe_balance", debitCents: 50_000 }, { account: "buyer_receivable", orgId: govA, creditCents: 50_000 }], orderId);
  await j("order.refund", [{ account: "incident_clearing", debitCents: 10_000 }, { account: "stripe_balance", creditCents: 10_000 }], orderId);
  const approve = (cents: number) => j("compensation.approved", [{ account: "compensation_approved", orgId: govA, debitCents: cents }, { account: "compensation_payable", orgId: enterprise, creditCents: cents }]);
  await approve(30_000);
  await approve(15_000);
  await reverseJournal(t.db, (await approve(5_000)).journalId);
  await j("compensation.paid", [{ account: "compensation_payable", orgId: enterprise, debitCents: 30_000 }, { account: "compensation_paid", orgId: govA, creditCents: 30_000 }]);
  await j("in_kind.donated", [{ account: "in_kind_cost", debitCents: 8_000 }, { account: "in_kind_donated", orgId: coop, creditCents: 8_000 }]);
  await j("in_kind.donated", [{ account: "in_kind_cost", debitCents: 3_000 }, { account: "in_kind_donated", orgId: enterprise, creditCents: 3_000 }]);
  await t.db.incident.update({ where: { id: inc }, data: { responsibleUnitName: "某化工厂" } });
  await j("cost.recoverable", [{ account: "cost_recoverable", debitCents: 45_000 }, { account: "incident_clearing", creditCents: 45_000 }]);
  await j("cost.recovered", [{ account: "incident_clearing", orgId: govA, debitCents: 10_000 }, { account: "cost_recoverable", creditCents: 10_000 }]);
  // Claimed but not decided: in the compensation cost report, not (yet) in the ledger.
  const claim = await t.db.compensationClaim.create({
    data: { assignmentId: a2, incidentId: inc, supplierOrgId: enterprise, requesterOrgId: govA, mode: "REIMBURSABLE", status: "FILED", filedAt: at(200), createdById: f.actors.dispatcherA.userId },
    select: { id: true },
  });
  await t.db.claimLine.createMany({
    data: [
      { claimId: claim.id, kind: "RENT", description: "租金", amountCents: 12_000, status: "PENDING", createdById: f.actors.dispatcherA.userId },
      { claimId: claim.id, kind: "FUEL", description: "燃油", amountCents: 2_000, status: "DISPUTED", createdById: f.actors.dispatcherA.userId },
    ],
  });
}
afterAll(async () => {
  await t?.cleanup();
});

const seqs = (...labels: string[]) => labels.map((l) => seq[l]!);
const finding = (key: string) => report.findings.find((x) => x.key === key);

describe("after-action report figures", () => {
  it("response segments for the whole incident: p50/p90 by hand (percentile_cont)", () => {
    const by = Object.fromEntries(report.responseTimes.map((s) => [s.segment, s]));
    expect(by.POSTED_TO_FIRST_OFFER).toMatchObject({ n: 1, medianSeconds: 600, p90Seconds: 600 }); // T0 → +10
    expect(by.FIRST_OFFER_TO_COMMITTED).toMatchObject({ n: 1, medianSeconds: 600, p90Seconds: 600 }); // +10 → +20
    // turnout 10 and 60 min: median 35 min, p90 = 600 + 0.9 × 3000 = 3300 s
    expect(by.TURNOUT).toMatchObject({ n: 2, medianSeconds: 2100, p90Seconds: 3300 });
    // travel 20 and 30 min: p90 = 1200 + 0.9 × 600 = 1740 s
    expect(by.TRAVEL).toMatchObject({ n: 2, medianSeconds: 1500, p90Seconds: 1740 });
    expect(by.ON_SCENE).toMatchObject({ n: 1, medianSeconds: 7200, p90Seconds: 7200 });
  });

  it("fill funnel in total and per need type, the sandbags with no segment at all", () => {
    expect(report.funnel).toMatchObject({ needed: 7, committed: 2, enRoute: 2, onScene: 2, released: 1 });
    const pump = report.needTypes.find((x) => x.key === "EQ-PUMP-1")!;
    const bags = report.needTypes.find((x) => x.key === "MT-SANDBAG")!;
    expect(pump.funnel).toMatchObject({ needed: 2, committed: 2, enRoute: 2, onScene: 2, released: 1 });
    expect(bags.funnel).toMatchObject({ needed: 5, committed: 0, enRoute: 0, onScene: 0, released: 0 });
    expect(pump.responseTimes.find((s) => s.segment === "TURNOUT")).toMatchObject({ n: 2, p90Seconds: 3300 });
    expect(bags.responseTimes.every((s) => s.n === 0)).toBe(true);
  });

  it("supplier answers, unmet demand, resources, participants and payment modes", () => {
    expect(report.supplierResponses).toMatchObject({ offered: 4, accepted: 2, declined: 2, expired: 0, declineRate: 0.5 });
    expect(report.unmetDemand).toEqual([expect.objectContaining({ typeCode: "MT-SANDBAG", reason: "NO_SUPPLIER_IN_RANGE", needs: 1, unitsShort: 5 })]);
    expect(report.resourcesByCategory.find((c) => c.category === "EQUIPMENT")).toMatchObject({ assignments: 2, units: 2 });
    expect(report.resourcesBySupplier).toEqual([expect.objectContaining({ orgId: f.orgs.enterprise, category: "EQUIPMENT", assignments: 2, units: 2 })]);
    expect(report.participants.map((p) => [p.orgId, p.role])).toEqual([[f.orgs.govA, "LEAD"], [f.orgs.enterprise, "SUPPLIER"]]);
    expect(report.costs.paymentModes).toEqual([
      { mode: "PUBLIC_GOOD", needs: 1, units: 2 },
      { mode: "PAID", needs: 0, units: 0 },
      { mode: "REIMBURSABLE", needs: 1, units: 0 },
    ]);
    expect(report.objectives.map((o) => [o.title, o.filled, o.quantity])).toEqual([["排水泵", 2, 2], ["沙袋", 0, 5]]);
  });

  it("findings by the rules, each with the audit events behind it", () => {
    expect(report.findings.map((x) => x.key).sort()).toEqual(
      [
        "HIGH_DECLINE_RATE", "NEED_TYPE_FILLED:EQ-PUMP-1", "NEED_TYPE_UNMET:MT-SANDBAG", "SEGMENT_SLOW:EQ-PUMP-1:TURNOUT",
        "SEGMENT_WITHIN:EQ-PUMP-1:FIRST_OFFER_TO_COMMITTED", "SEGMENT_WITHIN:EQ-PUMP-1:POSTED_TO_FIRST_OFFER", "SEGMENT_WITHIN:EQ-PUMP-1:TRAVEL",
      ].sort(),
    );
    // only A2's turnout (60 min) is over the 30 min target: its accept and its departure
    expect(finding("SEGMENT_SLOW:EQ-PUMP-1:TURNOUT")).toMatchObject({ kind: "IMPROVEMENT", figures: { p90Seconds: 3300, thresholdSeconds: 1800, over: 1, n: 2 } });
    expect(finding("SEGMENT_SLOW:EQ-PUMP-1:TURNOUT")!.evidence.map((e) => e.seq)).toEqual(seqs("a2.accept", "a2.enRoute"));
    expect(finding("HIGH_DECLINE_RATE")!.evidence.map((e) => e.seq)).toEqual(seqs("a3.decline", "a4.decline"));
    expect(finding("HIGH_DECLINE_RATE")!.reasons).toEqual([{ reason: "车辆检修中", count: 2 }]);
    expect(finding("NEED_TYPE_UNMET:MT-SANDBAG")).toMatchObject({ figures: { needs: 1, unitsShort: 5 } });
    expect(finding("NEED_TYPE_UNMET:MT-SANDBAG")!.evidence.map((e) => e.seq)).toEqual(seqs("n2.create", "n2.close"));
    expect(finding("NEED_TYPE_FILLED:EQ-PUMP-1")!.evidence.map((e) => e.seq)).toEqual(seqs("a1.accept", "a2.accept"));
    expect(finding("SEGMENT_WITHIN:EQ-PUMP-1:POSTED_TO_FIRST_OFFER")!.evidence.map((e) => e.seq)).toEqual(seqs("n1.create", "a1.offer"));
    expect(finding("SEGMENT_WITHIN:EQ-PUMP-1:TRAVEL")!.evidence.map((e) => e.seq)).toEqual(seqs("a1.enRoute", "a1.onScene", "a2.enRoute", "a2.onScene"));
    // areas for improvement come first
    expect(report.findings.findIndex((x) => x.kind === "STRENGTH")).toBe(3);
  });
});

describe("costs from the ledger", () => {
  const line = (mode: string, amountCents: number, paidCents: number, outstandingCents: number, pendingCents: number) => ({ mode, amountCents, paidCents, outstandingCents, pendingCents });
  it("by mode: paid services, compensation approved / paid / outstanding / claimed, in-kind value", () => {
    expect(report.costs.visible).toBe(true);
    expect(report.costs.totals).toEqual([
      expect.objectContaining(line("PAID", 70_000, 40_000, 30_000, 0)),
      expect.objectContaining(line("REIMBURSABLE", 45_000, 30_000, 15_000, 14_000)),
      expect.objectContaining(line("PUBLIC_GOOD", 11_000, 0, 0, 0)),
    ]);
  });
  it("by supplier, and what is recoverable from the responsible unit", () => {
    expect(report.costs.bySupplier).toEqual([
      { orgId: f.orgs.enterprise, name: "苏安应急装备有限公司", ...line("PAID", 70_000, 40_000, 30_000, 0) },
      { orgId: f.orgs.enterprise, name: "苏安应急装备有限公司", ...line("REIMBURSABLE", 45_000, 30_000, 15_000, 14_000) },
      { orgId: coop, name: "江宁救援物资合作社", ...line("PUBLIC_GOOD", 8_000, 0, 0, 0) },
      { orgId: f.orgs.enterprise, name: "苏安应急装备有限公司", ...line("PUBLIC_GOOD", 3_000, 0, 0, 0) },
    ]);
    expect(report.costs.recoverable).toEqual({ unitName: "某化工厂", recoverableCents: 45_000, recoveredCents: 10_000, outstandingCents: 35_000 });
  });
  it("an admin sees the amounts; a government reader of the region from another organisation does not", async () => {
    expect((await loadAar(t.db, f.actors.admin, f.incidentId)).costs.totals[0]).toMatchObject({ amountCents: 70_000 });
    const other = await loadAar(t.db, f.actors.memberB, f.incidentId);
    expect(other.costs).toMatchObject({ visible: false, bySupplier: [], totals: [], recoverable: null });
    expect(other.costs.paymentModes).toEqual(report.costs.paymentModes);
    expect(aarCsv(other, "en")).not.toContain("costs_supplier");
  });
});

describe("who reads the report", () => {
  it("the incident's organisation may edit the plan; admins and the region's other government users read it", async () => {
    expect(report.canEditPlan).toBe(true);
    expect((await loadAar(t.db, f.actors.admin, f.incidentId)).canEditPlan).toBe(false);
    // govB's region is Xuanwu too (the fixtures put every organisation there): a command-centre reader
    expect((await loadAar(t.db, f.actors.memberB, f.incidentId)).canEditPlan).toBe(false);
  });
  it("a supplier and a pending organisation's member get NOT_FOUND", async () => {
    await expect(loadAar(t.db, f.actors.supplier, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(loadAar(t.db, f.actors.pending, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("improvement plan", () => {
  const input = () => ({
    incidentId: f.incidentId, findingKey: "SEGMENT_SLOW:EQ-PUMP-1:TURNOUT", issue: "排水泵出动慢", correctiveAction: "与供给方约定 30 分钟内出动", responsibleOrgId: f.orgs.enterprise,
    pointOfContact: "周供应", startDate: "2026-11-10", completionDate: "2026-12-10",
  });

  it("the incident's organisation adds, edits and deletes items; the report and the audit chain show them", async () => {
    const item = await createImprovementItem(t.db, f.actors.memberA, ZCreateImprovementItemInput.parse(input()));
    expect(item).toMatchObject({ responsibleOrgName: "苏安应急装备有限公司", startDate: "2026-11-10", completionDate: "2026-12-10" });
    const edited = await updateImprovementItem(t.db, f.actors.dispatcherA, { ...input(), id: item.id, completionDate: null, responsibleOrgId: f.orgs.govA });
    expect(edited).toMatchObject({ completionDate: null, responsibleOrgId: f.orgs.govA });
    expect((await loadAar(t.db, f.actors.admin, f.incidentId)).improvementPlan.map((p) => p.id)).toEqual([item.id]);
    expect(await t.db.auditEvent.count({ where: { entityType: "ImprovementItem", entityId: item.id } })).toBe(2);
    await deleteImprovementItem(t.db, f.actors.memberA, { incidentId: f.incidentId, id: item.id });
    expect(await t.db.improvementItem.count({ where: { id: item.id } })).toBe(0);
  });

  it("others read only: a government user of the region, an admin → FORBIDDEN; a supplier → NOT_FOUND", async () => {
    await expect(createImprovementItem(t.db, f.actors.memberB, input())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createImprovementItem(t.db, f.actors.admin, input())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createImprovementItem(t.db, f.actors.supplier, input())).rejects.toMatchObject({ code: "NOT_FOUND" });
    const item = await createImprovementItem(t.db, f.actors.memberA, input());
    await expect(updateImprovementItem(t.db, f.actors.memberB, { ...input(), id: item.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteImprovementItem(t.db, f.actors.admin, { incidentId: f.incidentId, id: item.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.improvementItem.count({ where: { id: item.id } })).toBe(1);
  });

  it("validation errors name the field", async () => {
    const fields = (v: unknown) => {
      const r = ZCreateImprovementItemInput.safeParse(v);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(fields({ ...input(), issue: " " })).toEqual({ issue: "errors.issueRequired" });
    expect(fields({ ...input(), correctiveAction: "" })).toEqual({ correctiveAction: "errors.actionRequired" });
    expect(fields({ ...input(), startDate: "10/11/2026" })).toEqual({ startDate: "errors.dateInvalid" });
    expect(fields({ ...input(), completionDate: "2026-11-01" })).toEqual({ completionDate: "errors.datesOrder" });
    // an organisation that took no part in the incident
    await expect(createImprovementItem(t.db, f.actors.memberA, { ...input(), responsibleOrgId: f.orgs.govApproval })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { responsibleOrgId: ["errors.orgNotParticipant"] },
    });
  });
});

describe("CSV", () => {
  it("holds the figures, the findings with their audit seqs, and escapes formulas", async () => {
    await createImprovementItem(t.db, f.actors.memberA, {
      incidentId: f.incidentId, issue: "=HYPERLINK(\"http://x\")", correctiveAction: "复盘拒单原因", responsibleOrgId: f.orgs.govA, startDate: "2026-11-12",
    });
    const csv = aarCsv(await loadAar(t.db, f.actors.dispatcherA, f.incidentId), "en");
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("section,subject,metric,value,audit_seqs");
    expect(lines).toContain("response_time,all,TURNOUT.p90_s,3300,");
    expect(lines).toContain("fill_funnel,EQ-PUMP-1 EQ-PUMP-1,committed,2,");
    expect(lines).toContain("fill_funnel,all,needed,7,");
    expect(lines).toContain(`finding_improvement,SEGMENT_SLOW:EQ-PUMP-1:TURNOUT,p90Seconds,3300,${seqs("a2.accept", "a2.enRoute").join(" ")}`);
    expect(lines).toContain(`finding_improvement,HIGH_DECLINE_RATE,declined,2,${seqs("a3.decline", "a4.decline").join(" ")}`);
    expect(lines).toContain("unmet_demand,MT-SANDBAG MT-SANDBAG,NO_SUPPLIER_IN_RANGE,5,");
    expect(lines).toContain("costs_payment_mode,REIMBURSABLE,needs,1,");
    expect(lines).toContain("supplier_responses,decline_reason,车辆检修中,2,");
    expect(lines).toContain("costs_total,PAID,PAID.amount_cny,700.00,");
    expect(lines).toContain("costs_total,REIMBURSABLE,REIMBURSABLE.pending_cny,140.00,");
    expect(lines).toContain("costs_supplier,苏安应急装备有限公司,REIMBURSABLE.outstanding_cny,150.00,");
    expect(lines).toContain("costs_supplier,江宁救援物资合作社,PUBLIC_GOOD.amount_cny,80.00,");
    expect(lines).toContain("costs_recoverable,某化工厂,outstanding_cny,350.00,");
    expect(lines.some((l) => l.startsWith("improvement_plan,\"'=HYPERLINK(\"\"http://x\"\")\",corrective_action,复盘拒单原因"))).toBe(true);
  });
});
