import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { incidentScope } from "@/server/modules/incidents/access";
import { approvedOf } from "@/server/modules/compensation/claim-read";
import { outstandingDays } from "@/server/modules/compensation/assemble-lines";
import { recoveryStatus } from "@/server/modules/compensation/cost-recovery";
import type { TRecoveryStatus } from "@/lib/schemas/cost-recovery";

/**
 * The per-incident compensation and cost report: every cost line with its evidence and status, how long
 * each unpaid cost has been open, the totals, and who owes whom — the requesting government owes each
 * supplier what it approved and has not paid; the responsible unit, when named, owes back every approved
 * cost. Readable by the incident's organisation (and platform admins), never by another organisation.
 */

export type CostReportRow = {
  claimId: string;
  lineId: string;
  supplierOrgId: string;
  supplierName: string;
  resourceTitle: string;
  requisitionNumber: string | null;
  mode: string;
  claimStatus: string;
  kind: string;
  fromEvidence: boolean;
  description: string;
  quantity: number;
  unit: string;
  unitCents: number;
  amountCents: number;
  status: string;
  approvedCents: number;
  paidCents: number;
  decisionReason: string | null;
  createdAt: Date;
  /** Days the cost has been open (not paid, not donated); null once settled. */
  outstandingDays: number | null;
  evidence: {
    handoverConfirmed: boolean;
    returnConfirmed: boolean;
    handoverPhotoIds: string[];
    returnPhotoIds: string[];
    damageNote: string | null;
    receiptIds: string[];
  };
};

export type CostReport = {
  incident: { id: string; title: string; orgId: string; orgName: string; responsibleOrgId: string | null; responsibleUnitName: string | null };
  generatedAt: Date;
  rows: CostReportRow[];
  totals: { claimedCents: number; approvedCents: number; paidCents: number; pendingCents: number; disputedCents: number; donatedCents: number; outstandingCents: number };
  owed: { debtor: string; creditor: string; cents: number; kind: "compensation" | "recoverable" }[];
  /** Per responsible unit: recoverable, paid back, still owed (from the ledger), and each repayment. */
  recovery: TRecoveryStatus;
};

export async function buildCostReport(db: Db, actor: Actor, incidentId: string, now = new Date()): Promise<CostReport> {
  const inc = await db.incident.findFirst({
    where: { id: incidentId, ...incidentScope(actor) },
    select: { id: true, title: true, orgId: true, org: { select: { name: true } }, responsibleOrgId: true, responsibleUnitName: true },
  });
  if (!inc) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours.");
  const claims = await db.compensationClaim.findMany({
    where: { incidentId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, supplierOrgId: true, mode: true, status: true, paidAt: true,
      assignment: {
        select: {
          resource: { select: { title: true, ownerOrg: { select: { name: true } } } },
          requisition: {
            select: {
              number: true, handoverSupplierAt: true, handoverRequesterAt: true, returnSupplierAt: true, returnRequesterAt: true, damageNote: true,
              photos: { orderBy: { createdAt: "asc" }, select: { id: true, stage: true } },
            },
          },
        },
      },
      lines: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true, kind: true, fromEvidence: true, description: true, quantity: true, unit: true, unitCents: true, amountCents: true, status: true,
          approvedCents: true, decisionReason: true, createdAt: true, receipts: { orderBy: { createdAt: "asc" }, select: { id: true } },
        },
      },
    },
  });

  const rows: CostReportRow[] = [];
  for (const c of claims) {
    const req = c.assignment.requisition;
    for (const l of c.lines) {
      const approved = approvedOf(l);
      const paid = c.status === "PAID" ? approved : 0;
      const settled = l.status === "DONATED" || (c.status === "PAID" && l.status !== "DISPUTED") || (l.amountCents === 0 && l.status !== "DISPUTED");
      rows.push({
        claimId: c.id, lineId: l.id, supplierOrgId: c.supplierOrgId, supplierName: c.assignment.resource?.ownerOrg?.name ?? "",
        resourceTitle: c.assignment.resource?.title ?? "", requisitionNumber: req?.number ?? null, mode: c.mode, claimStatus: c.status,
        kind: l.kind, fromEvidence: l.fromEvidence, description: l.description, quantity: l.quantity, unit: l.unit, unitCents: l.unitCents,
        amountCents: l.amountCents, status: l.status, approvedCents: approved, paidCents: paid, decisionReason: l.decisionReason, createdAt: l.createdAt,
        outstandingDays: settled ? null : outstandingDays(l.createdAt, null, now),
        evidence: {
          handoverConfirmed: !!(req?.handoverSupplierAt && req.handoverRequesterAt),
          returnConfirmed: !!(req?.returnSupplierAt && req.returnRequesterAt),
          handoverPhotoIds: req?.photos.filter((p) => p.stage === "HANDOVER").map((p) => p.id) ?? [],
          returnPhotoIds: req?.photos.filter((p) => p.stage === "RETURN").map((p) => p.id) ?? [],
          damageNote: l.kind === "DAMAGE" ? (req?.damageNote ?? null) : null,
          receiptIds: l.receipts.map((r) => r.id),
        },
      });
    }
  }

  const sum = (f: (r: CostReportRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const payable = rows.filter((r) => r.mode !== "PUBLIC_GOOD");
  const totals = {
    claimedCents: payable.reduce((s, r) => s + r.amountCents, 0),
    approvedCents: sum((r) => r.approvedCents),
    paidCents: sum((r) => r.paidCents),
    pendingCents: sum((r) => (r.status === "PENDING" ? r.amountCents : 0)),
    disputedCents: sum((r) => (r.status === "DISPUTED" ? r.amountCents : 0)),
    donatedCents: sum((r) => (r.status === "DONATED" ? r.amountCents : 0)),
    outstandingCents: sum((r) => (r.outstandingDays === null ? 0 : r.status === "PENDING" || r.status === "DISPUTED" ? r.amountCents : r.approvedCents - r.paidCents)),
  };

  const bySupplier = new Map<string, number>();
  for (const r of rows) bySupplier.set(r.supplierName, (bySupplier.get(r.supplierName) ?? 0) + r.approvedCents - r.paidCents);
  const owed: CostReport["owed"] = [...bySupplier].filter(([, cents]) => cents > 0).map(([creditor, cents]) => ({ debtor: inc.org.name, creditor, cents, kind: "compensation" }));
  const recovery = await recoveryStatus(db, inc);
  for (const u of recovery.units) if (u.owedCents > 0) owed.push({ debtor: u.name, creditor: inc.org.name, cents: u.owedCents, kind: "recoverable" });

  return {
    incident: { id: inc.id, title: inc.title, orgId: inc.orgId, orgName: inc.org.name, responsibleOrgId: inc.responsibleOrgId, responsibleUnitName: inc.responsibleUnitName },
    generatedAt: now, rows, totals, owed, recovery,
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  // Cells a spreadsheet would read as a formula are prefixed, so an exported line cannot run anything.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * One row per cost line, amounts in yuan with two decimals; headers from the caller (localised). When the
 * incident has a responsible unit, a second table follows after a blank line: per unit, recoverable,
 * recovered and still owed (its headers too from the caller).
 */
export function costReportCsv(report: CostReport, headers: string[], recoveryHeaders: string[] = [...RECOVERY_CSV_COLUMNS]): string {
  const yuan = (c: number) => (c / 100).toFixed(2);
  const lines = [headers.map(csvCell).join(",")];
  for (const r of report.rows) {
    lines.push([
      r.requisitionNumber ?? "", r.supplierName, r.resourceTitle, r.mode, r.kind, r.description, r.quantity, r.unit, yuan(r.amountCents), r.status,
      yuan(r.approvedCents), yuan(r.paidCents), r.decisionReason ?? "", r.outstandingDays ?? "",
      r.evidence.handoverConfirmed ? "Y" : "N", r.evidence.returnConfirmed ? "Y" : "N",
      r.evidence.handoverPhotoIds.length + r.evidence.returnPhotoIds.length, r.evidence.receiptIds.length,
    ].map(csvCell).join(","));
  }
  if (report.recovery.units.length > 0) {
    lines.push("", recoveryHeaders.map(csvCell).join(","));
    for (const u of report.recovery.units) lines.push([u.name, yuan(u.recoverableCents), yuan(u.recoveredCents), yuan(u.owedCents)].map(csvCell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export const RECOVERY_CSV_COLUMNS = ["responsibleUnit", "recoverable", "recovered", "stillOwed"] as const;

export const COST_REPORT_CSV_COLUMNS = [
  "requisitionNumber", "supplier", "resource", "mode", "kind", "description", "quantity", "unit", "amount", "status",
  "approved", "paid", "reason", "outstandingDays", "handoverConfirmed", "returnConfirmed", "photos", "receipts",
] as const;
