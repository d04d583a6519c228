import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TIncidentListItem } from "@/lib/schemas/incidents";

export const incidentListSelect = {
  id: true,
  title: true,
  kind: true,
  severity: true,
  status: true,
  regionCode: true,
  region: { select: { nameZh: true, nameEn: true } },
  address: true,
  lat: true,
  lng: true,
  startedAt: true,
} satisfies Prisma.IncidentSelect;

type ListRow = Prisma.IncidentGetPayload<{ select: typeof incidentListSelect }>;
type NeedStats = { needsOpen: number; needsTotal: number; fill: TIncidentListItem["fill"] };

const EMPTY: NeedStats = { needsOpen: 0, needsTotal: 0, fill: { requested: 0, committed: 0, onScene: 0 } };

/** Per-incident need counts and fill sums (cancelled needs are left out). One grouped query. */
export async function needStatsByIncident(db: Db, incidentIds: string[]): Promise<Map<string, NeedStats>> {
  const out = new Map<string, NeedStats>();
  if (incidentIds.length === 0) return out;
  const groups = await db.need.groupBy({
    by: ["incidentId", "status"],
    where: { incidentId: { in: incidentIds }, status: { not: "CANCELLED" } },
    _count: { _all: true },
    _sum: { quantity: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true },
  });
  for (const g of groups) {
    const s = out.get(g.incidentId) ?? structuredClone(EMPTY);
    const n = g._count._all;
    s.needsTotal += n;
    if (g.status === "OPEN" || g.status === "PARTIALLY_FILLED") s.needsOpen += n;
    s.fill.requested += g._sum.quantity ?? 0;
    s.fill.committed += (g._sum.qtyCommitted ?? 0) + (g._sum.qtyEnRoute ?? 0) + (g._sum.qtyOnScene ?? 0) + (g._sum.qtyReleased ?? 0);
    s.fill.onScene += g._sum.qtyOnScene ?? 0;
    out.set(g.incidentId, s);
  }
  return out;
}

export function toListItem(row: ListRow, stats: NeedStats | undefined): TIncidentListItem {
  const { region, ...rest } = row;
  return { ...rest, regionName: { zh: region.nameZh, en: region.nameEn }, ...(stats ?? structuredClone(EMPTY)) };
}
