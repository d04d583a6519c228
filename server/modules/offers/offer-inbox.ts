import { readQuote } from "@/server/modules/orders/quote";
import { preparedQuery, type Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TOfferCard, TOfferInboxInput } from "@/lib/schemas/offers";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";

const ACTIVE: AssignmentStatus[] = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED"];

/** Great-circle distance in km (haversine). */
export function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

type InboxRow = {
  id: string; status: TOfferCard["status"]; quantity: number; hold_expires_at: Date | null; window_start: Date; window_end: Date;
  explanation_zh: string | null; explanation_en: string | null; quote: unknown; order_id: string | null; requisition_number: string | null;
  resource_id: string; resource_title: string; resource_title_en: string | null; resource_lat: number; resource_lng: number;
  need_id: string; need_title: string; need_quantity: number; need_unit: string; need_priority: string; needed_by: Date;
  staging_address: string; staging_lat: number; staging_lng: number; incident_id: string; incident_title: string;
};

const INBOX_SELECT = `
SELECT a.id, a.status::text AS status, a.quantity, a.hold_expires_at, a.window_start, a.window_end, a.explanation_zh, a.explanation_en,
       a.quote, o.id AS order_id, q.number AS requisition_number,
       r.id AS resource_id, r.title AS resource_title, r.title_en AS resource_title_en, r.lat AS resource_lat, r.lng AS resource_lng,
       n.id AS need_id, n.title AS need_title, n.quantity AS need_quantity, n.unit AS need_unit, n.priority::text AS need_priority,
       n.needed_by, n.staging_address, n.staging_lat, n.staging_lng, i.id AS incident_id, i.title AS incident_title
FROM assignment a
JOIN resource r ON r.id = a.resource_id
JOIN need n ON n.id = a.need_id
JOIN incident i ON i.id = n.incident_id
LEFT JOIN orders o ON o.assignment_id = a.id
LEFT JOIN requisition q ON q.assignment_id = a.id
WHERE (r.owner_org_id = ANY($1::text[]) OR r.owner_user_id = $2)`;

// Polled by every supplier's system every few seconds during a storm (the drill's main load): one prepared
// statement on the hot-read pool, not an ORM query per relation on the pool the writes need.
const PENDING_SQL = `${INBOX_SELECT}
  AND a.status = 'OFFERED' AND a.hold_expires_at > $3
ORDER BY a.hold_expires_at ASC, a.id LIMIT 100`;
const ACTIVE_SQL = `${INBOX_SELECT}
  AND a.status = ANY($3::assignment_status[])
ORDER BY a.updated_at DESC, a.id LIMIT 100`;

/**
 * The supplier's inbox: offers on resources the caller's organisations (or the caller, as an expert) own.
 * "pending" = OFFERED and still within the hold, soonest expiry first; "active" = accepted and in progress.
 */
export async function listOfferInbox(db: Db, actor: Actor, input: TOfferInboxInput): Promise<TOfferCard[]> {
  const orgIds = actor.apiKey ? [actor.apiKey.orgId] : actor.memberships.map((m) => m.orgId);
  const userId = actor.apiKey ? null : actor.userId;
  const rows =
    input.scope === "pending"
      ? await preparedQuery<InboxRow>(db, "offer_inbox_pending", PENDING_SQL, [orgIds, userId, new Date()])
      : await preparedQuery<InboxRow>(db, "offer_inbox_active", ACTIVE_SQL, [orgIds, userId, ACTIVE]);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    quantity: r.quantity,
    holdExpiresAt: r.hold_expires_at,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    explanationZh: r.explanation_zh,
    explanationEn: r.explanation_en,
    distanceKm: Math.round(haversineKm(r.resource_lat, r.resource_lng, r.staging_lat, r.staging_lng) * 10) / 10,
    resource: { id: r.resource_id, title: r.resource_title, titleEn: r.resource_title_en },
    need: {
      id: r.need_id, title: r.need_title, quantity: r.need_quantity, unit: r.need_unit, priority: r.need_priority,
      neededBy: r.needed_by, stagingAddress: r.staging_address,
    },
    incident: { id: r.incident_id, title: r.incident_title },
    quote: readQuote(r.quote),
    orderId: r.order_id,
    requisitionNumber: r.requisition_number,
  }));
}
