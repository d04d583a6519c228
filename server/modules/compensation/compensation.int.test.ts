import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { pngImage } from "@/server/modules/knights/photos/test-images";
import { createRateCard, rateCardInForce } from "@/server/modules/compensation/rate-cards";
import { addEvidencePhoto, confirmEvidence } from "@/server/modules/compensation/requisitions";
import { getRequisition } from "@/server/modules/compensation/requisition-read";
import { addClaimLine, assembleClaim, decideLine, fileClaim, markClaimPaid } from "@/server/modules/compensation/claims";
import { getClaim, listClaims } from "@/server/modules/compensation/claim-read";
import { buildCostReport, costReportCsv, COST_REPORT_CSV_COLUMNS } from "@/server/modules/compensation/cost-report";
import { setResponsibleUnit } from "@/server/modules/compensation/responsible-unit";
import { listPublicGoodAssignments, recordPublicGoodCost } from "@/server/modules/compensation/in-kind-costs";
import { acceptedAssignment, pinLifecycle, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;
let dispatcher: Actor, supplier: Actor, admin: Actor, otherGov: Actor;
const png = () => Buffer.from(pngImage({ width: 8, height: 6 })).toString("base64");

/** Sum of one account (normal side, from the ledger entries) in this incident, optionally for one org. */
async function balance(account: string, side: "DEBIT" | "CREDIT", orgId?: string | null): Promise<number> {
  const rows = await t.db.$queryRawUnsafe<{ d: bigint | null; c: bigint | null }[]>(
    `SELECT SUM(debit_cents)::bigint AS d, SUM(credit_cents)::bigint AS c FROM ledger_entry WHERE account = $1 AND incident_id = $2 ${orgId === undefined ? "" : orgId === null ? "AND org_id IS NULL" : "AND org_id = $3"}`,
    account, f.incidentId, ...(orgId ? [orgId] : []),
  );
  const d = Number(rows[0]?.d ?? 0), c = Number(rows[0]?.c ?? 0);
  return side === "DEBIT" ? d - c : c - d;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier, admin, memberB: otherGov } = f.actors);
  // v1 in force since the start of the year: ¥100/h rent, ¥50 per operator-hour, ¥2/km.
  await createRateCard(t.db, admin, { typeId: f.types.pump, rentUnit: "HOUR", rentCents: 10_000, operatorCentsPerHour: 5_000, fuelCentsPerKm: 200, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
});
afterAll(async () => t.cleanup());

describe("rate cards", () => {
  it("only admins set them; each change is a new version, and a requisition keeps the version in force when decided", async () => {
    await expect(createRateCard(t.db, dispatcher, { typeId: f.types.pump, rentUnit: "DAY", rentCents: 1, operatorCentsPerHour: 1, fuelCentsPerKm: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const early = await acceptedAssignment(t.db, f);
    const v2 = await createRateCard(t.db, admin, { typeId: f.types.pump, rentUnit: "DAY", rentCents: 150_000, operatorCentsPerHour: 6_000, fuelCentsPerKm: 300 });
    expect(v2.version).toBe(2);
    const late = await acceptedAssignment(t.db, f, "REIMBURSABLE", 30);
    expect((await getRequisition(t.db, dispatcher, early.assignmentId)).rateCard).toMatchObject({ version: 1, rentUnit: "HOUR", rentCents: 10_000 });
    expect((await getRequisition(t.db, supplier, late.assignmentId)).rateCard).toMatchObject({ version: 2, rentUnit: "DAY", rentCents: 150_000 });
    // a scheduled version is not in force before its date
    await createRateCard(t.db, admin, { typeId: f.types.pump, rentUnit: "HOUR", rentCents: 1, operatorCentsPerHour: 1, fuelCentsPerKm: 1, effectiveFrom: new Date(Date.now() + 86_400_000) });
    expect((await rateCardInForce(t.db, f.types.pump, new Date()))?.version).toBe(2);
    expect((await rateCardInForce(t.db, f.types.pump, new Date("2026-06-01T00:00:00Z")))?.version).toBe(1);
  });
});

describe("requisition evidence → claim → decisions → ledger → report", () => {
  let a: string;
  let claimId: string;

  it("accepting an offer on a REIMBURSABLE need issues a numbered decision with the legal basis; other modes do not", async () => {
    // Pin the rate card used here to v1 by deciding "in the past": the requisition reads the card at acceptance.
    ({ assignmentId: a } = await acceptedAssignment(t.db, f));
    await t.db.requisition.update({ where: { assignmentId: a }, data: { rateCardId: (await rateCardInForce(t.db, f.types.pump, new Date("2026-06-01T00:00:00Z")))!.id } });
    const r = await getRequisition(t.db, dispatcher, a);
    expect(r.number).toMatch(/^ZY-\d{4}-\d{6}$/);
    expect(r.legalBasis.zh).toContain("第十二条");
    expect(r).toMatchObject({ requester: { id: f.orgs.govA }, supplier: { id: f.orgs.enterprise }, myParty: "REQUESTER", handover: { openedAt: null } });
    expect((await getRequisition(t.db, supplier, a)).myParty).toBe("SUPPLIER");
    await expect(getRequisition(t.db, otherGov, a)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRequisition(t.db, f.supplier2, a)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const free = await acceptedAssignment(t.db, f, "PUBLIC_GOOD", 40);
    expect(await t.db.requisition.count({ where: { assignmentId: free.assignmentId } })).toBe(0);
  });

  it("handover opens at mobilisation; both confirm; a change by one side clears the other's confirmation; closed after both", async () => {
    await expect(confirmEvidence(t.db, supplier, { assignmentId: a, stage: "HANDOVER", note: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    await progress(t.db, supplier, a, ["MOBILIZED"]);
    await confirmEvidence(t.db, dispatcher, { assignmentId: a, stage: "HANDOVER", note: "泵车一台，外观完好", operatorCount: 2 });
    await addEvidencePhoto(t.db, supplier, { assignmentId: a, stage: "HANDOVER", dataBase64: png() });
    await expect(addEvidencePhoto(t.db, supplier, { assignmentId: a, stage: "HANDOVER", dataBase64: Buffer.from("%PDF-1.4 not a photo at all").toString("base64") })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    // the supplier edits the note: its confirmation stands, the requester's is cleared
    expect(await confirmEvidence(t.db, supplier, { assignmentId: a, stage: "HANDOVER", note: "泵车一台，外观完好，油量满" })).toMatchObject({ supplierConfirmed: true, requesterConfirmed: false });
    expect(await confirmEvidence(t.db, dispatcher, { assignmentId: a, stage: "HANDOVER" })).toMatchObject({ supplierConfirmed: true, requesterConfirmed: true });
    await expect(confirmEvidence(t.db, dispatcher, { assignmentId: a, stage: "HANDOVER", note: "changed" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(confirmEvidence(t.db, f.actors.memberA, { assignmentId: a, stage: "HANDOVER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await getRequisition(t.db, supplier, a);
    expect(r.handover).toMatchObject({ note: "泵车一台，外观完好，油量满", operatorCount: 2, photos: [{ contentType: "image/png" }] });
  });

  it("return opens at release with the damage record; the claim waits for both confirmations, then is assembled from the rate card × lifecycle hours", async () => {
    await progress(t.db, supplier, a, ["EN_ROUTE", "ON_SCENE", "COMPLETED"]);
    await expect(confirmEvidence(t.db, supplier, { assignmentId: a, stage: "RETURN" })).rejects.toMatchObject({ code: "CONFLICT" });
    await progress(t.db, supplier, a, ["RELEASED"]);
    await pinLifecycle(t.db, a);
    await confirmEvidence(t.db, supplier, { assignmentId: a, stage: "RETURN", note: "已归还", damageNote: "右侧排水管破裂", damageCents: 80_000, kmDriven: 60 });
    await addEvidencePhoto(t.db, dispatcher, { assignmentId: a, stage: "RETURN", dataBase64: png() });
    await expect(assembleClaim(t.db, supplier, a)).rejects.toMatchObject({ code: "CONFLICT" });
    await confirmEvidence(t.db, dispatcher, { assignmentId: a, stage: "RETURN" });
    await expect(assembleClaim(t.db, dispatcher, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const claim = await assembleClaim(t.db, supplier, a);
    claimId = claim.id;
    // operating 4 h (en route → completed), standby 1 h (not paid), 2 operators, 60 km, damage ¥800
    expect(claim.lines.map((l) => [l.kind, l.quantity, l.amountCents])).toEqual([
      ["RENT", 4, 40_000], ["OPERATOR", 8, 40_000], ["STANDBY", 1, 0], ["FUEL", 60, 12_000], ["DAMAGE", 1, 80_000],
    ]);
    expect(claim.claimedCents).toBe(172_000);
    expect((await assembleClaim(t.db, supplier, a)).id).toBe(claimId); // idempotent
  });

  it("the supplier adds lines with receipts (type-checked), files; the requester approves, adjusts, disputes; approvals post to the ledger", async () => {
    await expect(addClaimLine(t.db, supplier, { id: claimId, kind: "FUEL", description: "加油", amountCents: 100, receiptBase64: Buffer.from("GIF89a-not-allowed-here").toString("base64") })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await addClaimLine(t.db, supplier, { id: claimId, kind: "FUEL", description: "加油发票", amountCents: 15_000, receiptBase64: png() });
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
    let claim = await addClaimLine(t.db, supplier, { id: claimId, kind: "MATERIAL", description: "密封件", amountCents: 3_000, receiptBase64: pdf });
    expect(claim.lines.slice(-2).map((l) => l.receipts.map((r) => r.contentType))).toEqual([["image/png"], ["application/pdf"]]);
    await expect(addClaimLine(t.db, dispatcher, { id: claimId, kind: "OTHER", description: "x", amountCents: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const line = (kind: string, i = 0) => claim.lines.filter((l) => l.kind === kind)[i]!.id;
    await expect(decideLine(t.db, dispatcher, { lineId: line("RENT"), decision: "APPROVE" })).rejects.toMatchObject({ code: "CONFLICT" }); // not filed
    claim = await fileClaim(t.db, supplier, claimId);
    expect(claim.status).toBe("FILED");
    await expect(decideLine(t.db, supplier, { lineId: line("RENT"), decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideLine(t.db, otherGov, { lineId: line("RENT"), decision: "APPROVE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await decideLine(t.db, dispatcher, { lineId: line("RENT"), decision: "APPROVE" });
    await decideLine(t.db, dispatcher, { lineId: line("OPERATOR"), decision: "ADJUST", approvedCents: 30_000, reason: "只认可 6 小时操作员工时" });
    await decideLine(t.db, dispatcher, { lineId: line("DAMAGE"), decision: "DISPUTE", reason: "破损系使用前已有" });
    await decideLine(t.db, dispatcher, { lineId: line("STANDBY"), decision: "APPROVE" });
    await decideLine(t.db, dispatcher, { lineId: line("FUEL", 0), decision: "APPROVE" });
    await decideLine(t.db, dispatcher, { lineId: line("FUEL", 1), decision: "APPROVE" });
    claim = await decideLine(t.db, dispatcher, { lineId: line("MATERIAL"), decision: "APPROVE" });
    await expect(decideLine(t.db, dispatcher, { lineId: line("RENT"), decision: "DISPUTE", reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(claim.approvedCents).toBe(40_000 + 30_000 + 0 + 12_000 + 15_000 + 3_000);
    expect(claim.lines.find((l) => l.kind === "OPERATOR")).toMatchObject({ status: "ADJUSTED", approvedCents: 30_000, decisionReason: "只认可 6 小时操作员工时" });
    expect(await balance("compensation_approved", "DEBIT", f.orgs.govA)).toBe(100_000);
    expect(await balance("compensation_payable", "CREDIT", f.orgs.enterprise)).toBe(100_000);
    expect(await balance("cost_recoverable", "DEBIT")).toBe(0);
  });

  it("naming the responsible unit makes every approved cost recoverable from it (once), and it is locked afterwards", async () => {
    const chem = await t.db.organization.create({ data: { name: "某化工有限公司", kind: "ENTERPRISE", regionCode: "320102", contactName: "x", contactPhone: "1", address: "南京" }, select: { id: true } });
    await expect(setResponsibleUnit(t.db, supplier, { incidentId: f.incidentId, orgId: chem.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setResponsibleUnit(t.db, dispatcher, { incidentId: f.incidentId, orgId: chem.id });
    await setResponsibleUnit(t.db, dispatcher, { incidentId: f.incidentId, orgId: chem.id }); // again: nothing posted twice
    expect(await balance("cost_recoverable", "DEBIT", chem.id)).toBe(100_000);
    await expect(setResponsibleUnit(t.db, dispatcher, { incidentId: f.incidentId, name: "另一单位" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the report lists every cost with its evidence, status and age, totals that match hand figures, and who owes whom; CSV too", async () => {
    const now = new Date(Date.now() + 3 * 86_400_000);
    let report = await buildCostReport(t.db, dispatcher, f.incidentId, now);
    const mine = report.rows.filter((r) => r.claimId === claimId);
    expect(mine).toHaveLength(7);
    expect(report.totals).toMatchObject({ claimedCents: 190_000, approvedCents: 100_000, paidCents: 0, disputedCents: 80_000, pendingCents: 0, outstandingCents: 180_000 });
    const damage = mine.find((r) => r.kind === "DAMAGE")!;
    expect(damage).toMatchObject({ status: "DISPUTED", decisionReason: "破损系使用前已有", outstandingDays: 3, evidence: { handoverConfirmed: true, returnConfirmed: true, damageNote: "右侧排水管破裂" } });
    expect(damage.evidence.returnPhotoIds).toHaveLength(1);
    expect(damage.evidence.handoverPhotoIds).toHaveLength(1);
    expect(mine.find((r) => r.description === "加油发票")!.evidence.receiptIds).toHaveLength(1);
    expect(report.owed).toEqual([
      { debtor: "玄武区应急管理局", creditor: "苏安应急装备有限公司", cents: 100_000, kind: "compensation" },
      { debtor: "某化工有限公司", creditor: "玄武区应急管理局", cents: 100_000, kind: "recoverable" },
    ]);
    await expect(buildCostReport(t.db, otherGov, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildCostReport(t.db, supplier, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await markClaimPaid(t.db, dispatcher, claimId);
    expect(await balance("compensation_paid", "CREDIT", f.orgs.govA)).toBe(100_000);
    expect(await balance("compensation_payable", "CREDIT", f.orgs.enterprise)).toBe(0);
    report = await buildCostReport(t.db, dispatcher, f.incidentId, now);
    expect(report.totals).toMatchObject({ paidCents: 100_000, outstandingCents: 80_000 });
    expect(report.owed.filter((o) => o.kind === "compensation")).toEqual([]);
    expect(report.rows.find((r) => r.kind === "RENT" && r.claimId === claimId)!.outstandingDays).toBeNull();

    const csv = costReportCsv(report, [...COST_REPORT_CSV_COLUMNS]);
    const r = await getRequisition(t.db, dispatcher, a);
    expect(csv).toContain(r.number);
    expect(csv).toContain("800.00,DISPUTED,0.00,0.00,破损系使用前已有,3,Y,Y,2,0");
  });

  it("a supplier sees only its own claims, a requester only its organisation's", async () => {
    expect((await listClaims(t.db, supplier, {})).map((c) => c.id)).toContain(claimId);
    expect((await listClaims(t.db, dispatcher, { side: "requester" })).map((c) => c.id)).toContain(claimId);
    expect(await listClaims(t.db, f.supplier2, {})).toEqual([]);
    expect(await listClaims(t.db, otherGov, {})).toEqual([]);
    await expect(getClaim(t.db, f.supplier2, claimId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClaim(t.db, otherGov, claimId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("public-good needs: the supplier records its costs as donated (in-kind journal), never payable", async () => {
    const free = await acceptedAssignment(t.db, f, "PUBLIC_GOOD", 60);
    const c = await recordPublicGoodCost(t.db, supplier, { assignmentId: free.assignmentId, kind: "FUEL", description: "燃油自费", amountCents: 4_500 });
    expect(c).toMatchObject({ mode: "PUBLIC_GOOD", lines: [{ status: "DONATED", amountCents: 4_500 }] });
    await expect(recordPublicGoodCost(t.db, supplier, { assignmentId: a, kind: "FUEL", description: "x", amountCents: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balance("in_kind_donated", "CREDIT", f.orgs.enterprise)).toBe(4_500);
    expect((await listPublicGoodAssignments(t.db, supplier)).find((x) => x.assignmentId === free.assignmentId)).toMatchObject({ donatedCents: 4_500 });
    expect(await listPublicGoodAssignments(t.db, f.supplier2)).toEqual([]);
    const report = await buildCostReport(t.db, dispatcher, f.incidentId);
    expect(report.totals.donatedCents).toBe(4_500);
    expect(report.totals.claimedCents).toBe(190_000);
  });

  it("every compensation journal balances", async () => {
    const rows = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*)::bigint AS n FROM (SELECT journal_id FROM ledger_entry GROUP BY journal_id HAVING SUM(debit_cents) <> SUM(credit_cents)) x`;
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await t.db.ledgerEntry.count()).toBeGreaterThan(10);
  });
});
