import { z } from "zod";

/** Match schemas: ranked, explained candidates for a need (tRPC `match.candidates`, REST POST /needs/{id}/match). */

export const ZMatchCandidatesInput = z.object({
  id: z.string().trim().min(1).max(64).meta({ description: "Need id" }),
  limit: z.number().int().min(1).max(100).optional().meta({ description: "How many candidates (default 20)" }),
});
export type TMatchCandidatesInput = z.infer<typeof ZMatchCandidatesInput>;

const ZPart = z.object({ value: z.number(), weight: z.number() });

export const ZMatchCandidateDto = z
  .object({
    resourceId: z.string(),
    title: z.string(),
    /** The listing's English title, null when it has none (English clients show it instead of `title`). */
    titleEn: z.string().nullable(),
    typeId: z.string(),
    typeCode: z.string(),
    typeLevel: z.number().int(),
    supplier: z.object({
      kind: z.enum(["ORGANIZATION", "INDIVIDUAL"]),
      orgId: z.string().nullable(),
      name: z.string().nullable(),
      nameEn: z.string().nullable(),
    }),
    distanceKm: z.number(),
    lat: z.number(),
    lng: z.number(),
    availableQuantity: z.number().int(),
    capabilities: z.record(z.string(), z.number()),
    mobilizationMinutes: z.number().int(),
    pricingMode: z.string(),
    priceCents: z.number().int(),
    score: z.number(),
    breakdown: z.object({ eta: ZPart, capabilityFit: ZPart, reliability: ZPart, cost: ZPart, fairness: ZPart }),
    etaMinutes: z.number(),
    slackMinutes: z.number(),
    onTime: z.boolean(),
    explanation: z.object({ zh: z.string(), en: z.string() }),
    /**
     * Set when the supplier offered this listing for the need from its work board ("offer to help"): it passed
     * every rule like any candidate; it is listed even when it ranks below `limit`.
     */
    volunteered: z.object({ volunteerId: z.string(), at: z.date() }).nullable(),
  })
  .meta({ id: "MatchCandidate" });
export type TMatchCandidateDto = z.infer<typeof ZMatchCandidateDto>;

export const ZMatchResult = z
  .object({
    need: z.object({
      id: z.string(),
      incidentId: z.string(),
      title: z.string(),
      status: z.string(),
      typeCode: z.string().nullable(),
      category: z.string(),
      priority: z.string(),
      quantity: z.number().int(),
      quantityOpen: z.number().int(),
      unit: z.string(),
      neededBy: z.date(),
      maxDistanceKm: z.number().int(),
    }),
    candidates: z.array(ZMatchCandidateDto),
    generatedAt: z.date(),
  })
  .meta({ id: "MatchResult" });
export type TMatchResult = z.infer<typeof ZMatchResult>;
