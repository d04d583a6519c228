import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { isDispatcherOf, isSupplierOf, loadOffer, type OfferContext } from "@/server/modules/offers/offer-access";

/**
 * Who is who on a requisitioned (or public-good) assignment. The supplier side is the organisation that owns
 * the resource (or the owning expert); the requester side is the incident's organisation. Reading is open to
 * any member of either side; acting for the requester needs its DISPATCHER/OWNER (or its API key).
 * Anyone else gets NOT_FOUND, never a hint that the record exists.
 */

export type Party = "SUPPLIER" | "REQUESTER";

export const LEGAL_BASIS = {
  zh: "《中华人民共和国突发事件应对法》（2024年修订）第十二条",
  en: "Emergency Response Law of the People's Republic of China (2024 revision), Article 12",
} as const;

const notFound = () => new AppError("NOT_FOUND", "This requisition does not exist or is not yours.");

export function isRequesterMember(actor: Actor, o: Pick<OfferContext, "requesterOrgId">): boolean {
  if (actor.apiKey) return actor.apiKey.orgId === o.requesterOrgId;
  return actor.memberships.some((m) => m.orgId === o.requesterOrgId);
}

/** The side the actor acts for; suppliers win when an org is both (it cannot requisition its own resource). */
export function actingParty(actor: Actor, o: OfferContext): Party | null {
  if (isSupplierOf(actor, o)) return "SUPPLIER";
  if (isDispatcherOf(actor, o)) return "REQUESTER";
  return null;
}

export function canReadParty(actor: Actor, o: OfferContext): boolean {
  return isSupplierOf(actor, o) || isRequesterMember(actor, o) || (!actor.apiKey && actor.roles.includes("ADMIN"));
}

/** The assignment's parties, or NOT_FOUND for anyone who is neither side. */
export async function loadParties(db: Db, actor: Actor, assignmentId: string): Promise<OfferContext> {
  let o: OfferContext;
  try {
    o = await loadOffer(db, assignmentId);
  } catch {
    throw notFound();
  }
  if (!canReadParty(actor, o)) throw notFound();
  return o;
}

export async function requireParty(db: Db, actor: Actor, assignmentId: string): Promise<{ o: OfferContext; party: Party }> {
  const o = await loadParties(db, actor, assignmentId);
  const party = actingParty(actor, o);
  if (!party) throw new AppError("FORBIDDEN", "Only the supplier or a dispatcher of the requesting organisation may do this.");
  return { o, party };
}

/** 征用〔2026〕第000123号 style, ASCII in storage: ZY-2026-000123. */
export function formatRequisitionNumber(year: number, seq: number): string {
  return `ZY-${year}-${String(seq).padStart(6, "0")}`;
}
