import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TKnightSummary } from "@/lib/schemas/dashboard";
import { LIVE_ASSIGNMENT_STATUSES } from "@/server/modules/dashboard/listing-counts";

/**
 * The knight's own standing. Deliberately selects no position fields: the dashboard never needs the
 * exact last position, so it cannot leak through here.
 */
export async function getKnightSummary(db: Db, actor: Actor, now = new Date()): Promise<TKnightSummary> {
  const profile = await db.knightProfile.findUnique({
    where: { userId: actor.userId },
    select: {
      id: true,
      onDuty: true,
      onDutySince: true,
      status: true,
      points: true,
      completedCount: true,
      homeDistrict: { select: { code: true, nameZh: true, nameEn: true } },
    },
  });
  if (!profile) return { profile: null, pendingOffers: 0, activeTasks: 0, districtRank: null };

  const suspended = profile.status === "SUSPENDED";
  const district = { homeDistrictCode: profile.homeDistrict.code, status: "ACTIVE" as const };
  const [pendingOffers, activeTasks, ahead, inDistrict] = await Promise.all([
    db.offer.count({ where: { knightId: profile.id, status: "PENDING", expiresAt: { gt: now } } }),
    db.assignment.count({ where: { knightId: profile.id, status: { in: [...LIVE_ASSIGNMENT_STATUSES] } } }),
    db.knightProfile.count({ where: { ...district, points: { gt: profile.points } } }),
    db.knightProfile.count({ where: district }),
  ]);
  return {
    profile: {
      // A suspended knight is never on duty, whatever the flag says.
      onDuty: profile.onDuty && !suspended,
      onDutySince: profile.onDuty && !suspended ? profile.onDutySince : null,
      suspended,
      points: profile.points,
      completedCount: profile.completedCount,
      homeDistrict: profile.homeDistrict,
    },
    pendingOffers,
    activeTasks,
    // Competition ranking: ties share a rank. Suspended knights are outside the leaderboard.
    districtRank: suspended ? null : { rank: ahead + 1, of: inDistrict },
  };
}
