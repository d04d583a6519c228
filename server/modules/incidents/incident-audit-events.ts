import { Prisma } from "@/server/generated/prisma/client";

/**
 * The audit rows that tell an incident's story, as two CTEs for a `WITH` clause: `n` (its needs) and
 * `ev_all` (audit_event columns + need_id, assignment_id, offer_id). Rows whose entity is the incident, one
 * of its needs, one of its needs' assignments (resource offers and their progress, knight tasks), or a
 * knight's accepted offer on one of its needs (a knight's decline is theirs, not the incident's story).
 * Each branch finds its rows through the (entity_type, entity_id) index. The incident timeline and the
 * incident replay read exactly these rows, so both show the same events.
 */
export function incidentAuditEventsCte(incidentId: string): Prisma.Sql {
  return Prisma.sql`n AS (SELECT id FROM need WHERE incident_id = ${incidentId}),
    ev_all AS (
      SELECT e.*, NULL::text AS need_id, NULL::text AS assignment_id, NULL::text AS offer_id
        FROM audit_event e WHERE e.entity_type = 'Incident' AND e.entity_id = ${incidentId}
      UNION ALL
      SELECT e.*, n.id, NULL, NULL FROM n JOIN audit_event e ON e.entity_type = 'Need' AND e.entity_id = n.id
      UNION ALL
      SELECT e.*, n.id, a.id, NULL FROM n JOIN assignment a ON a.need_id = n.id
        JOIN audit_event e ON e.entity_type = 'Assignment' AND e.entity_id = a.id
      UNION ALL
      SELECT e.*, n.id, NULL, o.id FROM n JOIN offer o ON o.need_id = n.id
        JOIN audit_event e ON e.entity_type = 'Offer' AND e.entity_id = o.id AND e.action = 'knightOffer.accept'
    )`;
}
