import type { Db } from "@/server/db";

/** Jiangsu, two of its cities and one Nanjing district: the regions most test rows point at. */
export async function insertTestRegions(db: Db) {
  await db.region.createMany({
    data: [
      { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE", lat: 32.06, lng: 118.79 },
      { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY", parentCode: "320000", lat: 32.06, lng: 118.8 },
      { code: "320200", nameZh: "无锡市", nameEn: "Wuxi", level: "CITY", parentCode: "320000", lat: 31.49, lng: 120.31 },
      { code: "320102", nameZh: "玄武区", nameEn: "Xuanwu", level: "DISTRICT", parentCode: "320100", lat: 32.05, lng: 118.8 },
    ],
    skipDuplicates: true,
  });
}
