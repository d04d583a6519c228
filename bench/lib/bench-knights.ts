import seedrandom from "seedrandom";
import type { PrismaClient } from "@/server/db";
import { publicCellOf } from "@/server/modules/knights/public-cell";

const KM_PER_DEG_LAT = 111.195;
/** Xuanwu, Nanjing: the middle of the simulated riders. */
export const CENTER = { lat: 32.05, lng: 118.79 };

/** A uniformly random point within `maxKm` of CENTER. */
export function pointAround(rnd: () => number, maxKm: number) {
  const d = maxKm * Math.sqrt(rnd());
  const a = rnd() * 2 * Math.PI;
  return {
    lat: CENTER.lat + (d * Math.cos(a)) / KM_PER_DEG_LAT,
    lng: CENTER.lng + (d * Math.sin(a)) / (KM_PER_DEG_LAT * Math.cos((CENTER.lat * Math.PI) / 180)),
  };
}

/** `n` on-duty e-bike knights with fresh positions spread over a 12 km disc around CENTER (bulk insert). */
export async function seedOnDutyKnights(db: PrismaClient, nKnights: number): Promise<{ id: string; userId: string }[]> {
  const rnd = seedrandom("bench-dispatch");
  console.info(`[bench] seeding ${nKnights.toLocaleString("en-US")} on-duty knights …`);
  const knights: { id: string; userId: string }[] = [];
  for (let i = 0; i < nKnights; i++) knights.push({ id: `bk${i}`, userId: `bku${i}` });
  for (let i = 0; i < nKnights; i += 2000) {
    const part = knights.slice(i, i + 2000);
    await db.user.createMany({ data: part.map((k, j) => ({ id: k.userId, email: `bench-rider-${i + j}@knights.test`, name: `骑士${i + j}`, kind: "KNIGHT" as const })), skipDuplicates: true });
    await db.knightProfile.createMany({
      data: part.map((k) => {
        const p = pointAround(rnd, 12);
        return {
          id: k.id, userId: k.userId, vehicle: "EBIKE" as const, payloadKg: 30, homeDistrictCode: "320102", onDuty: true, onDutySince: new Date(),
          lastLat: p.lat, lastLng: p.lng, lastPositionAt: new Date(), publicCell: publicCellOf(p.lat, p.lng),
        };
      }),
      skipDuplicates: true, // riders a previous run made are kept (their tasks may be referenced by assignments)
    });
  }
  return knights;
}
