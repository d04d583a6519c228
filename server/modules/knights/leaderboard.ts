import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { badgesFor } from "@/server/modules/knights/knight-badges";
import { knightRecord } from "@/server/modules/knights/knight-record";
import type { TLeaderboard, TMyStanding } from "@/lib/schemas/knight-tasks";

/**
 * District leaderboard and a knight's own standing. Knights appear by a masked display name, rank and
 * points only — never position, contact data or ids. WEEK / MONTH sum the points ledger over the last 7 /
 * 30 days; ALL uses the profile total (which includes points from before the ledger existed).
 */

const DAY = 86_400_000;

/** Surname (first character) + "**"; the caller sees their own name. */
export function maskName(name: string | null): string {
  const first = name?.trim().charAt(0);
  return first ? `${first}**` : "**";
}

async function me(db: Db, actor: Actor) {
  const k = await db.knightProfile.findUnique({
    where: { userId: actor.userId },
    select: { id: true, homeDistrictCode: true, points: true, completedCount: true, noShowCount: true, lifeSafetyCount: true, nightCount: true },
  });
  if (!k) throw new AppError("NOT_FOUND", "You do not have a knight profile. Sign up as a knight first.");
  return k;
}

type Row = { knightId: string; name: string | null; points: number };

export async function districtLeaderboard(
  db: Db,
  actor: Actor,
  input: { districtCode?: string; period: "WEEK" | "MONTH" | "ALL"; limit: number },
  now = new Date(),
): Promise<TLeaderboard> {
  const self = await me(db, actor);
  const district = input.districtCode ?? self.homeDistrictCode;
  let rows: Row[];
  if (input.period === "ALL") {
    rows = await db.$queryRaw<Row[]>`
      SELECT k.id AS "knightId", u.name, k.points
      FROM knight_profile k JOIN "user" u ON u.id = k.user_id
      WHERE k.home_district_code = ${district} AND k.status = 'ACTIVE' AND k.points > 0
      ORDER BY k.points DESC, k.completed_count DESC, k.id
      LIMIT ${input.limit}`;
  } else {
    const since = new Date(now.getTime() - (input.period === "WEEK" ? 7 : 30) * DAY);
    rows = await db.$queryRaw<Row[]>`
      SELECT k.id AS "knightId", u.name, SUM(e.points)::int AS points
      FROM knight_points_entry e
      JOIN knight_profile k ON k.id = e.knight_id
      JOIN "user" u ON u.id = k.user_id
      WHERE k.home_district_code = ${district} AND k.status = 'ACTIVE' AND e.created_at >= ${since}
      GROUP BY k.id, u.name
      HAVING SUM(e.points) > 0
      ORDER BY points DESC, k.id
      LIMIT ${input.limit}`;
  }
  // Competition ranking: equal points share a rank.
  let rank = 0;
  let prev: number | null = null;
  const entries = rows.map((r, i) => {
    if (r.points !== prev) rank = i + 1;
    prev = r.points;
    const isMe = r.knightId === self.id;
    return { rank, displayName: isMe ? (r.name ?? "**") : maskName(r.name), points: Number(r.points), isMe };
  });
  return { districtCode: district, period: input.period, entries };
}

export async function myStanding(db: Db, actor: Actor, now = new Date()): Promise<TMyStanding> {
  const self = await me(db, actor);
  const since = new Date(now.getTime() - 7 * DAY);
  const [counts] = await db.$queryRaw<{ above: number; size: number }[]>(Prisma.sql`
    SELECT COUNT(*) FILTER (WHERE points > ${self.points})::int AS above, COUNT(*)::int AS size
    FROM knight_profile WHERE home_district_code = ${self.homeDistrictCode} AND status = 'ACTIVE'`);
  const week = await db.knightPointsEntry.aggregate({ where: { knightId: self.id, createdAt: { gte: since } }, _sum: { points: true } });
  return {
    points: self.points,
    weekPoints: week._sum.points ?? 0,
    districtRank: (counts?.above ?? 0) + 1,
    districtSize: Math.max(counts?.size ?? 0, 1),
    districtCode: self.homeDistrictCode,
    badges: badgesFor(self),
    record: knightRecord(self),
  };
}
