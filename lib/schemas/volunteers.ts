import { z } from "zod";

/**
 * The suppliers' work board (open needs their listings could serve) and "offer to help" (tRPC `volunteer.*`).
 * A board need carries only what any supplier may see: no notes, no contacts, no exact staging address.
 */

export const ZWorkBoardInput = z.object({
  q: z.string().trim().max(100).optional(),
  typeCode: z.string().trim().max(64).optional(),
  /** GB/T 2260 code: a province, city or district; matches the incident's region and everything under it. */
  region: z.string().trim().regex(/^\d{6}$/, "errors.region").optional(),
  /** Nearest suitable listing at most this far from the staging point. */
  maxDistanceKm: z.number().int().min(1).max(2000).optional(),
  /** Needed by this instant or earlier. */
  neededBefore: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TWorkBoardInput = z.input<typeof ZWorkBoardInput>;

export const ZBoardListing = z.object({ id: z.string(), title: z.string(), titleEn: z.string().nullable(), distanceKm: z.number() });

export const ZBoardNeed = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  title: z.string(),
  category: z.string(),
  typeCode: z.string().nullable(),
  typeNameZh: z.string().nullable(),
  typeNameEn: z.string().nullable(),
  requiredCapabilities: z.record(z.string(), z.number()),
  quantity: z.number().int(),
  quantityOpen: z.number().int(),
  unit: z.string(),
  neededBy: z.date(),
  durationMinutes: z.number().int(),
  priority: z.string(),
  paymentMode: z.string(),
  regionCode: z.string(),
  regionNameZh: z.string(),
  regionNameEn: z.string(),
  /** From the caller's nearest suitable listing to the staging point. */
  distanceKm: z.number(),
  /** The caller's listings of a compatible type within range, nearest first (at most 10). */
  listings: z.array(ZBoardListing),
  /** The caller's live offers to help on this need. */
  volunteered: z.array(z.object({ id: z.string(), resourceId: z.string() })),
});
export type TBoardNeed = z.infer<typeof ZBoardNeed>;

export const ZWorkBoard = z.object({ needs: z.array(ZBoardNeed), listingCount: z.number().int() });
export type TWorkBoard = z.infer<typeof ZWorkBoard>;

export const ZVolunteerInput = z.object({
  needId: z.string().trim().min(1).max(64),
  resourceId: z.string().trim().min(1, "errors.chooseListing").max(64),
});
export type TVolunteerInput = z.infer<typeof ZVolunteerInput>;

export const ZWithdrawVolunteerInput = z.object({ id: z.string().trim().min(1).max(64) });

export const ZIncidentVolunteersInput = z.object({ incidentId: z.string().trim().min(1).max(64) });

/** A live offer to help as the incident's dispatchers see it. */
export const ZIncidentVolunteer = z.object({
  id: z.string(),
  needId: z.string(),
  needTitle: z.string(),
  resourceId: z.string(),
  resourceTitle: z.string(),
  resourceTitleEn: z.string().nullable(),
  supplierName: z.string().nullable(),
  supplierNameEn: z.string().nullable(),
  createdAt: z.date(),
  /** Still passes every rule of the candidate query right now. */
  eligible: z.boolean(),
  /** Already in the proposal or offered/booked for this need. */
  inUse: z.boolean(),
});
export type TIncidentVolunteer = z.infer<typeof ZIncidentVolunteer>;

export const ZProposeVolunteerInput = z.object({ id: z.string().trim().min(1).max(64) });

