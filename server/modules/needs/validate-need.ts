import type { Db } from "@/server/db";
import type { FieldErrors } from "@/server/errors";
import { AppError } from "@/server/errors";
import type { TResourceCategory, TResourceTypeMetric } from "@/lib/schemas/catalogue";
import { NEED_UNITS } from "@/lib/schemas/needs";
import { parseMetrics } from "@/server/modules/catalogue/resource-types";

/**
 * Need checks that depend on the catalogue or the clock (zod already checked ranges and shapes).
 * Pure: the type is loaded by the caller, so the rules are testable without a database.
 */

export type NeedTypeInfo = {
  id: string;
  code: string;
  category: TResourceCategory;
  nameZh: string;
  nameEn: string;
  defaultUnit: string;
  metrics: TResourceTypeMetric[];
};

/** A minute of grace so a form submitted "now" is not refused for clock skew. */
const PAST_GRACE_MS = 60_000;

export function needFieldErrors(
  fields: { unit?: string; requiredCapabilities?: Record<string, number>; neededBy?: Date },
  type: NeedTypeInfo | null,
  now: Date,
): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, msg: string) => (errors[path] ??= []).push(msg);
  if (fields.unit !== undefined) {
    const known = (NEED_UNITS as readonly string[]).includes(fields.unit) || (type !== null && fields.unit === type.defaultUnit);
    if (!known) add("unit", `Unknown unit “${fields.unit}”.`);
  }
  if (fields.neededBy !== undefined && fields.neededBy.getTime() < now.getTime() - PAST_GRACE_MS) {
    add("neededBy", "Needed-by time is in the past.");
  }
  for (const [key, min] of Object.entries(fields.requiredCapabilities ?? {})) {
    const path = `requiredCapabilities.${key}`;
    const metric = type?.metrics.find((m) => m.key === key);
    if (!metric) {
      add(path, type ? `“${key}” is not a capability of ${type.nameEn}.` : "Capability minimums need a catalogue type.");
      continue;
    }
    if ((metric.min !== null && min < metric.min) || (metric.max !== null && min > metric.max)) {
      add(path, `${metric.labelEn} must be between ${metric.min ?? "−∞"} and ${metric.max ?? "∞"} ${metric.unit}.`);
    }
  }
  return errors;
}

export function throwIfFieldErrors(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) {
    const first = Object.values(errors)[0]![0]!;
    throw new AppError("BAD_REQUEST", first, errors);
  }
}

const typeSelect = { id: true, code: true, category: true, nameZh: true, nameEn: true, defaultUnit: true, metrics: true, active: true } as const;

export async function loadNeedType(db: Db, where: { id: string } | { code: string }): Promise<NeedTypeInfo> {
  const row = await db.resourceType.findUnique({ where, select: typeSelect });
  if (!row || !row.active) {
    const field = "id" in where ? "typeId" : "typeCode";
    throw new AppError("BAD_REQUEST", "Unknown or retired resource type.", { [field]: ["Unknown or retired resource type."] });
  }
  return { ...row, metrics: parseMetrics(row.metrics) };
}
