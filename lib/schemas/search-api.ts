import { z } from "zod";
import { ZQueryBoolean } from "@/lib/schemas/catalogue";
import { parsePoint } from "@/lib/schemas/listing-browse";
import {
  SEARCH_CATEGORIES, SEARCH_DEFAULT_LIMIT, SEARCH_KINDS, SEARCH_MAX_LIMIT, SEARCH_PRICE_MODES, type TSearchRequestInput,
} from "@/lib/schemas/search";

/**
 * The search API as callers see it: tRPC `search.query` / `search.suggest` and REST v1 `GET /search`. Query-string
 * shaped (kinds repeat as `kind`, `near` is "lat,lng", numbers and booleans may arrive as text) so the results
 * page's URL and a REST query carry the same values; `toSearchRequest` turns it into the engines' request
 * (lib/schemas/search.ts). Messages are keys of the "search" namespace (`errors.*`), so a form can show them.
 */

const ZQueryNumber = (inner: z.ZodNumber) => z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), inner);

export const ZSearchKind = z.enum(SEARCH_KINDS, { error: "errors.kind" }).meta({ id: "SearchKind", example: "resource" });

export const ZSearchQueryInput = z.object({
  q: z.string().trim().max(200, { error: "errors.qTooLong" }).optional().meta({ description: "Words to find (Chinese, English, pinyin or initials).", example: "排涝泵车" }),
  kind: z
    .preprocess((v) => (typeof v === "string" ? [v] : v), z.array(ZSearchKind).max(4))
    .optional()
    .meta({ description: "What to find; repeat for several (`kind=resource&kind=need`). Default: every kind the caller may see." }),
  category: z.enum(SEARCH_CATEGORIES, { error: "errors.category" }).optional().meta({ example: "EQUIPMENT" }),
  typeCode: z.string().trim().min(1).max(64).optional().meta({ example: "EQ-PUMP-1" }),
  region: z
    .string()
    .regex(/^\d{6}$/, { error: "errors.region" })
    .optional()
    .meta({ description: "GB/T 2260 code; a city or province includes everything inside it.", example: "320100" }),
  near: z
    .string()
    .trim()
    .refine((s) => parsePoint(s) !== null, { error: "errors.near" })
    .optional()
    .meta({ description: "lat,lng — distances from this point, nearest ranks higher.", example: "32.06,118.79" }),
  radiusKm: ZQueryNumber(z.number({ error: "errors.radius" }).positive({ error: "errors.radius" }).max(2000, { error: "errors.radius" }))
    .optional()
    .meta({ description: "Only with `near`: leave out hits farther than this.", example: 25 }),
  available: ZQueryBoolean.optional().meta({ description: "true: only available listings and open needs." }),
  verified: ZQueryBoolean.optional().meta({ description: "true: only verified organisations and their listings." }),
  priceMode: z.enum(SEARCH_PRICE_MODES, { error: "errors.priceMode" }).optional(),
  limit: ZQueryNumber(z.number({ error: "errors.limit" }).int({ error: "errors.limit" }).min(1, { error: "errors.limit" }).max(SEARCH_MAX_LIMIT, { error: "errors.limit" }))
    .optional()
    .meta({ description: `1–${SEARCH_MAX_LIMIT}, default ${SEARCH_DEFAULT_LIMIT}.`, example: 20 }),
  cursor: z.string().trim().max(1000).optional().meta({ description: "nextCursor from the previous page." }),
}).refine((v) => v.radiusKm === undefined || v.near !== undefined, { error: "errors.radiusNeedsNear", path: ["radiusKm"] });
export type TSearchQueryInput = z.input<typeof ZSearchQueryInput>;
export type TSearchQuery = z.output<typeof ZSearchQueryInput>;

export function toSearchRequest(input: TSearchQuery): TSearchRequestInput {
  const near = input.near ? parsePoint(input.near) : null;
  return {
    q: input.q ?? "",
    kinds: input.kind ?? [],
    ...(input.category ? { category: input.category } : {}),
    ...(input.typeCode ? { typeCode: input.typeCode } : {}),
    ...(input.region ? { region: input.region } : {}),
    ...(near ? { near } : {}),
    ...(input.radiusKm !== undefined ? { radiusKm: input.radiusKm } : {}),
    ...(input.available !== undefined ? { available: input.available } : {}),
    ...(input.verified !== undefined ? { verified: input.verified } : {}),
    ...(input.priceMode ? { priceMode: input.priceMode } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  };
}

const ZCounts = z.record(z.string(), z.number().int());

export const ZSearchHit = z
  .object({
    kind: ZSearchKind,
    id: z.string(),
    title: z.string(),
    titleEn: z.string().nullable(),
    highlight: z.array(z.object({ text: z.string(), match: z.boolean() })).meta({ description: "The title in parts; `match` marks the matched words. Plain text, never HTML." }),
    distanceKm: z.number().optional(),
    lat: z.number().optional(),
    lng: z.number().optional(),
  })
  .meta({ id: "SearchHit" });

export const ZRelaxStep = z.union([
  z.object({ kind: z.literal("dropWord"), word: z.string() }),
  z.object({ kind: z.literal("widenRegion"), from: z.string(), to: z.string() }),
]);

export const ZSearchResult = z
  .object({
    engine: z.enum(["postgres", "meilisearch"]).meta({ description: "Which engine answered." }),
    fellBack: z.enum(["meili-lag-unknown", "meili-lagging", "meili-unreachable"]).optional().meta({ description: "Set when Meilisearch is configured but PostgreSQL answered, and why." }),
    total: z.number().int().meta({ description: "How many documents match: exact unless totalCapped is true, then a lower bound." }),
    totalCapped: z.boolean().meta({ description: "More than 1,000 documents matched: only the 1,000 best candidates (title matches first) were ranked and counted, so total and the facet counts are lower bounds (show as \"1,000+\"). Narrow the query or add filters to see an exact count." }),
    hits: z.array(ZSearchHit),
    facets: z.object({ category: ZCounts, region: ZCounts, typeCode: ZCounts, available: ZCounts, priceMode: ZCounts, verified: ZCounts }),
    nextCursor: z.string().nullable(),
    relaxed: z.array(ZRelaxStep).meta({ description: "When nothing matched as asked: the steps taken (a word dropped, the region widened)." }),
  })
  .meta({ id: "SearchResult" });
export type TSearchResult = z.infer<typeof ZSearchResult>;

export const ZSearchSuggestInput = z.object({ q: z.string().trim().min(1).max(100) });

export const ZSearchSuggestions = z.object({
  engine: z.enum(["postgres", "meilisearch"]),
  groups: z.array(z.object({ kind: ZSearchKind, hits: z.array(ZSearchHit) })),
});
export type TSearchSuggestions = z.infer<typeof ZSearchSuggestions>;
