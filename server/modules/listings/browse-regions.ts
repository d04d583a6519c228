import type { Db } from "@/server/db";

export type BrowseRegion = { code: string; nameZh: string; nameEn: string; level: "PROVINCE" | "CITY" | "DISTRICT"; parentCode: string | null };

/** Cities and districts for the region filter (cities first, each followed by its districts). */
export async function listBrowseRegions(db: Db): Promise<BrowseRegion[]> {
  const rows = await db.region.findMany({
    where: { level: { in: ["CITY", "DISTRICT"] } },
    select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true },
    orderBy: { code: "asc" },
  });
  const cities = rows.filter((r) => r.level === "CITY");
  const out: BrowseRegion[] = [];
  for (const c of cities) {
    out.push(c as BrowseRegion);
    for (const d of rows) if (d.level === "DISTRICT" && d.parentCode === c.code) out.push(d as BrowseRegion);
  }
  return out;
}
