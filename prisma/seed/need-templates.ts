import type { Prisma } from "@/server/generated/prisma/client";
import { catalogueEntry } from "./catalogue-data";
import type { IncidentKindName, PriorityName } from "./incident-types";
import type { Rng } from "./random";

/**
 * Need bundles per incident kind (NeedTemplate.items = [{ typeCode, quantity, unit, priority,
 * durationMinutes, requiredCapabilities }]). A requester picks one and adjusts quantities.
 */
type Item = [typeCode: string, quantity: number, priority: PriorityName, durationHours: number, caps?: Record<string, number>];

interface TemplateSpec {
  code: string;
  incidentKind: IncidentKindName;
  nameZh: string;
  nameEn: string;
  items: Item[];
}

const TEMPLATES: TemplateSpec[] = [
  { code: "FLOOD-URBAN-DISTRICT", incidentKind: "FLOOD", nameZh: "城市内涝（区级）", nameEn: "Urban flood (district)", items: [
    ["EQ-PUMP-1", 2, "URGENT", 12, { flow_m3h: 1000 }], ["EQ-PUMP-2", 4, "URGENT", 12, { flow_m3h: 500 }], ["EQ-BOAT-1", 4, "LIFE_SAFETY", 8, { seats: 10 }],
    ["MT-SANDBAG", 5000, "URGENT", 24], ["EX-HYDRO-1", 1, "URGENT", 12], ["EQ-LIGHT-1", 4, "ROUTINE", 12], ["KN-DELIVERY", 20, "URGENT", 2],
  ] },
  { code: "FLOOD-RIVER-DIKE", incidentKind: "FLOOD", nameZh: "江河堤防险情", nameEn: "River dike emergency", items: [
    ["TM-ENG-1", 2, "LIFE_SAFETY", 48], ["MT-SANDBAG", 20000, "URGENT", 72], ["MT-STONE", 500, "URGENT", 72], ["EQ-EXCAV-1", 2, "URGENT", 48],
    ["EQ-DUMP-1", 6, "URGENT", 48], ["EX-HYDRO-1", 2, "URGENT", 72], ["MT-LIFEJACKET", 200, "LIFE_SAFETY", 72],
  ] },
  { code: "TYPHOON-CITY", incidentKind: "TYPHOON", nameZh: "台风防御与灾后恢复（市级）", nameEn: "Typhoon response and recovery (city)", items: [
    ["EQ-PUMP-1", 4, "URGENT", 24], ["EQ-GEN-2", 6, "URGENT", 48], ["TM-POWER-1", 2, "URGENT", 72], ["MT-TENT-2", 200, "URGENT", 72],
    ["MT-FOOD", 300, "ROUTINE", 72], ["EQ-DRONE-2", 3, "ROUTINE", 12], ["EX-METEO-1", 1, "URGENT", 48],
  ] },
  { code: "HAZMAT-RELEASE", incidentKind: "HAZMAT", nameZh: "危险化学品泄漏", nameEn: "Hazardous chemical release", items: [
    ["TM-HAZMAT-1", 1, "LIFE_SAFETY", 24], ["EX-HAZMAT-1", 2, "URGENT", 24], ["EQ-GASDET-1", 10, "URGENT", 24, { gases: 4 }],
    ["MT-PPE", 500, "URGENT", 48], ["TM-MED-2", 1, "URGENT", 12], ["KN-DELIVERY", 10, "ROUTINE", 2],
  ] },
  { code: "FOREST-FIRE", incidentKind: "FOREST_FIRE", nameZh: "森林火灾", nameEn: "Forest fire", items: [
    ["TM-FOREST-1", 2, "LIFE_SAFETY", 24], ["EQ-DRONE-2", 4, "URGENT", 24], ["EQ-TANKER-1", 4, "URGENT", 24], ["EX-FOREST-1", 1, "URGENT", 24], ["MT-WATER", 100, "ROUTINE", 24],
  ] },
  { code: "COLLAPSE-USAR", incidentKind: "STRUCTURAL_COLLAPSE", nameZh: "建筑坍塌搜救", nameEn: "Building collapse search and rescue", items: [
    ["TM-USAR-2", 1, "LIFE_SAFETY", 72], ["EX-STRUCT-1", 2, "URGENT", 48], ["EQ-CRANE-1", 1, "URGENT", 24], ["EQ-AMB-1", 2, "LIFE_SAFETY", 24],
    ["EQ-LIGHT-1", 4, "URGENT", 24], ["SV-STRUCTMON", 1, "ROUTINE", 72],
  ] },
  { code: "GEOHAZARD-LANDSLIDE", incidentKind: "GEOLOGICAL", nameZh: "山体滑坡", nameEn: "Landslide", items: [
    ["EX-GEO-1", 2, "URGENT", 48], ["EQ-EXCAV-1", 3, "URGENT", 36], ["TM-MOUNTAIN-1", 1, "LIFE_SAFETY", 24], ["SV-DRONEMAP", 1, "URGENT", 24],
  ] },
  { code: "PUBLIC-HEALTH-OUTBREAK", incidentKind: "PUBLIC_HEALTH", nameZh: "聚集性疫情处置", nameEn: "Disease outbreak response", items: [
    ["EX-EPI-1", 2, "URGENT", 72], ["TM-EPI-1", 1, "URGENT", 96], ["MT-DISINFECT", 800, "ROUTINE", 96], ["MT-PPE", 500, "ROUTINE", 96], ["EQ-COLD-1", 1, "ROUTINE", 48],
  ] },
  { code: "TRAFFIC-PILEUP", incidentKind: "TRAFFIC", nameZh: "高速公路多车事故", nameEn: "Motorway pile-up", items: [
    ["EQ-CRANE-1", 2, "URGENT", 10], ["EQ-AMB-1", 6, "LIFE_SAFETY", 6], ["TM-MED-2", 2, "LIFE_SAFETY", 8], ["MT-BLANKET", 300, "ROUTINE", 12], ["MT-WATER", 200, "ROUTINE", 12],
  ] },
  { code: "BUILDING-FIRE", incidentKind: "BUILDING_FIRE", nameZh: "建筑火灾", nameEn: "Building fire", items: [
    ["TM-FIRE-1", 2, "LIFE_SAFETY", 12], ["EQ-TANKER-1", 3, "URGENT", 12], ["EX-FIRE-1", 1, "URGENT", 12], ["SV-PSYHOTLINE", 1, "ROUTINE", 168],
  ] },
  { code: "GAS-EXPLOSION", incidentKind: "GAS", nameZh: "燃气爆炸", nameEn: "Gas explosion", items: [
    ["TM-USAR-3", 1, "LIFE_SAFETY", 12], ["EX-STRUCT-2", 1, "URGENT", 12], ["EQ-GASDET-1", 4, "URGENT", 12], ["EQ-AMB-2", 2, "LIFE_SAFETY", 8],
  ] },
  { code: "DUST-EXPLOSION", incidentKind: "DUST_EXPLOSION", nameZh: "粉尘爆炸", nameEn: "Dust explosion", items: [
    ["TM-FIRE-1", 1, "LIFE_SAFETY", 12], ["TM-MED-1", 1, "LIFE_SAFETY", 24], ["EX-HAZMAT-1", 1, "URGENT", 24], ["EX-STRUCT-1", 1, "URGENT", 24],
  ] },
];

export function buildNeedTemplates(rng: Rng, now: Date): Prisma.NeedTemplateCreateManyInput[] {
  return TEMPLATES.map((t) => ({
    id: rng.fork("template", t.code).id(),
    code: t.code,
    incidentKind: t.incidentKind,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    items: t.items.map(([typeCode, quantity, priority, durationHours, caps]) => ({
      typeCode,
      quantity,
      unit: catalogueEntry(typeCode).defaultUnit,
      priority,
      durationMinutes: durationHours * 60,
      requiredCapabilities: caps ?? {},
    })),
    active: true,
    createdAt: now,
    updatedAt: now,
  }));
}

export const NEED_TEMPLATE_CODES = TEMPLATES.map((t) => t.code);
