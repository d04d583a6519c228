import type { Db } from "@/server/db";
import { RESOURCE_CATEGORIES } from "@/lib/schemas/catalogue";
import type { TCommandKpis } from "@/lib/schemas/command-kpis";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { category: string; assignments: number; units: number; liveUnits: number };

/**
 * Resources committed by category: assignments accepted in the range on the region's incidents (a knight
 * task counts under KNIGHT), the units they carry, and how many of those units are still committed, en
 * route or on scene. One aggregation.
 */
export async function committedByCategory(db: Db, s: KpiScope): Promise<TCommandKpis["committedByCategory"]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT COALESCE(t.category::text, 'KNIGHT') AS category, count(*)::int AS assignments, sum(a.quantity)::int AS units,
      COALESCE(sum(a.quantity) FILTER (WHERE a.status IN ('ACCEPTED', 'MOBILIZED', 'EN_ROUTE', 'ON_SCENE')), 0)::int AS "liveUnits"
    FROM assignment a JOIN need n ON n.id = a.need_id JOIN incident i ON i.id = n.incident_id
    LEFT JOIN resource r ON r.id = a.resource_id
    LEFT JOIN resource_type t ON t.id = r.type_id
    WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)} AND a.accepted_at >= ${s.from} AND a.accepted_at < ${s.to}
    GROUP BY 1`;
  const by = new Map(rows.map((r) => [r.category, r]));
  return RESOURCE_CATEGORIES.map((category) => {
    const r = by.get(category);
    return { category, assignments: r?.assignments ?? 0, units: r?.units ?? 0, liveUnits: r?.liveUnits ?? 0 };
  });
}
