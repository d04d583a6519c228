import type { Db } from "@/server/db";
import type { TCommandKpis } from "@/lib/schemas/command-kpis";
import type { TUnmetReason } from "@/lib/schemas/needs";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { typeCode: string | null; typeNameZh: string | null; typeNameEn: string | null; category: string; reason: TUnmetReason; needs: number; unitsShort: number };

/**
 * Unmet demand by resource type and reason code: needs posted in the range that carry an unmet reason
 * (recorded when a need is closed unfilled, cancelled, or a dispatch ran out of knights), with the units
 * they were short. A need without a catalogue type is counted under its category. One aggregation.
 */
export async function unmetDemand(db: Db, s: KpiScope): Promise<TCommandKpis["unmetDemand"]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.code AS "typeCode", min(t.name_zh) AS "typeNameZh", min(t.name_en) AS "typeNameEn", n.category::text AS category,
      n.unmet_reason::text AS reason, count(*)::int AS needs,
      sum(GREATEST(0, n.quantity - (n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released)))::int AS "unitsShort"
    FROM need n JOIN incident i ON i.id = n.incident_id
    LEFT JOIN resource_type t ON t.id = n.type_id
    WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)}
      AND n.unmet_reason IS NOT NULL
      AND COALESCE(n.approved_at, n.created_at) >= ${s.from} AND COALESCE(n.approved_at, n.created_at) < ${s.to}
    GROUP BY t.code, n.category, n.unmet_reason
    ORDER BY "unitsShort" DESC, needs DESC, t.code NULLS LAST, reason`;
  return rows.map((r) => ({
    typeCode: r.typeCode,
    typeNameZh: r.typeNameZh ?? r.category,
    typeNameEn: r.typeNameEn ?? r.category,
    reason: r.reason,
    needs: r.needs,
    unitsShort: r.unitsShort,
  }));
}
