import { z } from "zod";
import type { ResourceCategory } from "@/server/generated/prisma/enums";

/**
 * Catalogue (ResourceType) schemas, shared by forms, tRPC procedures and the REST API (/api/v1).
 * Every REST procedure needs both an input and an output schema: trpc-to-openapi documents them.
 */

export const RESOURCE_CATEGORIES = ["EXPERT", "TEAM", "EQUIPMENT", "MATERIAL", "SERVICE", "KNIGHT"] as const;

// Compile-time guard: the list above must stay identical to the Prisma enum.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const categoriesMatchPrisma: SameSet<(typeof RESOURCE_CATEGORIES)[number], ResourceCategory> = true;
void categoriesMatchPrisma;

export const ZResourceCategory = z.enum(RESOURCE_CATEGORIES).meta({
  id: "ResourceCategory",
  description: "Top-level resource category.",
  example: "EQUIPMENT",
});
export type TResourceCategory = z.infer<typeof ZResourceCategory>;

/**
 * A boolean that also arrives as a query-string value. trpc-to-openapi coerces plain `z.boolean()`
 * query parameters with `Boolean(value)`, which turns "false" into true; this accepts real booleans
 * (tRPC clients) and the strings "true"/"false" (REST), and rejects anything else.
 */
export const ZQueryBoolean = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean({ error: "Expected true or false." }),
);

export const ZResourceTypeCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Letters, digits, '.', '_' and '-' only.")
  .meta({ description: "Stable catalogue code of the resource type.", example: "PUMP_HIGH_FLOW" });

export const ZListResourceTypesInput = z.object({
  category: ZResourceCategory.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Text search over the Chinese and English names and the code.", example: "水泵" }),
  active: ZQueryBoolean.optional().meta({
    description: "true: only types in use; false: only retired types; omitted: both.",
    example: true,
  }),
});
export type TListResourceTypesInput = z.infer<typeof ZListResourceTypesInput>;

export const ZGetResourceTypeInput = z.object({ code: ZResourceTypeCode });
export type TGetResourceTypeInput = z.infer<typeof ZGetResourceTypeInput>;

export const ZResourceTypeMetric = z
  .object({
    key: z.string().meta({ description: "Capability key used in listings and needs.", example: "flow_m3h" }),
    unit: z.string().meta({ example: "m³/h" }),
    labelZh: z.string().meta({ example: "流量" }),
    labelEn: z.string().meta({ example: "Flow rate" }),
    min: z.number().nullable().meta({ description: "Smallest meaningful value, if any.", example: 0 }),
    max: z.number().nullable().meta({ description: "Largest meaningful value, if any.", example: null }),
  })
  .meta({ id: "ResourceTypeMetric", description: "A capability measured for resources of this type." });
export type TResourceTypeMetric = z.infer<typeof ZResourceTypeMetric>;

export const ZResourceTypeDto = z
  .object({
    id: z.string(),
    code: z.string().meta({ example: "PUMP_HIGH_FLOW" }),
    kind: z.string().meta({ description: "Kind within the category (types of one kind differ by level).", example: "pump" }),
    category: ZResourceCategory,
    nameZh: z.string().meta({ example: "大流量排水泵" }),
    nameEn: z.string().meta({ example: "High-flow drainage pump" }),
    typeLevel: z.number().int().min(1).meta({ description: "1 = most capable.", example: 1 }),
    metrics: z.array(ZResourceTypeMetric),
    defaultUnit: z.string().meta({ example: "unit" }),
    descriptionZh: z.string(),
    descriptionEn: z.string(),
    minimumCriteriaZh: z.string(),
    minimumCriteriaEn: z.string(),
    requiredCredentialKinds: z
      .array(z.string())
      .meta({ description: "Credential kinds a listing of this type must hold (valid, not expired).", example: ["CRANE_OPERATOR"] }),
    active: z.boolean(),
  })
  .meta({ id: "ResourceType", description: "A catalogue entry (NIMS-style typed resource)." });
export type TResourceTypeDto = z.infer<typeof ZResourceTypeDto>;

export const ZResourceTypeList = z
  .object({ items: z.array(ZResourceTypeDto) })
  .meta({ id: "ResourceTypeList", description: "Resource types ordered by category, kind, level and code." });
export type TResourceTypeList = z.infer<typeof ZResourceTypeList>;
