import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors";
import type { TNeedTemplate, TNeedTemplateItem, TNeedTemplatesInput, TTemplateItemInput } from "@/lib/schemas/incidents";
import { NEED_PRIORITIES, type TNeedPriority } from "@/lib/schemas/needs";
import { parseCapabilities } from "@/server/modules/needs/need-dto";
import type { NewNeed } from "@/server/modules/needs/create-need";

/**
 * Pre-scripted need bundles per incident kind (EMAC mission-ready packages). NeedTemplate.items is JSON
 * [{ typeCode, quantity, unit, priority, durationMinutes, requiredCapabilities }] (prisma/seed/need-templates.ts);
 * items whose type is missing or retired are left out rather than breaking the template.
 */

type RawItem = { typeCode: string; quantity: number; unit: string; priority: TNeedPriority; durationMinutes: number; requiredCapabilities: Record<string, number> };

function parseItems(json: Prisma.JsonValue): RawItem[] {
  if (!Array.isArray(json)) return [];
  const out: RawItem[] = [];
  for (const raw of json) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) continue;
    const i = raw as Record<string, Prisma.JsonValue>;
    if (typeof i.typeCode !== "string" || typeof i.quantity !== "number" || i.quantity < 1) continue;
    out.push({
      typeCode: i.typeCode,
      quantity: Math.round(i.quantity),
      unit: typeof i.unit === "string" ? i.unit : "unit",
      priority: (NEED_PRIORITIES as readonly string[]).includes(i.priority as string) ? (i.priority as TNeedPriority) : "URGENT",
      durationMinutes: typeof i.durationMinutes === "number" && i.durationMinutes > 0 ? Math.round(i.durationMinutes) : 720,
      requiredCapabilities: parseCapabilities(i.requiredCapabilities ?? {}),
    });
  }
  return out;
}

const templateSelect = { code: true, incidentKind: true, nameZh: true, nameEn: true, items: true } as const;

async function resolveTemplates(db: Db, rows: Prisma.NeedTemplateGetPayload<{ select: typeof templateSelect }>[]): Promise<TNeedTemplate[]> {
  const parsed = rows.map((r) => ({ ...r, parsed: parseItems(r.items) }));
  const codes = [...new Set(parsed.flatMap((r) => r.parsed.map((i) => i.typeCode)))];
  const types = await db.resourceType.findMany({
    where: { code: { in: codes }, active: true },
    select: { id: true, code: true, category: true, nameZh: true, nameEn: true },
  });
  const byCode = new Map(types.map((t) => [t.code, t]));
  return parsed.map((r) => ({
    code: r.code,
    incidentKind: r.incidentKind,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    items: r.parsed.flatMap((i): TNeedTemplateItem[] => {
      const t = byCode.get(i.typeCode);
      return t ? [{ ...i, typeId: t.id, category: t.category, titleZh: t.nameZh, titleEn: t.nameEn }] : [];
    }),
  }));
}

export async function listNeedTemplates(db: Db, input: TNeedTemplatesInput): Promise<TNeedTemplate[]> {
  const rows = await db.needTemplate.findMany({
    where: { active: true, ...(input.kind ? { incidentKind: input.kind } : {}) },
    select: templateSelect,
    orderBy: [{ incidentKind: "asc" }, { code: "asc" }],
  });
  return resolveTemplates(db, rows);
}

export async function getNeedTemplate(db: Db, code: string): Promise<TNeedTemplate> {
  const row = await db.needTemplate.findFirst({ where: { code, active: true }, select: templateSelect });
  if (!row) throw new AppError("BAD_REQUEST", `No template “${code}”.`, { templateCode: ["Unknown template."] });
  return (await resolveTemplates(db, [row]))[0]!;
}

/** How soon each priority is needed when the template does not say. */
const LEAD_MINUTES: Record<TNeedPriority, number> = { LIFE_SAFETY: 60, URGENT: 120, ROUTINE: 360 };
const DEFAULT_MAX_DISTANCE_KM = 200;

/**
 * The needs a template posts for an incident at `site`: all items, or only those listed in `overrides`
 * (in that order) with their edited quantities and fields. Staging defaults to the incident location.
 */
export function needsFromTemplate(
  template: TNeedTemplate,
  overrides: TTemplateItemInput[] | undefined,
  site: { lat: number; lng: number; address: string },
  now: Date,
): NewNeed[] {
  const picked = overrides ?? template.items.map((i) => ({ typeCode: i.typeCode }) as TTemplateItemInput);
  return picked.map((o, index) => {
    const item = template.items.find((i) => i.typeCode === o.typeCode);
    if (!item) {
      throw new AppError("BAD_REQUEST", `“${o.typeCode}” is not an item of template ${template.code}.`, {
        [`templateItems.${index}.typeCode`]: ["Not an item of this template."],
      });
    }
    const priority = o.priority ?? item.priority;
    return {
      typeId: item.typeId,
      title: o.title ?? item.titleZh,
      requiredCapabilities: item.requiredCapabilities,
      quantity: o.quantity ?? item.quantity,
      unit: item.unit,
      stagingLat: site.lat,
      stagingLng: site.lng,
      stagingAddress: site.address,
      neededBy: o.neededBy ?? new Date(now.getTime() + LEAD_MINUTES[priority] * 60_000),
      durationMinutes: item.durationMinutes,
      priority,
      paymentMode: o.paymentMode ?? "PUBLIC_GOOD",
      maxDistanceKm: o.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM,
      status: "OPEN",
    };
  });
}
