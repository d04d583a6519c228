import { z } from "zod";
import { ZResourceCategory } from "@/lib/schemas/catalogue";

/**
 * Admin create / update of catalogue types, shared by the form and the procedures. Messages are keys in
 * the "catalogue" namespace (`errors.*`), shown next to the field (paths like "metrics.0.max").
 */
export const TYPE_LEVEL_MIN = 1;
export const TYPE_LEVEL_MAX = 5;
export const METRICS_MAX = 12;

/** New codes: upper-case words joined by "-" or "_", e.g. "EQ-PUMP-1" (the seed's style). */
export const TYPE_CODE_PATTERN = /^[A-Z0-9]+(?:[-_][A-Z0-9]+)*$/;
/** A family of levels, e.g. "PUMP", "WATER_RESCUE". */
export const TYPE_KIND_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Metric keys are snake_case: "flow_m3h", "members". */
export const METRIC_KEY_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const CREDENTIAL_KIND_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

const text = (min: number, max: number, requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(min, { error: requiredKey }).max(max, { error: "errors.tooLong" });

const ZMetricNumber = z.number({ error: "errors.numberRequired" }).refine(Number.isFinite, { error: "errors.numberRequired" });

export const ZMetricInput = z
  .object({
    key: z.string({ error: "errors.metricKeyInvalid" }).trim().max(40, { error: "errors.tooLong" }).regex(METRIC_KEY_PATTERN, { error: "errors.metricKeyInvalid" }),
    unit: text(1, 20, "errors.unitRequired"),
    labelZh: text(1, 40, "errors.labelRequired"),
    labelEn: text(1, 60, "errors.labelRequired"),
    min: ZMetricNumber,
    max: ZMetricNumber,
  })
  .refine((m) => !(Number.isFinite(m.min) && Number.isFinite(m.max)) || m.min < m.max, {
    path: ["max"],
    error: "errors.metricRange",
  });
export type TMetricInput = z.infer<typeof ZMetricInput>;

export const ZResourceTypeInput = z.object({
  code: z.string({ error: "errors.codeInvalid" }).trim().min(2, { error: "errors.codeInvalid" }).max(40, { error: "errors.tooLong" }).regex(TYPE_CODE_PATTERN, { error: "errors.codeInvalid" }),
  kind: z.string({ error: "errors.kindInvalid" }).trim().min(2, { error: "errors.kindInvalid" }).max(40, { error: "errors.tooLong" }).regex(TYPE_KIND_PATTERN, { error: "errors.kindInvalid" }),
  category: ZResourceCategory,
  typeLevel: z.coerce
    .number({ error: "errors.levelInvalid" })
    .int({ error: "errors.levelInvalid" })
    .min(TYPE_LEVEL_MIN, { error: "errors.levelInvalid" })
    .max(TYPE_LEVEL_MAX, { error: "errors.levelInvalid" }),
  nameZh: text(2, 60, "errors.nameRequired"),
  nameEn: text(2, 100, "errors.nameRequired"),
  descriptionZh: text(4, 1000, "errors.descriptionRequired"),
  descriptionEn: text(4, 2000, "errors.descriptionRequired"),
  minimumCriteriaZh: text(4, 1000, "errors.criteriaRequired"),
  minimumCriteriaEn: text(4, 2000, "errors.criteriaRequired"),
  metrics: z
    .array(ZMetricInput)
    .max(METRICS_MAX, { error: "errors.tooManyMetrics" })
    .superRefine((metrics, ctx) => {
      const seen = new Set<string>();
      metrics.forEach((m, i) => {
        if (seen.has(m.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "errors.metricKeyDuplicate" });
        seen.add(m.key);
      });
    }),
  defaultUnit: text(1, 20, "errors.unitRequired"),
  requiredCredentialKinds: z
    .array(z.string().trim().max(40, { error: "errors.tooLong" }).regex(CREDENTIAL_KIND_PATTERN, { error: "errors.credentialKindInvalid" }))
    .max(10, { error: "errors.tooManyCredentials" })
    .default([])
    .transform((kinds) => [...new Set(kinds)]),
  active: z.boolean().default(true),
});
export type TResourceTypeInput = z.infer<typeof ZResourceTypeInput>;

export const ZCreateResourceTypeInput = ZResourceTypeInput;
export type TCreateResourceTypeInput = TResourceTypeInput;

export const ZUpdateResourceTypeInput = ZResourceTypeInput.extend({ id: z.string().trim().min(1).max(64) });
export type TUpdateResourceTypeInput = z.infer<typeof ZUpdateResourceTypeInput>;
