import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createRateCard } from "@/server/modules/compensation/rate-cards";
import { confirmEvidence } from "@/server/modules/compensation/requisitions";
import { assembleClaim, decideLine, fileClaim, markClaimPaid } from "@/server/modules/compensation/claims";
import { buildCostReport, costReportCsv, COST_REPORT_CSV_COLUMNS } from "@/server/modules/compensation/cost-report";
import { setResponsibleUnit } from "@/server/modules/compensation/responsible-unit";
import { recordRecovery } from "@/server/modules/compensation/cost-recovery";
import { ZRecordRecoveryInput } from "@/lib/schemas/cost-recovery";
import { listOfferInbox } from "@/server/modules/offers/offer-inbox";
import { readIncidentAssignments } from "@/server/modules/matching/assign/read-incident-assignments";
import { getRequisition } from "@/server/modules/compensation/requisition-read";
import { paths } from "@/components/layout/routes";
import { acceptedAssignment, pinLifecycle, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;
let dispatcher: Actor, supplier: Actor, member: Actor, otherGov: Actor;
let claimId: string;
let assignmentId: string;
let chem: string;

/** Normal-side balance of one account in the incident (from the entries). */
async function balance(account: string, side: "DEBIT" | "CREDIT"): Promise<number> {
  const rows = await t.db.$queryRaw<{ d: bigint | null; c: bigint | null }[]>`
    SELECT SUM(debit_cents)::bigint AS d, SUM(credit_cents)::bigint AS c FROM ledger_entry WHERE account = ${account} AND incident_id = ${f.incidentId}`;
  const d = Number(rows[0]?.d ?? 0), c = Number(rows[0]?.c ?? 0);
  return side === "DEBIT" ? d - c : c - d;
}
const notes = (kind: string) => t.db.notification.findMany({ where: { kind }, orderBy: { createdAt: "asc" }, select: { userId: true, payload: true } });

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier, memberA: member, memberB: otherGov } = f.actors);
  await createRateCard(t.db, f.actors.admin, { typeId: f.types.pump, rentUnit: "HOUR", rentCents: 10_000, operatorCentsPerHour: 5_000, fuelCentsPerKm: 200, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
  // a second member of the supplier organisation, who hears about decisions too
  const u = await t.db.user.create({ data: { email: "s3@ent.test", name: "郑供应", kind: "SUPPLIER" }, select: { id: true } });
  await t.db.membership.create({ data: { userId: u.id, orgId: f.orgs.enterprise, role: "MEMBER" } });
  ({ assignmentId } = await acceptedAssignment(t.db, f));
  await progress(t.db, supplier, assignmentId, ["MOBILIZED"]);
  await confirmEvidence(t.db, supplier, { assignmentId, stage: "HANDOVER", note: "泵车一台", operatorCount: 1 });
  await confirmEvidence(t.db, dispatcher, { assignmentId, stage: "HANDOVER" });
  await progress(t.db, supplier, assignmentId, ["EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
  await pinLifecycle(t.db, assignmentId);
  await confirmEvidence(t.db, supplier, { assignmentId, stage: "RETURN", note: "已归还", kmDriven: 50 });
  await confirmEvidence(t.db, dispatcher, { assignmentId, stage: "RETURN" });
  claimId = (await assembleClaim(t.db, supplier, assignmentId)).id;
  chem = (await t.db.organization.create({ data: { name: "某化工有限公司", kind: "ENTERPRISE", regionCode: "320102", contactName: "x", contactPhone: "1", address: "南京" }, select: { id: true } })).id;
});
afterAll(async () => t.cleanup());

describe("compensation notifications", () => {
  it("filing notifies the requesting organisation's dispatchers (not its plain members, not the supplier)", async () => {
    expect(await notes("claim.filed")).toEqual([]);
    await fileClaim(t.db, supplier, claimId);
    const filed = await notes("claim.filed");
    expect(filed.map((n) => n.userId)).toEqual([dispatcher.userId]);
    expect(filed[0]!.payload).toMatchObject({ claimId, assignmentId, incidentId: f.incidentId, supplierName: "苏安应急装备有限公司", resourceTitle: "排水泵", claimedCents: 40_000 + 20_000 + 0 + 10_000 });
    expect(filed.map((n) => n.userId)).not.toContain(member.userId);
  });

  it("each decision notifies every member of the supplier organisation, with the amounts and the reason", async () => {
    const claim = await t.db.claimLine.findMany({ where: { claimId }, select: { id: true, kind: true } });
    const line = (k: string) => claim.find((l) => l.kind === k)!.id;
    await decideLine(t.db, dispatcher, { lineId: line("RENT"), decision: "APPROVE" });
    await decideLine(t.db, dispatcher, { lineId: line("OPERATOR"), decision: "ADJUST", approvedCents: 15_000, reason: "只认可 3 小时" });
    await decideLine(t.db, dispatcher, { lineId: line("FUEL"), decision: "DISPUTE", reason: "里程不符" });
    await decideLine(t.db, dispatcher, { lineId: line("STANDBY"), decision: "APPROVE" });
    const decided = await notes("claim.lineDecided");
    const members = (await t.db.membership.findMany({ where: { orgId: f.orgs.enterprise }, select: { userId: true } })).map((m) => m.userId).sort();
    expect(members).toHaveLength(2);
    expect(decided).toHaveLength(4 * 2);
    expect([...new Set(decided.map((n) => n.userId))].sort()).toEqual(members);
    const adjusted = decided.find((n) => (n.payload as { status: string }).status === "ADJUSTED")!.payload;
    expect(adjusted).toMatchObject({ claimId, assignmentId, amountCents: 20_000, approvedCents: 15_000, reason: "只认可 3 小时" });
    expect(decided.find((n) => (n.payload as { status: string }).status === "DISPUTED")!.payload).toMatchObject({ approvedCents: null, reason: "里程不符" });
    expect(decided.map((n) => n.userId)).not.toContain(dispatcher.userId);
  });
});

describe("recovery from the responsible unit", () => {
  it("nothing to recover before a unit is named; validation errors name the field", async () => {
    await expect(recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: 100 })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { incidentId: ["errors.noResponsibleUnit"] } });
    for (const [bad, field] of [[{ amountCents: 0 }, "amountCents"], [{ amountCents: 1.5 }, "amountCents"], [{ amountCents: 100, reference: "x".repeat(201) }, "reference"], [{ amountCents: 100, requestId: "nope" }, "requestId"]] as const) {
      const r = ZRecordRecoveryInput.safeParse({ incidentId: f.incidentId, ...bad });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual([field]);
      expect(r.error!.issues[0]!.message).toMatch(/^errors\./);
    }
  });

  it("partial repayments post cost.recovered journals; never more than still owed; a retried submit posts once; only the incident's dispatchers", async () => {
    await setResponsibleUnit(t.db, dispatcher, { incidentId: f.incidentId, orgId: chem });
    const approved = 40_000 + 15_000; // rent + adjusted operator (standby 0, fuel disputed)
    expect(await balance("cost_recoverable", "DEBIT")).toBe(approved);
    await expect(recordRecovery(t.db, member, { incidentId: f.incidentId, amountCents: 100 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(recordRecovery(t.db, otherGov, { incidentId: f.incidentId, amountCents: 100 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordRecovery(t.db, supplier, { incidentId: f.incidentId, amountCents: 100 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: approved + 1 })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", fieldErrors: { amountCents: ["errors.overRecoverable"] } });

    const requestId = "0b7f3c57-5b8a-4a44-9a4e-6b1b0c1d2e3f";
    let st = await recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: 20_000, reference: "银行回单 001", requestId });
    st = await recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: 20_000, reference: "银行回单 001", requestId }); // retried
    expect(st.units).toEqual([{ orgId: chem, name: "某化工有限公司", recoverableCents: approved, recoveredCents: 20_000, owedCents: approved - 20_000 }]);
    expect(st.payments).toMatchObject([{ cents: 20_000, reference: "银行回单 001" }]);
    expect(await t.db.ledgerJournal.count({ where: { incidentId: f.incidentId, kind: "cost.recovered" } })).toBe(1);
    expect(await balance("cost_recoverable", "DEBIT")).toBe(approved - 20_000);

    // two concurrent repayments of the whole remainder: exactly one succeeds
    const rest = approved - 20_000;
    const both = await Promise.allSettled([1, 2].map(() => recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: rest })));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", fieldErrors: { amountCents: ["errors.nothingOwed"] } } });
    expect(await balance("cost_recoverable", "DEBIT")).toBe(0);
    // what the unit owed entered the clearing account and has now left it again
    const recoverableLegs = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT (COALESCE(SUM(e.credit_cents), 0) - COALESCE(SUM(e.debit_cents), 0))::bigint AS n FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
      WHERE e.incident_id = ${f.incidentId} AND e.account = 'incident_clearing' AND j.kind IN ('cost.recoverable', 'cost.recovered')`;
    expect(Number(recoverableLegs[0]!.n)).toBe(0);
    const journals = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*)::bigint AS n FROM (SELECT journal_id FROM ledger_entry GROUP BY journal_id HAVING SUM(debit_cents) <> SUM(credit_cents)) x`;
    expect(Number(journals[0]!.n)).toBe(0);
  });

  it("the report and its CSV show recoverable, recovered and still owed per unit; nothing left owed by the unit once repaid", async () => {
    const report = await buildCostReport(t.db, dispatcher, f.incidentId);
    expect(report.recovery.units).toEqual([{ orgId: chem, name: "某化工有限公司", recoverableCents: 55_000, recoveredCents: 55_000, owedCents: 0 }]);
    expect(report.recovery.payments.map((p) => p.cents)).toEqual([20_000, 35_000]);
    expect(report.owed.filter((o) => o.kind === "recoverable")).toEqual([]);
    const csv = costReportCsv(report, [...COST_REPORT_CSV_COLUMNS], ["unit", "recoverable", "recovered", "owed"]);
    expect(csv).toContain("\r\n\r\nunit,recoverable,recovered,owed\r\n某化工有限公司,550.00,550.00,0.00\r\n");
  });

  it("a partly repaid unit still owes the rest in the report", async () => {
    // a second, later claim line approved after the repayments: recoverable again
    const line = await t.db.claimLine.findFirstOrThrow({ where: { claimId, kind: "FUEL" }, select: { id: true } });
    await decideLine(t.db, dispatcher, { lineId: line.id, decision: "ADJUST", approvedCents: 8_000, reason: "按 40 公里" });
    await recordRecovery(t.db, dispatcher, { incidentId: f.incidentId, amountCents: 3_000 });
    const report = await buildCostReport(t.db, dispatcher, f.incidentId);
    expect(report.recovery.units[0]).toMatchObject({ recoverableCents: 63_000, recoveredCents: 58_000, owedCents: 5_000 });
    expect(report.owed).toContainEqual({ debtor: "某化工有限公司", creditor: "玄武区应急管理局", cents: 5_000, kind: "recoverable" });
    expect(costReportCsv(report, [...COST_REPORT_CSV_COLUMNS])).toContain("某化工有限公司,630.00,580.00,50.00");
  });

  it("marking the claim paid notifies the supplier organisation's members with the amount", async () => {
    await markClaimPaid(t.db, dispatcher, claimId);
    const paid = await notes("claim.paid");
    expect(paid).toHaveLength(2);
    expect(paid[0]!.payload).toMatchObject({ claimId, assignmentId, paidCents: 40_000 + 15_000 + 8_000 });
  });
});

describe("links to the requisition page", () => {
  it("an accepted offer card and the incident's assignment row carry the requisition number (null on other modes), so the UI links paths.requisition", async () => {
    const req = await acceptedAssignment(t.db, f, "REIMBURSABLE", 80);
    const free = await acceptedAssignment(t.db, f, "PUBLIC_GOOD", 90);
    const number = (await getRequisition(t.db, supplier, req.assignmentId)).number;
    const inbox = await listOfferInbox(t.db, supplier, { scope: "active" });
    expect(inbox.find((o) => o.id === req.assignmentId)?.requisitionNumber).toBe(number);
    expect(inbox.find((o) => o.id === free.assignmentId)?.requisitionNumber).toBeNull();
    const rows = await readIncidentAssignments(t.db, dispatcher, f.incidentId);
    expect(rows.find((r) => r.id === req.assignmentId)?.requisitionNumber).toBe(number);
    expect(rows.find((r) => r.id === free.assignmentId)?.requisitionNumber).toBeNull();
    expect(paths.requisition(req.assignmentId)).toBe(`/requisitions/${req.assignmentId}`);
    expect(paths.costReport(f.incidentId)).toBe(`/incidents/${f.incidentId}/cost-report`);
  });
});
