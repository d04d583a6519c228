import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors";
import type {
  TListResourceTypesInput,
  TResourceTypeDto,
  TResourceTypeList,
  TResourceTypeMetric,
} from "@/lib/schemas/catalogue";

/**
 * Catalogue reads. The catalogue is public reference data for every signed-in role and API client,
 * so reads are not scoped by organisation; writes (admin only) live elsewhere.
 */

export const resourceTypeSelect = {
  id: true,
  code: true,
  kind: true,
  category: true,
  nameZh: true,
  nameEn: true,
  typeLevel: true,
  metrics: true,
  defaultUnit: true,
  descriptionZh: true,
  descriptionEn: true,
  minimumCriteriaZh: true,
  minimumCriteriaEn: true,
  requiredCredentialKinds: true,
  active: true,
} satisfies Prisma.ResourceTypeSelect;

type ResourceTypeRow = Prisma.ResourceTypeGetPayload<{ select: typeof resourceTypeSelect }>;

function asFiniteOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function asString(v: unknown, fallback: string): string {
  return typeof v === "string" ? v : fallback;
}

/**
 * `metrics` is a JSON column written by admins and seeds; read it defensively so one malformed
 * entry cannot break the whole catalogue (entries without a key are dropped).
 */
export function parseMetrics(json: Prisma.JsonValue): TResourceTypeMetric[] {
  if (!Array.isArray(json)) return [];
  const out: TResourceTypeMetric[] = [];
  for (const raw of json) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) continue;
    const m = raw as Record<string, unknown>;
    if (typeof m.key !== "string" || m.key === "") continue;
    out.push({
      key: m.key,
      unit: asString(m.unit, ""),
      labelZh: asString(m.labelZh, m.key),
      labelEn: asString(m.labelEn, m.key),
      min: asFiniteOrNull(m.min),
      max: asFiniteOrNull(m.max),
    });
  }
  return out;
}

/** Prisma's `contains` passes `%` and `_` through as LIKE wildcards; search text means the literal characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function toResourceTypeDto(row: ResourceTypeRow): TResourceTypeDto {
  return { ...row, metrics: parseMetrics(row.metrics) };
}

export async function listResourceTypes(db: Db, input: TListResourceTypesInput): Promise<TResourceTypeList> {
  const where: Prisma.ResourceTypeWhereInput = {};
  if (input.category) where.category = input.category;
  if (input.active !== undefined) where.active = input.active;
  if (input.q) {
    // ILIKE substring match: works for Chinese (no tokenisation needed) and for codes/English names.
    const contains = { contains: escapeLike(input.q), mode: "insensitive" as const };
    where.OR = [{ nameZh: contains }, { nameEn: contains }, { code: contains }];
  }
  const rows = await db.resourceType.findMany({
    where,
    select: resourceTypeSelect,
    orderBy: [{ category: "asc" }, { kind: "asc" }, { typeLevel: "asc" }, { code: "asc" }],
  });
  return { items: rows.map(toResourceTypeDto) };
}

export async function getResourceTypeByCode(db: Db, code: string): Promise<TResourceTypeDto> {
  const row = await db.resourceType.findUnique({ where: { code }, select: resourceTypeSelect });
  if (!row) throw new AppError("NOT_FOUND", `No resource type with code "${code}".`);
  return toResourceTypeDto(row);
}
