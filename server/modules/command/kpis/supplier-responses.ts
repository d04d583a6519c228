import type { Db } from "@/server/db";
import type { TCommandKpis } from "@/lib/schemas/command-kpis";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { offered: number; accepted: number; declined: number; expired: number; reasons: { reason: string; count: number }[] | null };

/** Decline reasons listed (the most frequent first); the rest are in `declined`. */
const REASONS_LIMIT = 10;

/**
 * Supplier acceptance and decline: resource offers sent in the range on the region's incidents (knight
 * offers are a different market and not counted here). Accepted = the supplier accepted (whatever happened
 * later); declined / expired = the offer's end state; the rest were still waiting or withdrawn. Rates are
 * over the offers that were answered or ran out (accepted + declined + expired). Reasons are the suppliers'
 * own words, trimmed and grouped case-insensitively. One aggregation.
 */
export async function supplierResponses(db: Db, s: KpiScope): Promise<TCommandKpis["supplierResponses"]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH a AS (
      SELECT a.status, a.accepted_at, a.decline_reason
      FROM assignment a JOIN need n ON n.id = a.need_id JOIN incident i ON i.id = n.incident_id
      WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)} AND a.resource_id IS NOT NULL
        AND a.offered_at >= ${s.from} AND a.offered_at < ${s.to}
    )
    SELECT count(*)::int AS offered,
      count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS accepted,
      count(*) FILTER (WHERE status = 'DECLINED')::int AS declined,
      count(*) FILTER (WHERE status = 'EXPIRED' AND accepted_at IS NULL)::int AS expired,
      (SELECT json_agg(json_build_object('reason', reason, 'count', c) ORDER BY c DESC, reason)
         FROM (SELECT min(left(btrim(decline_reason), 80)) AS reason, count(*)::int AS c FROM a
               WHERE status = 'DECLINED' GROUP BY lower(btrim(COALESCE(decline_reason, ''))) ORDER BY c DESC, 1 LIMIT ${REASONS_LIMIT}) r) AS reasons
    FROM a`;
  const r = rows[0] ?? { offered: 0, accepted: 0, declined: 0, expired: 0, reasons: null };
  const settled = r.accepted + r.declined + r.expired;
  return {
    offered: r.offered,
    accepted: r.accepted,
    declined: r.declined,
    expired: r.expired,
    unanswered: r.offered - settled,
    acceptanceRate: settled > 0 ? r.accepted / settled : null,
    declineRate: settled > 0 ? r.declined / settled : null,
    reasons: (r.reasons ?? []).map((x) => ({ reason: x.reason ?? "", count: x.count })),
  };
}
