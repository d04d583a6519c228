import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { TIMELINE_LIMIT, type TTimelineDetails, type TTimelineEntry } from "@/lib/schemas/incidents";
import { KNIGHT_TASK_KINDS } from "@/lib/schemas/needs";
import { incidentAuditEventsCte } from "@/server/modules/incidents/incident-audit-events";

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

/**
 * The audit data keys the timeline passes on, by type. Everything else stays in the audit chain: a
 * cancelled task's dispatcher note, a knight's id, a proof code, photo metadata.
 */
const STRING_DETAILS = ["status", "from", "to", "reason", "unmetReason", "title", "unit"] as const;
const NUMBER_DETAILS = ["quantity", "slots", "points", "silentMinutes", "rows"] as const;
const BOOLEAN_DETAILS = ["on", "set"] as const;

export function pickDetails(data: Prisma.JsonValue): TTimelineDetails {
  const d = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, Prisma.JsonValue>) : {};
  const out: TTimelineDetails = {};
  for (const k of STRING_DETAILS) if (typeof d[k] === "string") out[k] = (d[k] as string).slice(0, 500);
  for (const k of NUMBER_DETAILS) if (typeof d[k] === "number" && Number.isFinite(d[k])) out[k] = d[k] as number;
  for (const k of BOOLEAN_DETAILS) if (typeof d[k] === "boolean") out[k] = d[k] as boolean;
  return out;
}

type TimelineRow = {
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
  data: Prisma.JsonValue;
  needId: string | null;
  needTitle: string | null;
  taskKind: string | null;
  resourceTitle: string | null;
  resourceTitleEn: string | null;
  supplierName: string | null;
  supplierNameEn: string | null;
  knightId: string | null;
  knightName: string | null;
  knightUserId: string | null;
};

const ENTITY_TYPES = new Set<TTimelineEntry["entityType"]>(["Incident", "Need", "Assignment", "Offer"]);

/**
 * The incident's story from the audit chain, newest first: the rows incidentAuditEventsCte picks (the same
 * the incident replay plays back). One query: the newest `limit` + 1 are kept (the extra one says whether
 * older events were left out), and names are joined to those only.
 *
 * Knights are named only when `showKnightNames` (the caller dispatches this incident, as on the dispatch
 * board); otherwise a knight's name is null, also as the actor of their own steps. No position is read.
 */
export async function incidentTimeline(
  db: Db,
  incidentId: string,
  opts: { showKnightNames: boolean; limit?: number },
): Promise<{ entries: TTimelineEntry[]; truncated: boolean }> {
  const limit = opts.limit ?? TIMELINE_LIMIT;
  const rows = await db.$queryRaw<TimelineRow[]>`
    WITH ${incidentAuditEventsCte(incidentId)},
    ev AS (SELECT * FROM ev_all ORDER BY seq DESC LIMIT ${limit + 1})
    SELECT e.created_at AS at, e.action, e.actor_id AS "actorId", au.name AS "actorName",
      e.entity_type AS "entityType", e.entity_id AS "entityId", e.data,
      nd.id AS "needId", nd.title AS "needTitle", nd.task_kind::text AS "taskKind",
      r.title AS "resourceTitle", r.title_en AS "resourceTitleEn", so.name AS "supplierName", so.name_en AS "supplierNameEn",
      k.id AS "knightId", ku.name AS "knightName", k.user_id AS "knightUserId"
    FROM ev e
    LEFT JOIN users au ON au.id = e.actor_id
    LEFT JOIN need nd ON nd.id = e.need_id
    LEFT JOIN assignment a ON a.id = e.assignment_id
    LEFT JOIN resource r ON r.id = a.resource_id
    LEFT JOIN organization so ON so.id = r.owner_org_id
    LEFT JOIN offer o ON o.id = e.offer_id
    LEFT JOIN knight_profile k ON k.id = COALESCE(a.knight_id, o.knight_id)
    LEFT JOIN users ku ON ku.id = k.user_id
    ORDER BY e.seq DESC`;
  const truncated = rows.length > limit;
  const entries = rows.slice(0, limit).map((r): TTimelineEntry => {
    const knight = r.knightId !== null;
    // A knight acting on their own task is named like the knight: only for dispatchers.
    const actorIsKnight = knight && r.actorId !== null && r.actorId === r.knightUserId;
    return {
      at: r.at,
      action: r.action,
      actorName: actorIsKnight && !opts.showKnightNames ? null : r.actorName,
      summary: summarise(r.action, r.data),
      entityType: ENTITY_TYPES.has(r.entityType as TTimelineEntry["entityType"]) ? (r.entityType as TTimelineEntry["entityType"]) : "Incident",
      entityId: r.entityId,
      needId: r.needId,
      needTitle: r.needTitle,
      taskKind: (KNIGHT_TASK_KINDS as readonly string[]).includes(r.taskKind ?? "") ? (r.taskKind as TTimelineEntry["taskKind"]) : null,
      resourceTitle: r.resourceTitle,
      resourceTitleEn: r.resourceTitleEn,
      supplierName: r.supplierName,
      supplierNameEn: r.supplierNameEn,
      knight,
      knightName: knight && opts.showKnightNames ? r.knightName : null,
      details: pickDetails(r.data),
    };
  });
  return { entries, truncated };
}
