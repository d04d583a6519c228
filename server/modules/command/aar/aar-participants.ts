import type { Db } from "@/server/db";
import type { TAarParticipant } from "@/lib/schemas/aar";

/**
 * The organisations that took part in an incident: the leading government organisation, those listed on
 * the incident (with their role), and the suppliers whose listings were accepted for one of its needs.
 * Knights are counted, never named.
 */
export async function loadParticipants(db: Db, incidentId: string): Promise<{ participants: TAarParticipant[]; knights: number }> {
  const [rows, knights] = await Promise.all([
    db.$queryRaw<{ orgId: string; name: string; nameEn: string | null; kind: string; role: TAarParticipant["role"]; detail: string | null }[]>`
      SELECT o.id AS "orgId", o.name, o.name_en AS "nameEn", o.kind::text AS kind, p.role, p.detail
      FROM (
        SELECT i.org_id, 'LEAD' AS role, NULL::text AS detail, 0 AS rank FROM incident i WHERE i.id = ${incidentId}
        UNION ALL
        SELECT io.org_id, 'SUPPORT', io.role, 1 FROM incident_organization io WHERE io.incident_id = ${incidentId}
        UNION ALL
        SELECT r.owner_org_id, 'SUPPLIER', NULL, 2 FROM need n JOIN assignment a ON a.need_id = n.id JOIN resource r ON r.id = a.resource_id
         WHERE n.incident_id = ${incidentId} AND a.accepted_at IS NOT NULL AND r.owner_org_id IS NOT NULL
      ) p JOIN organization o ON o.id = p.org_id
      GROUP BY o.id, o.name, o.name_en, o.kind, p.role, p.detail, p.rank
      ORDER BY min(p.rank), o.name`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT a.knight_id)::int AS n FROM need n JOIN assignment a ON a.need_id = n.id
      WHERE n.incident_id = ${incidentId} AND a.knight_id IS NOT NULL AND a.accepted_at IS NOT NULL`,
  ]);
  // An organisation both listed and supplying appears once, under its first role.
  const seen = new Set<string>();
  const participants = rows.filter((r) => (seen.has(r.orgId) ? false : (seen.add(r.orgId), true)));
  return { participants, knights: knights[0]?.n ?? 0 };
}
