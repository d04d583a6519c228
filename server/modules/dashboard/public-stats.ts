import type { Db } from "@/server/db";
import type { TPublicStats } from "@/lib/schemas/dashboard";

const placeSelect = { code: true, nameZh: true, nameEn: true } as const;

/**
 * Headline figures for the public landing page. Only aggregate counts and public place names leave
 * here: nothing identifies a person, an organisation or a position.
 */
export async function getPublicStats(db: Db): Promise<TPublicStats> {
  const [verifiedOrganizations, listedResources, knights, activeIncidents, province] = await Promise.all([
    db.organization.count({ where: { verification: "VERIFIED" } }),
    db.resource.count({ where: { status: "AVAILABLE" } }),
    db.knightProfile.count({ where: { status: "ACTIVE" } }),
    db.incident.count({ where: { status: "ACTIVE" } }),
    db.region.findFirst({ where: { level: "PROVINCE" }, orderBy: { code: "asc" }, select: placeSelect }),
  ]);
  const areas = province
    ? await db.region.findMany({
        where: { parentCode: province.code, level: "CITY" },
        orderBy: { code: "asc" },
        select: placeSelect,
      })
    : [];
  return { verifiedOrganizations, listedResources, knights, activeIncidents, province, areas };
}
