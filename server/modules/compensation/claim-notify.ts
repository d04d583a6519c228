import type { Db } from "@/server/db";
import { notify } from "@/server/modules/notifications/notify";
import { dispatcherUserIds } from "@/server/modules/offers/offer-recipients";

/**
 * Who hears about a compensation claim: the requesting organisation's dispatchers (and owners) when the
 * supplier files it — they decide it; every member of the supplier organisation when a line is decided or
 * the claim is marked paid. Payloads carry ids, titles and amounts only (notification-view.ts renders them).
 */
type ClaimRef = { id: string; assignmentId: string; incidentId: string; supplierOrgId: string; requesterOrgId: string };

async function claimTitles(tx: Db, c: ClaimRef) {
  const a = await tx.assignment.findUnique({
    where: { id: c.assignmentId },
    select: { resource: { select: { title: true, titleEn: true, ownerOrg: { select: { name: true, nameEn: true } } } } },
  });
  const r = a?.resource;
  return {
    resourceTitle: r?.title ?? null,
    resourceTitleEn: r?.titleEn ?? null,
    supplierName: r?.ownerOrg?.name ?? null,
    supplierNameEn: r?.ownerOrg?.nameEn ?? null,
  };
}

const base = (c: ClaimRef) => ({ claimId: c.id, assignmentId: c.assignmentId, incidentId: c.incidentId });

async function supplierMembers(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { orgId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

export async function notifyClaimFiled(tx: Db, c: ClaimRef, claimedCents: number): Promise<void> {
  await notify(tx, await dispatcherUserIds(tx, c.requesterOrgId), "claim.filed", { ...base(c), ...(await claimTitles(tx, c)), claimedCents });
}

export async function notifyLineDecided(tx: Db, c: ClaimRef, line: { id: string; description: string; status: string; amountCents: number; approvedCents: number | null; reason: string | null }): Promise<void> {
  const payload = { ...base(c), ...(await claimTitles(tx, c)), lineId: line.id, description: line.description, status: line.status, amountCents: line.amountCents, approvedCents: line.approvedCents, reason: line.reason };
  await notify(tx, await supplierMembers(tx, c.supplierOrgId), "claim.lineDecided", payload);
}

export async function notifyClaimPaid(tx: Db, c: ClaimRef, paidCents: number): Promise<void> {
  await notify(tx, await supplierMembers(tx, c.supplierOrgId), "claim.paid", { ...base(c), ...(await claimTitles(tx, c)), paidCents });
}
