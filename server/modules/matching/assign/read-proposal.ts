import { readQuote } from "@/server/modules/orders/quote";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TProposalDto } from "@/lib/schemas/matching-assign";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";
import { ASSIGNABLE_NEED_STATUSES } from "@/server/modules/matching/assign/load-assignment-inputs";

export const proposalAssignmentSelect = {
  id: true,
  needId: true,
  resourceId: true,
  quantity: true,
  unitIndex: true,
  score: true,
  windowStart: true,
  windowEnd: true,
  explanationZh: true,
  explanationEn: true,
  batchId: true,
  quote: true,
  resource: { select: { title: true, titleEn: true, lat: true, lng: true, ownerOrg: { select: { name: true, nameEn: true } } } },
} as const;

/** The incident's current PROPOSED set, with how much of each open need it would fill. */
export async function readProposal(db: Db, actor: Actor, incidentId: string): Promise<TProposalDto> {
  const incident = await loadIncidentForAssignment(db, actor, incidentId, false);
  const [rows, needs] = await Promise.all([
    db.assignment.findMany({
      where: { status: "PROPOSED", need: { incidentId } },
      select: proposalAssignmentSelect,
      orderBy: [{ needId: "asc" }, { score: "desc" }, { id: "asc" }],
    }),
    db.need.findMany({
      where: { incidentId, status: { in: [...ASSIGNABLE_NEED_STATUSES] } },
      select: {
        id: true, title: true, priority: true, quantity: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true,
        stagingLat: true, stagingLng: true,
      },
      orderBy: [{ neededBy: "asc" }, { id: "asc" }],
    }),
  ]);
  const onOffer = await db.assignment.groupBy({
    by: ["needId"],
    where: { needId: { in: needs.map((n) => n.id) }, status: "OFFERED" },
    _sum: { quantity: true },
  });
  const offered = new Map(onOffer.map((o) => [o.needId, o._sum.quantity ?? 0]));
  const proposed = new Map<string, number>();
  for (const r of rows) proposed.set(r.needId, (proposed.get(r.needId) ?? 0) + r.quantity);
  return {
    incidentId,
    autoDispatch: incident.autoDispatch,
    batchId: rows[0]?.batchId ?? null,
    needs: needs.map((n) => {
      const filled = n.qtyCommitted + n.qtyEnRoute + n.qtyOnScene + n.qtyReleased;
      const open = Math.max(0, n.quantity - filled - (offered.get(n.id) ?? 0));
      const p = proposed.get(n.id) ?? 0;
      return {
        needId: n.id, incidentId, title: n.title, priority: n.priority, quantityOpen: open, proposed: p, unfilled: Math.max(0, open - p),
        stagingLat: n.stagingLat, stagingLng: n.stagingLng,
      };
    }),
    assignments: rows.map(toProposalAssignment),
  };
}

export function toProposalAssignment(r: {
  id: string; needId: string; resourceId: string | null; quantity: number; unitIndex: number | null; score: number;
  windowStart: Date; windowEnd: Date; explanationZh: string | null; explanationEn: string | null; quote?: unknown;
  resource: { title: string; titleEn: string | null; lat: number; lng: number; ownerOrg: { name: string; nameEn: string | null } | null } | null;
}): TProposalDto["assignments"][number] {
  const coarse = (v: number) => Math.round(v * 1000) / 1000;
  return {
    id: r.id,
    needId: r.needId,
    resourceId: r.resourceId ?? "",
    resourceTitle: r.resource?.title ?? "",
    resourceTitleEn: r.resource?.titleEn ?? null,
    supplierName: r.resource?.ownerOrg?.name ?? null,
    supplierNameEn: r.resource?.ownerOrg?.nameEn ?? null,
    resourceLat: r.resource ? coarse(r.resource.lat) : null,
    resourceLng: r.resource ? coarse(r.resource.lng) : null,
    quantity: r.quantity,
    unitIndex: r.unitIndex,
    score: r.score,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    explanationZh: r.explanationZh,
    explanationEn: r.explanationEn,
    quote: readQuote(r.quote),
  };
}
