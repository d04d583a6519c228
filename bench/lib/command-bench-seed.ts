import seedrandom from "seedrandom";
import type { PrismaClient } from "@/server/db";
import type { AssignmentStatus, NeedPriority } from "@/server/generated/prisma/enums";

const TITLE = "bench-command";
const MIN = 60_000;
/** An empty region under Jiangsu: the floor of the command centre's data (nothing to count, same code paths). */
export const EMPTY_REGION = "329999";

const PRIORITIES: NeedPriority[] = ["LIFE_SAFETY", "URGENT", "URGENT", "ROUTINE"];
/** How far each unit got, cycling: a spread of every stage, with declines and expiries. */
const STAGES: AssignmentStatus[] = ["RELEASED", "ON_SCENE", "EN_ROUTE", "ACCEPTED", "DECLINED", "EXPIRED", "ON_SCENE", "OFFERED", "EN_ROUTE", "RELEASED"];
const RANK: Partial<Record<AssignmentStatus, number>> = { ACCEPTED: 1, EN_ROUTE: 2, ON_SCENE: 3, RELEASED: 4 };

/**
 * Tops the scale database up to `target` ACTIVE incidents (bench-only rows, titled "bench-command …", added
 * once and reused), spread over Jiangsu's cities and Nanjing's districts, each with 4 needs and 3 units per
 * need taken from unused AVAILABLE listings of its region, with offer/accept/progress times over the last
 * 12 hours — so the KPIs have needs, funnels, response segments, declines and commitments to aggregate.
 * Also makes sure EMPTY_REGION exists.
 */
export async function ensureCommandBenchData(db: PrismaClient, target: number, now = new Date()): Promise<{ active: number; added: number }> {
  await db.region.upsert({
    where: { code: EMPTY_REGION },
    update: {},
    create: { code: EMPTY_REGION, nameZh: "基准空区域", nameEn: "Bench empty region", level: "CITY", parentCode: "320000", lat: 33.5, lng: 119.5 },
  });
  const active = await db.incident.count({ where: { status: "ACTIVE" } });
  if (active >= target) return { active, added: 0 };
  const owner = await db.user.findFirstOrThrow({ where: { email: "requester@muster.demo" }, select: { id: true, memberships: { select: { orgId: true }, take: 1 } } });
  const orgId = owner.memberships[0]!.orgId;
  const regions = await db.region.findMany({ where: { level: { in: ["CITY", "DISTRICT"] }, code: { not: EMPTY_REGION } }, select: { code: true, lat: true, lng: true }, orderBy: { code: "asc" } });
  const rnd = seedrandom("bench-command");
  const missing = target - active;
  for (let i = 0; i < missing; i++) {
    const region = regions[i % regions.length]!;
    const picks = await db.$queryRaw<{ id: string; typeId: string; category: string; title: string; lat: number; lng: number }[]>`
      SELECT r.id, r.type_id AS "typeId", t.category::text AS category, r.title, r.lat, r.lng
      FROM resource r JOIN resource_type t ON t.id = r.type_id
      WHERE r.region_code = ${region.code} AND r.status = 'AVAILABLE' AND r.total_quantity = 1 AND t.category <> 'KNIGHT'
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.resource_id = r.id)
      ORDER BY md5(r.id || ${String(i)}) LIMIT 12`;
    const startedAt = new Date(now.getTime() - (12 * 60 - i * 5) * MIN);
    await db.$transaction(async (tx) => {
      const incident = await tx.incident.create({
        data: {
          orgId, createdById: owner.id, title: `${TITLE} ${i + 1}`, kind: "FLOOD", severity: (["I", "II", "III", "IV"] as const)[i % 4], status: "ACTIVE",
          lat: region.lat, lng: region.lng, address: region.code, regionCode: region.code, startedAt, createdAt: startedAt,
        },
        select: { id: true },
      });
      for (let n = 0; n < 4; n++) {
        const units = picks.slice(n * 3, n * 3 + 3);
        if (units.length === 0) break;
        const posted = new Date(startedAt.getTime() + (10 + n * 20) * MIN);
        const plan = units.map((u, j) => ({ u, status: STAGES[(i + n * 3 + j) % STAGES.length]! }));
        const bucket = (b: number) => plan.filter((p) => RANK[p.status] === b).length;
        const need = await tx.need.create({
          data: {
            incidentId: incident.id, typeId: units[0]!.typeId, category: units[0]!.category as never, title: `${units[0]!.title}`.slice(0, 60), quantity: 4, unit: "unit",
            stagingLat: region.lat, stagingLng: region.lng, stagingAddress: region.code, neededBy: new Date(posted.getTime() + 120 * MIN), durationMinutes: 600,
            priority: PRIORITIES[n]!, maxDistanceKm: 100, createdById: owner.id, createdAt: posted,
            qtyCommitted: bucket(1), qtyEnRoute: bucket(2), qtyOnScene: bucket(3), qtyReleased: bucket(4),
            status: plan.some((p) => RANK[p.status]) ? "PARTIALLY_FILLED" : "OPEN",
          },
          select: { id: true },
        });
        await tx.assignment.createMany({
          data: plan.map(({ u, status }, j) => {
            const offered = posted.getTime() + (3 + j + rnd() * 10) * MIN;
            const rank = RANK[status] ?? 0;
            const accepted = rank >= 1 ? offered + (2 + rnd() * 8) * MIN : null;
            const enRoute = rank >= 2 ? accepted! + (5 + rnd() * 15) * MIN : null;
            const onScene = rank >= 3 ? enRoute! + (10 + rnd() * 30) * MIN : null;
            const released = rank >= 4 ? onScene! + (60 + rnd() * 120) * MIN : null;
            const d = (x: number | null) => (x === null ? null : new Date(Math.min(x, now.getTime() - MIN)));
            return {
              needId: need.id, resourceId: u.id, status, quantity: 1, unitIndex: 0,
              windowStart: new Date(posted.getTime() + 60 * MIN), windowEnd: new Date(posted.getTime() + 660 * MIN),
              offeredAt: d(offered), acceptedAt: d(accepted), enRouteAt: d(enRoute), onSceneAt: d(onScene), completedAt: d(released), releasedAt: d(released),
              respondedAt: status === "DECLINED" ? d(offered + 4 * MIN) : d(accepted),
              declineReason: status === "DECLINED" ? (["设备检修中", "人员不足", "距离过远"] as const)[j % 3] : null,
            };
          }),
        });
      }
    });
  }
  return { active: await db.incident.count({ where: { status: "ACTIVE" } }), added: missing };
}
