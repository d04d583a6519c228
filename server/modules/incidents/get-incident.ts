import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { ZArea, type TGetIncidentResult } from "@/lib/schemas/incidents";
import { canApproveOrg, canWriteOrg, incidentScope } from "@/server/modules/incidents/access";
import { incidentListSelect, needStatsByIncident, toListItem } from "@/server/modules/incidents/incident-dto";
import { isDispatcherOf } from "@/server/modules/dispatch/dispatch-access";
import { incidentTimeline } from "@/server/modules/incidents/timeline";
import { needSelect, toNeedDto } from "@/server/modules/needs/need-dto";

const detailSelect = {
  ...incidentListSelect,
  orgId: true,
  description: true,
  area: true,
  closedAt: true,
  updatedAt: true,
  commander: { select: { id: true, name: true } },
  org: { select: { id: true, name: true, nameEn: true } },
  organizations: { select: { role: true, org: { select: { id: true, name: true, nameEn: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.IncidentSelect;

/** The stored area, if it still parses as a polygon (it is JSON; never let a bad row break the page). */
function parseArea(json: Prisma.JsonValue | null) {
  const parsed = ZArea.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** One incident with its needs (by priority, then needed-by) and timeline, for its organisation or an admin. */
export async function getIncident(db: Db, actor: Actor, id: string): Promise<TGetIncidentResult> {
  const row = await db.incident.findFirst({ where: { id, ...incidentScope(actor) }, select: detailSelect });
  if (!row) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
  const needs = await db.need.findMany({
    where: { incidentId: id },
    select: needSelect,
    orderBy: [{ priority: "asc" }, { neededBy: "asc" }, { createdAt: "asc" }],
  });
  const [stats, timeline] = await Promise.all([
    needStatsByIncident(db, [id]),
    // knights are named to those who dispatch them, as on the dispatch board
    incidentTimeline(db, id, { showKnightNames: isDispatcherOf(actor, row.orgId) }),
  ]);
  const { orgId, description, area, closedAt, updatedAt, commander, org, organizations, ...listFields } = row;
  return {
    incident: {
      ...toListItem(listFields, stats.get(id)),
      orgId,
      description,
      area: parseArea(area),
      commander: commander ? { id: commander.id, name: commander.name ?? "" } : null,
      organizations: [
        { id: org.id, name: org.name, nameEn: org.nameEn, role: "LEAD" },
        ...organizations.filter((o) => o.org.id !== org.id).map((o) => ({ id: o.org.id, name: o.org.name, nameEn: o.org.nameEn, role: o.role })),
      ],
      closedAt,
      version: updatedAt.getTime(),
      canEdit: canWriteOrg(actor, orgId) && row.status !== "CLOSED",
      canApprove: canApproveOrg(actor, orgId),
    },
    needs: needs.map(toNeedDto),
    timeline: timeline.entries,
    timelineTruncated: timeline.truncated,
  };
}
