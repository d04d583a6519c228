import type { CatalogueEntry, CategoryName } from "./catalogue-types";
import { EXPERT_TYPES } from "./catalogue-experts";
import { TEAM_TYPES } from "./catalogue-teams";
import { EQUIPMENT_TYPES } from "./catalogue-equipment";
import { MATERIAL_TYPES } from "./catalogue-materials";
import { KNIGHT_TYPES, SERVICE_TYPES } from "./catalogue-services";

/** The seed catalogue: NIMS-style resource types with Chinese context, all six categories. */
export const CATALOGUE: CatalogueEntry[] = [
  ...EXPERT_TYPES,
  ...TEAM_TYPES,
  ...EQUIPMENT_TYPES,
  ...MATERIAL_TYPES,
  ...SERVICE_TYPES,
  ...KNIGHT_TYPES,
];

export const CATEGORIES: CategoryName[] = ["EXPERT", "TEAM", "EQUIPMENT", "MATERIAL", "SERVICE", "KNIGHT"];

const BY_CODE = new Map(CATALOGUE.map((e) => [e.code, e]));

export function catalogueEntry(code: string): CatalogueEntry {
  const e = BY_CODE.get(code);
  if (!e) throw new Error(`Unknown resource type code ${code}`);
  return e;
}

/** Every credential kind some type requires (e.g. VESSEL_OPERATOR, MEDICAL_LICENSE, CAAC_UAS_LICENSE). */
export const CREDENTIAL_KINDS: string[] = [...new Set(CATALOGUE.flatMap((e) => e.requiredCredentialKinds))].sort();

/** Who issues each credential kind, and the number format. */
export const CREDENTIAL_ISSUERS: Record<string, { issuer: string; prefix: string }> = {
  VESSEL_OPERATOR: { issuer: "江苏海事局", prefix: "JSMSA" },
  MEDICAL_LICENSE: { issuer: "江苏省卫生健康委员会", prefix: "YS" },
  CAAC_UAS_LICENSE: { issuer: "中国民用航空局", prefix: "CAAC-UAS" },
  CRANE_OPERATOR: { issuer: "江苏省市场监督管理局", prefix: "Q2" },
  HEAVY_EQUIPMENT_OPERATOR: { issuer: "江苏省住房和城乡建设厅", prefix: "JSJX" },
  REGISTERED_SAFETY_ENGINEER: { issuer: "应急管理部", prefix: "AQGCS" },
  REGISTERED_STRUCTURAL_ENGINEER: { issuer: "住房和城乡建设部", prefix: "JG" },
  REGISTERED_FIRE_ENGINEER: { issuer: "应急管理部消防救援局", prefix: "XF" },
  MINE_SAFETY_CERT: { issuer: "国家矿山安全监察局江苏局", prefix: "KS" },
  ELECTRICIAN_LICENSE: { issuer: "江苏省应急管理厅", prefix: "T" },
  PSYCHOLOGICAL_COUNSELOR: { issuer: "中国心理卫生协会", prefix: "XL" },
  HAZMAT_RESPONSE_CERT: { issuer: "江苏省应急管理厅", prefix: "WHP" },
  HAZMAT_TRANSPORT_PERMIT: { issuer: "江苏省交通运输厅", prefix: "WHYS" },
  FOOD_SAFETY_PERMIT: { issuer: "江苏省市场监督管理局", prefix: "JY" },
  DRIVER_LICENSE: { issuer: "江苏省公安厅交通管理局", prefix: "JS" },
};

/** Knight training codes (matched against Need.requiredTrainings). */
export const KNIGHT_TRAININGS = [
  "FIRST_AID",
  "CPR_AED",
  "FLOOD_SAFETY",
  "FIRE_SAFETY",
  "HAZMAT_AWARENESS",
  "TRAFFIC_CONTROL",
] as const;
export type KnightTrainingCode = (typeof KNIGHT_TRAININGS)[number];
