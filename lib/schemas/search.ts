import { z } from "zod";

/**
 * One search over the exchange (header box, results page, REST GET /search). Shared by the procedure, the REST
 * operation and the engines (server/modules/search/search-types.ts re-uses the inferred type).
 */
export const SEARCH_KINDS = ["resource", "need", "organization", "type"] as const;
export const SEARCH_CATEGORIES = ["EXPERT", "TEAM", "EQUIPMENT", "MATERIAL", "SERVICE", "KNIGHT"] as const;
/** Listings' pricing modes and needs' payment modes share the facet. */
export const SEARCH_PRICE_MODES = ["FREE", "HOURLY", "DAILY", "PER_USE", "PER_KM", "PUBLIC_GOOD", "PAID", "REIMBURSABLE"] as const;
export const SEARCH_MAX_LIMIT = 50;
export const SEARCH_DEFAULT_LIMIT = 20;

export const ZSearchRequest = z.object({
  q: z.string().trim().max(200).default(""),
  kinds: z.array(z.enum(SEARCH_KINDS)).max(4).default([]),
  category: z.enum(SEARCH_CATEGORIES).optional(),
  typeCode: z.string().trim().min(1).max(64).optional(),
  /** GB/T 2260 code of a province, city or district: matches it and everything inside it. */
  region: z.string().regex(/^\d{6}$/).optional(),
  near: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  /** Only with `near`: hits farther than this are left out. */
  radiusKm: z.number().positive().max(2000).optional(),
  available: z.boolean().optional(),
  verified: z.boolean().optional(),
  priceMode: z.enum(SEARCH_PRICE_MODES).optional(),
  limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_DEFAULT_LIMIT),
  cursor: z.string().max(1000).optional(),
  /** "No dead ends": when nothing matches, relax step by step (default on). */
  relax: z.boolean().default(true),
});
export type TSearchRequestInput = z.input<typeof ZSearchRequest>;
export type TSearchRequest = z.output<typeof ZSearchRequest>;
