import type { Db } from "@/server/db";
import { KPI_DUTY_BUCKETS, type TCommandKpis } from "@/lib/schemas/command-kpis";
import type { KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { districtCode: string; districtNameZh: string; districtNameEn: string; at: Date; count: number };

/** Fewer knights than this in a district and bucket are shown as "<3", never as the exact count. */
export const DUTY_MIN_SHOWN = 3;

/**
 * Knights on duty by district over time: the range cut into KPI_DUTY_BUCKETS equal buckets; per bucket and
 * home district, the knights with a duty stretch (knight_duty_session, kept by a trigger) overlapping it.
 * Districts of the region subtree only; counts of 1–2 come back as null ("<3"), so nobody can be singled
 * out. Positions are never read. One aggregation.
 */
export async function knightsOnDuty(db: Db, s: KpiScope): Promise<TCommandKpis["knightsOnDuty"]> {
  const bucketMs = Math.max(1000, Math.ceil((s.to.getTime() - s.from.getTime()) / KPI_DUTY_BUCKETS));
  const bucketSeconds = Math.ceil(bucketMs / 1000);
  const rows = await db.$queryRaw<Row[]>`
    WITH b AS (
      SELECT ${s.from}::timestamptz + make_interval(secs => g * ${bucketSeconds}) AS b_start,
             ${s.from}::timestamptz + make_interval(secs => (g + 1) * ${bucketSeconds}) AS b_end
      FROM generate_series(0, ${KPI_DUTY_BUCKETS - 1}) AS g
    )
    SELECT d.district_code AS "districtCode", r.name_zh AS "districtNameZh", r.name_en AS "districtNameEn",
      b.b_start AS at, count(DISTINCT d.knight_id)::int AS count
    FROM b
    JOIN knight_duty_session d ON d.district_code = ANY(${s.codes}::text[])
      AND d.started_at < b.b_end AND (d.ended_at IS NULL OR d.ended_at > b.b_start)
    JOIN region r ON r.code = d.district_code
    WHERE d.started_at < ${s.to}
    GROUP BY d.district_code, r.name_zh, r.name_en, b.b_start
    ORDER BY d.district_code, b.b_start`;
  return {
    bucketSeconds,
    points: rows.map((r) => ({ ...r, count: r.count < DUTY_MIN_SHOWN ? null : r.count })),
  };
}
