import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TTimelineEntry } from "@/lib/schemas/incidents";

/** Short, language-neutral summary of an audit row's data (titles, status moves, reasons). */
export function summarise(action: string, data: Prisma.JsonValue): string {
  const d = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, Prisma.JsonValue>) : {};
  const parts: string[] = [];
  if (typeof d.title === "string") parts.push(d.title);
  if (typeof d.quantity === "number") parts.push(`×${d.quantity}${typeof d.unit === "string" ? ` ${d.unit}` : ""}`);
  if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${d.from} → ${d.to}`);
  else if (typeof d.status === "string") parts.push(d.status);
  if (typeof d.unmetReason === "string") parts.push(`(${d.unmetReason})`);
  if (Array.isArray(d.changed) && d.changed.length > 0) parts.push(d.changed.join(", "));
  return parts.join(" ") || action;
}

/** The incident's story from its audit rows and those of its needs, newest first. */
export async function incidentTimeline(db: Db, incidentId: string, needIds: string[], limit = 200): Promise<TTimelineEntry[]> {
  const rows = await db.auditEvent.findMany({
    where: {
      OR: [
        { entityType: "Incident", entityId: incidentId },
        ...(needIds.length ? [{ entityType: "Need", entityId: { in: needIds } }] : []),
      ],
    },
    select: { createdAt: true, action: true, actorId: true, entityType: true, entityId: true, data: true },
    orderBy: { seq: "desc" },
    take: limit,
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const users = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    at: r.createdAt,
    action: r.action,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    summary: summarise(r.action, r.data),
    entityType: r.entityType === "Need" ? "Need" : "Incident",
    entityId: r.entityId,
  }));
}
