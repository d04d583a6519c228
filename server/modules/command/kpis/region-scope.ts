import { Prisma } from "@/server/generated/prisma/client";

/**
 * What every KPI query takes: the region and its sub-regions' codes, and the half-open range [from, to).
 * The after-action report narrows the same queries to one incident (`incidentId`) and, per need type, to
 * some of its needs (`needIds`), so its figures are the command centre's, not a second copy.
 */
export type KpiScope = { codes: string[]; from: Date; to: Date; incidentId?: string; needIds?: string[] };

/** Extra conditions on the need alias `n` for an incident-scoped call; empty for the region-wide KPIs. */
export function needFilter(s: KpiScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (s.incidentId) parts.push(Prisma.sql`AND n.incident_id = ${s.incidentId}`);
  if (s.needIds) parts.push(Prisma.sql`AND n.id = ANY(${s.needIds}::text[])`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}
