import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import type { TIncidentList, TListIncidentsInput } from "@/lib/schemas/incidents";
import { incidentScope } from "@/server/modules/incidents/access";
import { incidentListSelect, needStatsByIncident, toListItem } from "@/server/modules/incidents/incident-dto";

/** "320000" (province) → "32", "320100" (city) → "3201", a district stays exact. */
export function regionPrefix(code: string): string {
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/** The caller's incidents, newest first, keyset-paginated by id. */
export async function listIncidents(db: Db, actor: Actor, input: TListIncidentsInput): Promise<TIncidentList> {
  const where: Prisma.IncidentWhereInput = { ...incidentScope(actor) };
  if (input.status) where.status = input.status;
  if (input.kind) where.kind = input.kind;
  if (input.severity) where.severity = input.severity;
  if (input.regionCode) where.regionCode = { startsWith: regionPrefix(input.regionCode) };
  const rows = await db.incident.findMany({
    where,
    select: incidentListSelect,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  const stats = await needStatsByIncident(db, page.map((r) => r.id));
  return {
    items: page.map((r) => toListItem(r, stats.get(r.id))),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}
