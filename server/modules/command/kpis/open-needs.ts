import type { Db } from "@/server/db";
import { NEED_PRIORITIES } from "@/lib/schemas/needs";
import type { TCommandKpis } from "@/lib/schemas/command-kpis";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { priority: string; posted: number; open: number; quantity: number; filled: number };

/**
 * Open needs and fill rate by priority, over the needs posted in the range (posted = approved, or created
 * when no approval was needed) on incidents of the region. Cancelled needs count as posted but not in the
 * fill rate (nothing was to be filled any more). One aggregation.
 */
export async function openNeedsByPriority(db: Db, s: KpiScope): Promise<TCommandKpis["openNeeds"]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT n.priority::text AS priority,
      count(*)::int AS posted,
      count(*) FILTER (WHERE n.status IN ('OPEN', 'PARTIALLY_FILLED'))::int AS open,
      COALESCE(sum(n.quantity) FILTER (WHERE n.status <> 'CANCELLED'), 0)::int AS quantity,
      COALESCE(sum(n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released) FILTER (WHERE n.status <> 'CANCELLED'), 0)::int AS filled
    FROM need n JOIN incident i ON i.id = n.incident_id
    WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)}
      AND n.status NOT IN ('DRAFT', 'PENDING_APPROVAL')
      AND COALESCE(n.approved_at, n.created_at) >= ${s.from} AND COALESCE(n.approved_at, n.created_at) < ${s.to}
    GROUP BY n.priority`;
  const by = new Map(rows.map((r) => [r.priority, r]));
  // Every priority, in order, so a chart's axis does not jump when one has no needs.
  return NEED_PRIORITIES.map((priority) => {
    const r = by.get(priority) ?? { posted: 0, open: 0, quantity: 0, filled: 0 };
    return { priority, posted: r.posted, open: r.open, quantity: r.quantity, filled: r.filled, fillRate: r.quantity > 0 ? r.filled / r.quantity : null };
  });
}
