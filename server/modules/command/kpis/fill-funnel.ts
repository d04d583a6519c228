import type { Db } from "@/server/db";
import { KPI_FUNNEL_LIMIT, type TCommandKpis } from "@/lib/schemas/command-kpis";
import type { TNeedPriority } from "@/lib/schemas/needs";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { needId: string | null; title: string | null; priority: TNeedPriority | null; needed: number; committed: number; enRoute: number; onScene: number; released: number };

/**
 * The fill funnel needed → committed → en route → on scene → released. A need's quantities are disjoint
 * buckets (committed, en route, on scene, released); the funnel is cumulative — a unit on scene has been
 * committed and en route too. Per need (life safety first, newest first, up to KPI_FUNNEL_LIMIT) plus the
 * total over every need in scope, in one aggregation (GROUPING SETS: the total row has needId NULL).
 */
export async function fillFunnel(db: Db, s: KpiScope): Promise<TCommandKpis["funnel"]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH n AS (
      SELECT n.id, n.title, n.priority, COALESCE(n.approved_at, n.created_at) AS posted, n.quantity,
        n.qty_committed AS c, n.qty_en_route AS e, n.qty_on_scene AS o, n.qty_released AS r
      FROM need n JOIN incident i ON i.id = n.incident_id
      WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)}
        AND n.status NOT IN ('DRAFT', 'PENDING_APPROVAL', 'CANCELLED')
        AND COALESCE(n.approved_at, n.created_at) >= ${s.from} AND COALESCE(n.approved_at, n.created_at) < ${s.to}
    ),
    g AS (
      SELECT id, min(title) AS title, min(priority::text) AS priority, min(posted) AS posted,
        sum(quantity)::int AS needed, sum(c + e + o + r)::int AS committed, sum(e + o + r)::int AS "enRoute",
        sum(o + r)::int AS "onScene", sum(r)::int AS released
      FROM n GROUP BY GROUPING SETS ((id), ())
    )
    (SELECT NULL::text AS "needId", NULL::text AS title, NULL::need_priority AS priority, COALESCE(needed, 0) AS needed, COALESCE(committed, 0) AS committed,
       COALESCE("enRoute", 0) AS "enRoute", COALESCE("onScene", 0) AS "onScene", COALESCE(released, 0) AS released
     FROM g WHERE id IS NULL)
    UNION ALL
    (SELECT id, title, priority::need_priority, needed, committed, "enRoute", "onScene", released FROM g WHERE id IS NOT NULL
     ORDER BY priority::need_priority, posted DESC, id LIMIT ${KPI_FUNNEL_LIMIT + 1})`;
  const totalRow = rows.find((r) => r.needId === null);
  const needRows = rows.filter((r) => r.needId !== null);
  const row = (r: Row) => ({ needId: r.needId, title: r.title ?? "", priority: r.priority, needed: r.needed, committed: r.committed, enRoute: r.enRoute, onScene: r.onScene, released: r.released });
  return {
    total: row(totalRow ?? { needId: null, title: null, priority: null, needed: 0, committed: 0, enRoute: 0, onScene: 0, released: 0 }),
    needs: needRows.slice(0, KPI_FUNNEL_LIMIT).map(row),
    truncated: needRows.length > KPI_FUNNEL_LIMIT,
  };
}
