import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { dbErrorMentions } from "@/server/db-errors";
import type { AssignmentStatus, PaymentMode } from "@/server/generated/prisma/enums";

/** The assignment facts every offer rule needs, read by id. */
export type OfferContext = {
  id: string;
  needId: string;
  resourceId: string;
  quantity: number;
  unitIndex: number | null;
  status: AssignmentStatus;
  holdExpiresAt: Date | null;
  windowStart: Date;
  windowEnd: Date;
  supplierOrgId: string | null;
  supplierUserId: string | null;
  requesterOrgId: string;
  incidentId: string;
  /** The need's, fixed when it was created: whether an acceptance issues a requisition or opens an order. */
  paymentMode: PaymentMode;
  /** For the notifications' sentences (titles only: never contact data). */
  needTitle: string;
  resourceTitle: string;
  /** The listing's English title, when it has one (English readers see it; needs have no English form). */
  resourceTitleEn: string | null;
};

/** What an offer's notifications name: the need and the resource (in both languages, picked when shown). */
export const offerTitles = (o: Pick<OfferContext, "needTitle" | "resourceTitle" | "resourceTitleEn">) => ({
  needTitle: o.needTitle,
  resourceTitle: o.resourceTitle,
  ...(o.resourceTitleEn ? { resourceTitleEn: o.resourceTitleEn } : {}),
});

export const CONFLICT_MESSAGE = "this resource was just booked for an overlapping time — the next candidate will be offered";


export async function loadOffer(db: Db, assignmentId: string): Promise<OfferContext> {
  const [o] = await loadOffers(db, [assignmentId]);
  if (!o) throw new AppError("NOT_FOUND", "This offer does not exist.");
  return o;
}

/**
 * The offers of `ids` that exist (resource assignments only), in one statement (a nested Prisma select is one
 * round trip per relation: four per accept, decline and send, each waiting on a busy event loop in a storm); any order.
 */
export async function loadOffers(db: Db, ids: string[]): Promise<OfferContext[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<OfferContext[]>`
    SELECT a.id, a.need_id AS "needId", a.resource_id AS "resourceId", a.quantity, a.unit_index AS "unitIndex",
           a.status::text AS status, a.hold_expires_at AS "holdExpiresAt", a.window_start AS "windowStart", a.window_end AS "windowEnd",
           r.owner_org_id AS "supplierOrgId", r.owner_user_id AS "supplierUserId", i.org_id AS "requesterOrgId",
           n.incident_id AS "incidentId", n.payment_mode::text AS "paymentMode",
           n.title AS "needTitle", r.title AS "resourceTitle", r.title_en AS "resourceTitleEn"
    FROM assignment a
    JOIN resource r ON r.id = a.resource_id
    JOIN need n ON n.id = a.need_id
    JOIN incident i ON i.id = n.incident_id
    WHERE a.id = ANY(${ids}::text[])`;
}

/** Members of the supplier org that owns the resource (any role), its API key, or the owning expert. */
export function isSupplierOf(actor: Actor, o: Pick<OfferContext, "supplierOrgId" | "supplierUserId">): boolean {
  if (actor.apiKey) return o.supplierOrgId !== null && actor.apiKey.orgId === o.supplierOrgId;
  if (o.supplierUserId && actor.userId === o.supplierUserId) return true;
  return o.supplierOrgId !== null && actor.memberships.some((m) => m.orgId === o.supplierOrgId);
}

/** The requesting org's DISPATCHER/OWNER, or its API key. */
export function isDispatcherOf(actor: Actor, o: Pick<OfferContext, "requesterOrgId">): boolean {
  if (actor.apiKey) return actor.apiKey.orgId === o.requesterOrgId;
  return actor.memberships.some((m) => m.orgId === o.requesterOrgId && (m.orgRole === "DISPATCHER" || m.orgRole === "OWNER"));
}

export function assertSupplier(actor: Actor, o: OfferContext): void {
  if (!isSupplierOf(actor, o)) throw new AppError("FORBIDDEN", "Only the organisation that owns this resource may answer this offer.");
}

export function assertDispatcher(actor: Actor, o: OfferContext): void {
  if (!isDispatcherOf(actor, o)) throw new AppError("FORBIDDEN", "Only a dispatcher of the requesting organisation may do this.");
}

/** SQLSTATE 23P01 (exclusion_violation) from pg, through Prisma and its driver adapter. */
export function isOverlapViolation(e: unknown): boolean {
  return dbErrorMentions(e, ["23P01", "assignment_no_overlap", "exclusion constraint"]);
}

/** Locks the resource row by id for the rest of the transaction (never inside a KNN query). */
export async function lockResource(db: Db, resourceId: string): Promise<{ totalQuantity: number; committedQuantity: number; status: string }> {
  const rows = await db.$queryRaw<{ totalQuantity: number; committedQuantity: number; status: string }[]>`
    SELECT total_quantity AS "totalQuantity", committed_quantity AS "committedQuantity", status::text AS status
    FROM resource WHERE id = ${resourceId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "This resource does not exist.");
  return rows[0];
}
